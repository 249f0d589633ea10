import { describe, expect, it } from 'vitest';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

/** Joins pieces at run time: no credential-shaped literal in the repo (scripts/scan-repo-secrets.ts). */
const join = (...parts: string[]) => parts.join('');
const pw = join('R3al', 'V4lue!');

// A label under a credential name was masked as the credential: UI strings and resource
// files hold `Password:` as the text of `<string name="prompt_password">` (Android) or
// `<data name="Password"><value>` (.resx), and the colon beside letters passed the value
// check. The words and their colon are a label, in any language.
describe('a label as the text or value of a credential-named XML element', () => {
  it.each([
    ['Android string', '<string name="prompt_password">Password:</string>'],
    ['.resx', '<data name="Password" xml:space="preserve">\n  <value>Password:</value>\n</data>'],
    ['.resx, German', '<data name="Password"><value>Passwort:</value></data>'],
    ['French, a space before the colon', '<string name="password_label">Mot de passe :</string>'],
    ['Russian', '<string name="pref_password">Пароль:</string>'],
    ['Chinese, full-width colon', '<string name="password">密码：</string>'],
    ['two words', '<entry key="api.key">API Key:</entry>'],
    ['element text', '<Password>Password:</Password>'],
    ['CDATA', '<password><![CDATA[Password:]]></password>'],
    ['value attribute', '<add key="password" value="Password:"/>'],
  ])('%s is left as it is', (_, text) => {
    expect(detectSecrets(text)).toEqual([]);
    expect(createRedactor().redactText(text).text).toBe(text);
  });

  it('labels in other elements stay as they are (they were never read)', () => {
    for (const text of [
      '<label>Password:</label>',
      '<label for="password">Password:</label>',
      '<td>Password:</td>',
      '<th>API Key:</th>',
    ]) {
      expect(detectSecrets(text), text).toEqual([]);
    }
  });

  it('a value with a colon and more than letters is still a credential', () => {
    for (const [text, value] of [
      [`<Password>${pw}</Password>`, pw],
      [`<password>${join('Tr0ub', '4dor:')}</password>`, join('Tr0ub', '4dor:')],
      [`<password>${join('s3cr3t', ':Xy9')}</password>`, join('s3cr3t', ':Xy9')],
      [`<add key="Password" value="${join(':Sec', 'ret')}"/>`, join(':Sec', 'ret')],
      [`<string name="db_password">${join('Pass', 'word:x9')}</string>`, join('Pass', 'word:x9')],
    ] as const) {
      expect(spans(text), text).toEqual([value]);
    }
  });

  // A label's words are written as words are: lower case, Capitalised or in capitals.
  // Letters in a random mix of cases are a generated password that happens to end with a
  // colon, and the label rule let them through.
  it('letters in a mixed case with a final colon are still a credential', () => {
    const mixed = join('qXzT', 'rWbK', 'mP:');
    const word = join('hUnT', 'eRtWo:');
    for (const [text, value] of [
      [`<password>${mixed}</password>`, mixed],
      [`<add key="SmtpPassword" value="${mixed}"/>`, mixed],
      [`<string name="db_password">${word}</string>`, word],
    ] as const) {
      expect(spans(text), text).toEqual([value]);
    }
  });

  it('a long element text is judged in linear time', () => {
    expectLinearTime(
      (n) => {
        const letters = 'a'.repeat(n);
        return `<password>${letters}:</password><password>${letters} </password>`;
      },
      detectSecrets,
      1_000_000,
    );
  });
});

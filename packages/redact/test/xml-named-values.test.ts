import { describe, expect, it } from 'vitest';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

/** Joins pieces at run time: no credential-shaped literal in the repo (scripts/scan-repo-secrets.ts). */
const join = (...parts: string[]) => parts.join('');
const pw = join('hunter', '2!x');
const key = join('a8f3kd93', 'jf83kd9sl2');

// Config XML names a setting in one attribute and holds its value in another or in the
// element's text: .NET appSettings, Spring beans, Hibernate, Java's properties XML. The
// name is no assignment key (`key="DbPassword"`), so the password went in clear.
describe('credentials named by an XML attribute', () => {
  it.each([
    ['.NET appSettings', `<add key="DbPassword" value="${pw}" />`, pw],
    ['Spring property', `<property name='password' value='${pw}'/>`, pw],
    ['Hibernate', `<property name="hibernate.connection.password">${pw}</property>`, pw],
    ['Java properties XML', `<entry key="api.token">\n  ${key}\n</entry>`, key],
    ['value before the name', `<add value="${key}" key="ApiKey"/>`, key],
    [
      'a Spring <value> child',
      `<property name="password">\n  <value>${pw}</value>\n</property>`,
      pw,
    ],
    ['a CDATA section', `<entry key="db.password"> <![CDATA[${pw}<x]]> </entry>`, join(pw, '<x')],
    ['a prefilled form field', `<input type="password" name="password" value="${pw}">`, pw],
    // Quotes escaped as JSON escapes them: a request or a config file logged in a string.
    ['in a JSON string', `{"body":"<add key=\\"DbPassword\\" value=\\"${pw}\\" />"}`, pw],
    [
      'in a JSON string, text after it',
      `{"xml":"<entry key=\\"api.token\\">${key}<\\/entry>"}`,
      key,
    ],
  ])('%s', (_, text, value) => {
    expect(spans(text)).toEqual([value]);
    expect(createRedactor().redactText(text).text).not.toContain(value);
  });

  it('other settings, placeholders and empty values stay as they are', () => {
    for (const text of [
      '<add key="ApiKeyHeader" value="X-Api-Key"/>',
      '<add key="TokenLifetime" value="3600"/>',
      join('<property name="password" value="$', '{jdbc.password}"/>'),
      '<param name="token" value="{{token}}"/>',
      '<input type="password" name="password" value="">',
      '<input name="password" placeholder="Password">',
      `<meta name="description" content="${key}">`,
      `<property name="password"><value><ref bean="x"/></value></property>`,
      `<entry key="password"><![CDATA[${key}</entry>`,
      `<label for="password">${key}</label>`,
    ]) {
      expect(detectSecrets(text), text).toEqual([]);
    }
  });

  it('stays linear on runs of tags and attributes', () => {
    const size = 1_000_000;
    const rep = (unit: string) => (n: number) =>
      unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
    for (const make of [
      rep(' name="password"'),
      rep('<a name="password" '),
      rep('<add key="ApiKey" value="x">'),
      rep('<p name="token">'),
      rep('<a name="token"><![CDATA['),
      rep('<a name="token"> <value>x'),
      // One tag holding every attribute: each one's tag was sliced and searched again.
      (n: number) => `<a${rep(' name="password"')(n)}>`,
      (n: number) => `<a${rep(' key="api_key"')(n)} value="x">`,
    ]) {
      expectLinearTime(make, detectSecrets, size);
    }
  });
});

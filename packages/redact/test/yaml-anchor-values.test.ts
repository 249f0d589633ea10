import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// After YAML's `: ` a value starting with `&` or `)` passed in clear: a bare value could
// not start with either. An anchor names the value that follows it (`password: &db_pw
// <value>`, reused elsewhere as `*db_pw`), and a Django key written unquoted on an env
// line may start with `)` or `&` (its alphabet holds both). Values are generated.
const rng = createPrng(202612077);
const value = `${rng.chars(BASE62, 14)}6v`;
const DJANGO = 'abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)';
/** A Django key (`get_random_secret_key()`'s alphabet) starting with `start`. */
function djangoKey(start: string): string {
  for (;;) {
    const k = `${start}${rng.chars(DJANGO, 49)}`;
    if (/\d/.test(k) && /[!@#$%^*=+]/.test(k.slice(1))) return k;
  }
}
const closing = djangoKey(')');
const ampersand = djangoKey('&');

describe('a YAML value starting with & or )', () => {
  it.each([
    ['after an anchor', `db:\n  password: &db_pw ${value}\nreplica:\n  password: *db_pw\n`, value],
    ['after an anchor, quoted', `  DB_PASSWORD: &pw "${value}"`, value],
    ['after an anchor, in a list', `  - token: &t ${value}`, value],
    ['a Django key starting with )', `environment:\n  DJANGO_SECRET_KEY: ${closing}\n`, closing],
    ['a Django key starting with &', `  SECRET_KEY: ${ampersand}\n  DEBUG: "0"`, ampersand],
  ])('%s', (_, text, secret) => {
    expect(spans(text)).toEqual([secret]);
    expect(createRedactor().redactText(text).text).not.toContain(secret);
  });

  it.each([
    // An anchor on a mapping or list: the value is below it, and is read there.
    'credentials: &creds\n  user: bob\n',
    'DB_CREDENTIALS: &db_creds\n  - a\n',
    'SECRET_KEY: &secret_key_anchor',
    // An alias or an anchor of a placeholder.
    'password: *db_pw',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal `${…}` placeholder is the test case
    'password: &pw ${DB_PASSWORD}',
    // `)` or `&` first in code, not on an env line.
    'secretKey: )',
    'const o = { token: &value };',
    `{ TOKEN: )${value}, x: 1 }`,
  ])('leaves %s alone', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it('stays linear', () => {
    expectLinearTime((n) => 'pw: &a '.repeat(n / 7), detectSecrets, 1_000_000);
    expectLinearTime((n) => `SECRET: &${'a'.repeat(n)}`, detectSecrets, 1_000_000);
    expectLinearTime((n) => 'SECRET: )a(\n'.repeat(n / 12), detectSecrets, 1_000_000);
  });
});

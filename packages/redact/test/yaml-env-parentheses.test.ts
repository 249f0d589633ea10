import { describe, expect, it } from 'vitest';
import { createPrng } from '../../../test/support/prng.js';
import { detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// `DJANGO_SECRET_KEY: k3#v9(u)…` in YAML (compose `environment:` maps, ConfigMaps) passed
// in clear: decision 0031 read parentheses as the value's own on an env file's `NAME=`
// line only, and after YAML's `: ` a bare value holding `(` was still code. Values are
// generated, each with both parentheses, starting with a letter: a plain YAML scalar
// cannot start with `&` (an anchor), `*` (an alias), `!`, `%` or `@`.
const rng = createPrng(202612074);
const DJANGO = 'abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*-_=+';
const djangoKey = () =>
  `k${rng.chars(DJANGO, 20)}(${rng.chars(DJANGO, 12)})${rng.chars(DJANGO, 8)}9`;

describe("parentheses in an env value written as YAML's `NAME: value`", () => {
  it.each([
    [
      'a compose environment map',
      (k: string) => `    environment:\n      DJANGO_SECRET_KEY: ${k}\n      DEBUG: "0"\n`,
    ],
    ['a ConfigMap', (k: string) => `data:\n  SECRET_KEY: ${k}\n`],
    ['a list item', (k: string) => `  - DJANGO_SECRET_KEY: ${k}`],
    ['at the text end', (k: string) => `DJANGO_SECRET_KEY: ${k}`],
  ])('%s', (_, make) => {
    const key = djangoKey();
    expect(spans(make(key))).toEqual([key]);
  });

  it.each([
    '  SECRET_KEY: getKey(),',
    '  SECRET_KEY: get_random_secret_key()',
    '  SECRET_KEY: os.environ.get(x)',
    '  DB_PASSWORD: $(cat /run/secrets/db_password)',
    '  DB_PASSWORD: %(db_password)s',
    '  API_TOKEN: !fn(x),',
    // A JS object's member, cut at its `,`: code.
    '  AUTH_TOKEN: token?.slice(0,8),',
    '  SECRET_KEY: SECRET_KEY_PREFIX+hash(x)+SUFFIX,',
    // Not first on its line, or not an env name.
    'const x = { SECRET_KEY: k3v9(u)xm2zq^w8*e)r1t_p }',
    'options:\n  secretKey: k3v9(u)xm2zq^w8*e)r1t_p\n',
  ])('leaves %s', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it('reads each line once: linear', () => {
    expectLinearTime((n) => 'SECRET_KEY: a(b)9\n'.repeat(n / 18), detectSecrets, 1_000_000);
    expectLinearTime((n) => `SECRET_KEY: ${'(a)9='.repeat(n / 5)}`, detectSecrets, 1_000_000);
  });
});

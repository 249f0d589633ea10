import { describe, expect, it } from 'vitest';
import { createPrng } from '../../../test/support/prng.js';
import { detectSecrets } from '../src/index.js';

// Prettier breaks a long string onto the next line (`password:\n    "…"`,
// `const token =\n  '…'`), and YAML allows a quoted scalar there: the value was read only
// on the key's own line, so these stayed in clear.
const rng = createPrng(20261211);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const value = rng.chars(ALNUM, 24);

describe('a quoted credential value on the line after its key', () => {
  it.each([
    [
      'an object literal, as Prettier breaks it',
      `const config = {\n  password:\n    "${value}",\n};`,
    ],
    ['an assignment', `const apiKey =\n    '${value}';`],
    ['JSON', `{\n  "client_secret":\n    "${value}"\n}`],
    ['YAML, CRLF', `db:\r\n  password:\r\n    "${value}"\r\n`],
  ])('%s', (_, text) => {
    expect(detectSecrets(text).map((f) => text.slice(f.start, f.end))).toEqual([value]);
  });

  it('a nested key or a list on the next line is not the value', () => {
    for (const text of [`password:\n  nested: "${value}"`, `secrets:\n  - "${value}"`]) {
      expect(detectSecrets(text), text).toEqual([]);
    }
  });
});

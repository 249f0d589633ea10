import { describe, expect, it } from 'vitest';
import { createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';

// A quoted value in a percent-encoded query or form is read bare, quotes and all: the
// encoded quotes were masked with it (`TOKEN%3D%22[SECRET_1]`: the closing `%22` gone),
// and redacting that output again read `%22[SECRET_1` as a value and masked the
// placeholder (`[SECRET_2]]`): redaction was not idempotent.
const rng = createPrng(20261209);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const value = rng.chars(ALNUM, 20);

describe('a credential value between percent-encoded quotes', () => {
  it.each([
    ['an encoded assignment', `TOKEN%3D%22${value}%22`, 'TOKEN%3D%22[SECRET_1]%22'],
    ['in a query, double quotes', `?token=%22${value}%22&a=1`, '?token=%22[SECRET_1]%22&a=1'],
    ['in a query, single quotes', `?token=%27${value}%27&a=1`, '?token=%27[SECRET_1]%27&a=1'],
    [
      'encoded twice',
      `next%3Dapi_key%253D%2522${value}%2522`,
      'next%3Dapi_key%253D%2522[SECRET_1]%2522',
    ],
    [
      'whole, encoded',
      encodeURIComponent(`OPENAI_API_KEY="${value}"`),
      'OPENAI_API_KEY%3D%22[SECRET_1]%22',
    ],
  ])('%s: the quotes stay', (_, text, expected) => {
    expect(createRedactor().redactText(text).text).toBe(expected);
    const found = detectSecrets(text);
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual([value]);
  });

  it('redacting the output again changes nothing', () => {
    for (const text of [`TOKEN%3D%22${value}%22`, `TOKEN=%22${value}%22`, `TOKEN%3D%22${value}`]) {
      const r = createRedactor();
      const once = r.redactText(text).text;
      expect(r.redactText(once).text, text).toBe(once);
      expect(detectSecrets(once), once).toEqual([]);
    }
  });

  it('an unclosed encoded quote is left outside the value', () => {
    const text = `?token=%22${value}&a=1`;
    expect(detectSecrets(text).map((f) => text.slice(f.start, f.end))).toEqual([value]);
  });
});

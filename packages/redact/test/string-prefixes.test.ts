import { describe, expect, it } from 'vitest';
import { createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';

// A quoted value with a string prefix (Python's `b'…'`, `r'…'`, `u'…'`, `rb'…'`) was read
// as the bare value `b`, too short to be a secret: Flask's `SECRET_KEY = b'…'` stayed in
// clear. Only C#'s `@"…"` was known.
const rng = createPrng(20261208);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const key = rng.chars(ALNUM, 32);

describe('a credential value quoted with a string prefix', () => {
  it.each([
    ['bytes', `SECRET_KEY = b'${key}'`],
    ['bytes, double quotes', `app.secret_key = b"${key}"`],
    ['raw bytes', `secret_key = rb'${key}'`],
    ['raw bytes, upper case', `secret_key = BR'${key}'`],
    ['unicode', `password = u"${key}"`],
    ['raw', `api_key: r'${key}'`],
    ['C# verbatim', `var password = @"${key}";`],
  ])('%s: the value between the quotes is the secret', (_, text) => {
    const found = detectSecrets(text);
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual([key]);
    expect(createRedactor().redactText(text).text).not.toContain(key);
  });

  it('a bare value starting with such a letter is read whole', () => {
    const value = `rb${rng.chars(ALNUM, 12)}9`;
    const text = `password = ${value}`;
    expect(detectSecrets(text).map((f) => text.slice(f.start, f.end))).toEqual([value]);
  });

  it('an f-string of code stays', () => {
    expect(detectSecrets(`token = f"Bearer {tok}"`)).toEqual([]);
    expect(detectSecrets(`api_key = f"{os.environ['API_KEY']}"`)).toEqual([]);
  });
});

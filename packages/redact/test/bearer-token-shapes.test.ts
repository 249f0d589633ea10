import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';

const rng = createPrng(20261206);
const hex = (n: number) => rng.chars('0123456789abcdef', n);

/** The one secret found in `text`, as text. */
function onlySecret(text: string): string | undefined {
  const found = detectSecrets(text);
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0] === undefined ? undefined : text.slice(found[0].start, found[0].end);
}

// A bearer credential the token shape check turned away stayed in clear: after an
// `Authorization` header one under eight characters, and outside one (a log line, a
// `Bearer <token>` pasted into a prompt) any token under 16 characters or without a digit,
// such as base64 with `~+/=` in it.
describe('bearer tokens of every shape a server issues', () => {
  const letters = BASE62.replace(/[0-9]/g, '');
  const opaque = `${rng.chars(letters, 7)}~${rng.chars(letters, 6)}+${rng.chars(letters, 5)}/${rng.chars(letters, 3)}==`;
  const shortHex = hex(12);
  const short = `${rng.chars(BASE62, 4)}42`;

  it.each([
    ['opaque with ~+/= after the header', `Authorization: Bearer ${opaque}`, opaque],
    ['opaque with ~+/= alone', `retry with Bearer ${opaque} next`, opaque],
    ['12 hex digits alone', `Bearer ${shortHex}`, shortHex],
    ['six characters after the header', `Authorization: Bearer ${short}`, short],
    ['after a PHP array arrow', `'Authorization' => 'Bearer ${short}'`, short],
  ])('%s', (_, text, value) => {
    expect(onlySecret(text)).toBe(value);
    expect(createRedactor().redactText(text).text).not.toContain(value);
  });

  it('prose, words and placeholders after Bearer stay as they are', () => {
    for (const text of [
      'the bearer of the letter',
      'Hand it to the bearer of this note.',
      'Bearer tokens are described in RFC 6750.',
      'Authorization: Bearer tokens expire after an hour.',
      'Authorization: Bearer header missing',
      'payable to bearer on demand, 2024',
      'bearer instrument/negotiable',
      'the bearer e2e-tests passed',
      'use the Bearer scheme+realm',
      'Authorization: Bearer TOKEN',
      'Authorization: Bearer test',
      'Authorization: Bearer abc',
      'Authorization: Bearer <token>',
      'Authorization: Bearer $TOKEN',
    ]) {
      expect(detectSecrets(text)).toEqual([]);
    }
  });
});

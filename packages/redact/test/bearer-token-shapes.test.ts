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

// The token ran only over RFC 6750's characters: a token with another one (`!`, `:`, `@`,
// `%`, as some servers issue) was cut there, `Bearer abc!def` stayed in clear and a longer
// one came out as `Bearer [SECRET_1]!jf83…`, its tail in clear.
describe('bearer tokens holding characters outside the RFC token set', () => {
  const head = rng.chars(BASE62, 10);
  const tail = rng.chars(BASE62, 12);

  it.each([
    ['a short one after the header', 'Authorization: Bearer abc!def', 'abc!def'],
    ['`!` inside', `Authorization: Bearer ${head}!${tail}`, `${head}!${tail}`],
    [
      '`:` inside, in a curl header',
      `curl -H "authorization: bearer ${head}:${tail}" x`,
      `${head}:${tail}`,
    ],
    [
      '`@` and `%` inside, in JSON',
      `{"Authorization":"Bearer ${head}@${tail}%21"}`,
      `${head}@${tail}%21`,
    ],
    ['without the header', `retry with Bearer ${head}!${tail} now`, `${head}!${tail}`],
  ])('%s', (_, text, value) => {
    expect(onlySecret(text)).toBe(value);
    expect(createRedactor().redactText(text).text).not.toContain(tail.slice(-6));
  });

  it('variables and markup after Bearer stay as they are', () => {
    for (const text of [
      'Authorization: Bearer %ACCESS_TOKEN%',
      'curl -H "Authorization: Bearer $(gcloud auth print-access-token)"',
      'Authorization: Bearer {{access_token}}',
      'Authorization: Bearer [REDACTED]',
      'the bearer (holder) of it',
      'Bearer me@example.com',
      'mail the bearer: ops@company.io',
      // `:` is a token character now, so a URL after "bearer" is read whole: no token.
      'the bearer https://api.acme.io/v1/oauth2 path',
      'Authorization: Bearer https://api.acme.io/v1/oauth2',
    ]) {
      expect(detectSecrets(text), text).toEqual([]);
    }
  });
});

// The header was recognised only with plain quotes around its name and value: JSON inside
// a JSON string (a logged request: `\"Authorization\":\"Bearer …\"`), a Python dict
// index (`headers['Authorization'] = …`) and an f-string (`f'Bearer {…}'`) hid it, and a
// short or word-like token after it stayed in clear.
describe('the Authorization header in escaped JSON and in code', () => {
  it.each([
    ['JSON in a JSON string', '{"req":"{\\"Authorization\\":\\"Bearer abc!def\\"}"}'],
    ['a Python dict index', "headers['Authorization'] = 'Bearer abc!def'"],
    ['an f-string', "{'authorization': f'Bearer abc!def'}"],
  ])('%s', (_, text) => {
    expect(onlySecret(text)).toBe('abc!def');
  });
});

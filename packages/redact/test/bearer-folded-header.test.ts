import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';

// A folded header (RFC 7230 obs-fold: a line break, then a space or tab) put the token of
// `Authorization: Bearer` on the next line, where the detector, reading only blanks after
// the scheme, left it in clear. Tokens are generated: no credential-shaped literal here.
const rng = createPrng(20261207);
const token = `${rng.chars(BASE62, 20)}7Q`;

describe('a bearer token on a folded header line', () => {
  it.each([
    ['CRLF and a space', `Authorization: Bearer\r\n ${token}`],
    ['CRLF and a tab', `Authorization: Bearer\r\n\t${token}\r\nAccept: */*`],
    ['LF and spaces', `GET / HTTP/1.0\nAuthorization: Bearer\n    ${token}\n`],
    ['without the header', `retry with Bearer\r\n ${token}`],
  ])('%s', (_name, text) => {
    const found = detectSecrets(text);
    expect(found).toHaveLength(1);
    expect(found[0]!.kind).toBe('bearer');
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe(token);
    expect(createRedactor().redactText(text).text).not.toContain(token);
  });

  it.each([
    // A line that is not folded starts a new header: its name is no token.
    `Authorization: Bearer\r\nAccept-Language: ${token}`,
    // Prose wrapped after "bearer", words on the next line.
    'the bearer\n  of the letter waited',
  ])('leaves %j alone', (text) => {
    expect(detectSecrets(text).filter((f) => f.kind === 'bearer')).toEqual([]);
  });
});

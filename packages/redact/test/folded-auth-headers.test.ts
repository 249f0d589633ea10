import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';

// A folded header (RFC 7230 obs-fold: a line break, then a space or tab) was read for
// `Bearer` only: the credentials of `Basic` and `Token` on the next line stayed in clear.
// Credentials are generated: no credential-shaped literal here.
const rng = createPrng(20261211);
const basic = Buffer.from(`svc-user:${rng.chars(BASE62, 18)}`).toString('base64');
const key = `${rng.chars(BASE62, 30)}4f`;

/** The one finding's text and kind. */
function only(text: string): [string, string | undefined] {
  const found = detectSecrets(text);
  expect(found).toHaveLength(1);
  return [text.slice(found[0]!.start, found[0]!.end), found[0]!.kind];
}

describe('credentials on a folded header line', () => {
  it.each([
    ['Basic, CRLF and a space', `Authorization: Basic\r\n ${basic}`],
    ['Basic, LF and a tab', `GET / HTTP/1.0\nAuthorization: Basic\n\t${basic}\nAccept: */*`],
    ['Basic in any case', `authorization: BASIC\r\n   ${basic}\r\n`],
    ['Basic after a folded colon', `Authorization:\r\n Basic ${basic}`],
  ])('%s', (_name, text) => {
    expect(only(text)).toEqual([basic, 'basic_auth']);
    expect(createRedactor().redactText(text).text).not.toContain(basic);
  });

  it.each([
    ['Token, CRLF and a space', `Authorization: Token\r\n ${key}`],
    ['Api-Token, LF and a tab', `Authorization: Api-Token\n\t${key}\n`],
    ['Token after a folded colon', `Authorization:\r\n Token ${key}`],
    ['no scheme after a folded colon', `Authorization:\r\n\t${key}\r\nAccept: */*`],
  ])('%s', (_name, text) => {
    expect(only(text)).toEqual([key, 'generic']);
    expect(createRedactor().redactText(text).text).not.toContain(key);
  });

  it.each([
    // A line that is not folded starts a new header: its name and value are not the scheme's.
    `Authorization: Basic\r\nX-Request-Id: ${basic}`,
    `Authorization: Token\r\nX-Trace: ${key}`,
    `Authorization:\r\nX-Trace: ${key}`,
  ])('leaves %j alone', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { BASE64URL, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';

// A JWT broken over lines after its header's or payload's `.` (a YAML block scalar, a
// wrapped log line) kept its payload and signature in clear: the JWT detector read one
// line, and an assignment took only the header. Tokens are built at runtime.
const rng = createPrng(20261207);
const b64 = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');
const header = b64({ alg: 'HS256', typ: 'JWT' });
const payload = b64({ sub: rng.digits(10), name: 'Ada Lovelace', email: 'ada@example.com' });
const signature = rng.chars(BASE64URL, 43);

describe('a JWT split over lines', () => {
  it.each([
    [
      'a YAML value continued on the next line',
      `token: ${header}.\n  ${payload}.${signature}\nnext: 1`,
    ],
    [
      'a YAML block scalar, one segment a line',
      `token: >-\n  ${header}.\n  ${payload}.\n  ${signature}\nnext: 1`,
    ],
    ['a wrapped log line (CRLF)', `INFO jwt=${header}.\r\n${payload}.${signature} done`],
    ['a bare token wrapped after its header', `${header}.\n\t${payload}.${signature}`],
  ])('%s', (_, text) => {
    const { text: out } = createRedactor().redactText(text);
    for (const part of [header, payload, signature]) expect(out).not.toContain(part);
    expect(out).toMatch(/next: 1|done|^\[SECRET_1\]$/);
  });

  it('an unsigned token at a line end does not take the next line', () => {
    const unsigned = b64({ alg: 'none' });
    const text = `${unsigned}.\n  ${payload}.\n  nextword`;
    const found = detectSecrets(text);
    expect(found).toHaveLength(1);
    expect(text.slice(found[0]!.end)).toBe('\n  nextword');
  });

  it.each([
    ['a header alone before a line', `${header}.\nsomething.else`],
    ['a look-alike that is no JWT header', `eyJ${'a'.repeat(12)}.\n  ${payload}.${signature}`],
    ['a break inside a segment', `${header.slice(0, 20)}\n${header.slice(20)}.${payload}`],
  ])('leaves %s', (_, text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it('runs in linear time', () => {
    for (const unit of [`${header}.\n`, `eyJ${'a'.repeat(10)}.\n `, 'eyJ.\n']) {
      expectLinearTime((n) => unit.repeat(n / unit.length), detectSecrets, 1_000_000, unit);
    }
  });
});

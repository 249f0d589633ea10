import { describe, expect, it } from 'vitest';
import { BASE64URL, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';

// A JWT wrapped at a fixed width (a terminal, a log viewer, a YAML block, `fold -w`) breaks
// inside a segment, and only its first line was found, or nothing: the payload, often
// personal data, and the signature stayed in clear. Tokens are built at runtime.
const rng = createPrng(202612078);
const b64 = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');
const payload = b64({ sub: rng.digits(10), name: 'Ada Lovelace', email: 'ada@example.com' });
const hs256 = `${b64({ alg: 'HS256', typ: 'JWT' })}.${payload}.${rng.chars(BASE64URL, 43)}`;
const rs256 = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${payload}.${rng.chars(BASE64URL, 342)}`;

/** `token` cut into lines of `width` characters (the first `first` characters shorter). */
function wrap(token: string, width: number, first = width): string[] {
  const lines = [token.slice(0, first)];
  for (let i = first; i < token.length; i += width) lines.push(token.slice(i, i + width));
  return lines;
}

/** Whether a wrap breaks a segment (not right after a `.`). */
const breaksSegment = (lines: string[]) =>
  lines.slice(0, -1).some((l, i) => !l.endsWith('.') && !lines[i + 1]!.startsWith('.'));

describe('a JWT wrapped inside a segment', () => {
  const cases: [string, string, string][] = [
    ['a bare token at 40 columns', wrap(hs256, 40).join('\n'), ''],
    ['a YAML block scalar', `token: |\n  ${wrap(hs256, 36).join('\n  ')}\nnext: 1`, 'next: 1'],
    [
      'a log line wrapped at 80 columns (CRLF)',
      `INFO auth jwt=${wrap(hs256, 80, 66).join('\r\n')}\r\nINFO done`,
      'INFO done',
    ],
    ['RS256 at 64 columns, a word on the next line', `${wrap(rs256, 64).join('\n')}\ndone`, 'done'],
    [
      'only the signature wrapped',
      `jwt: ${hs256.slice(0, hs256.length - 23)}\n     ${hs256.slice(-23)}\nnext: 1`,
      'next: 1',
    ],
  ];
  it.each(cases)('%s', (_, text, after) => {
    const { text: out } = createRedactor().redactText(text);
    for (const token of [hs256, rs256]) {
      for (const part of token.split('.')) {
        for (const line of wrap(part, 30)) if (text.includes(line)) expect(out).not.toContain(line);
      }
    }
    if (after !== '') expect(out.endsWith(after)).toBe(true);
  });

  it('the test wraps break segments', () => {
    expect(breaksSegment(wrap(hs256, 40))).toBe(true);
    expect(breaksSegment(wrap(rs256, 64))).toBe(true);
  });

  it('a token whole on its line does not take the next line', () => {
    const text = `${hs256}\nnextword`;
    const found = detectSecrets(text);
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual([hs256]);
  });

  it.each([
    ['a header broken before text', `${hs256.slice(0, 20)}\n${hs256.slice(20, 36)}.notapayload`],
    [
      'a payload that is no JSON',
      `${hs256.slice(0, 40)}\n${'Q'.repeat(40)}\n${'Q'.repeat(20)}.sig`,
    ],
    ['a look-alike', `eyJ${'a'.repeat(37)}\n${'b'.repeat(40)}.eyJ${'c'.repeat(20)}.d`],
  ])('leaves %s', (_, text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it('runs in linear time', () => {
    for (const unit of [`eyJ${'a'.repeat(60)}\n`, 'eyJ\n', `${hs256.slice(0, 37)}\n`]) {
      expectLinearTime((n) => unit.repeat(n / unit.length), detectSecrets, 1_000_000, unit);
    }
  });

  it('runs in linear time on one long run of dotted segments, with or without a line end', () => {
    // Every `eyJ` after a `.` starts a candidate: each read the run to its end (63 s for
    // the bench's megabyte of `eyJhbGci.`).
    const header = b64({ alg: 'HS256' });
    for (const unit of ['eyJhbGci.', `${header}.`, `${header}.${payload}.`]) {
      for (const end of ['', '\n']) {
        const make = (n: number) => `${unit.repeat(Math.ceil(n / unit.length))}${end}`;
        expectLinearTime(make, detectSecrets, 200_000, JSON.stringify(unit + end));
      }
    }
  });
});

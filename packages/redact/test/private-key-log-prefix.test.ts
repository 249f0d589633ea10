import { describe, expect, it } from 'vitest';
import { createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';

// A private key logged line by line, each line with its own log prefix, and cut before
// its footer (a log excerpt): the body ended at the second line's timestamp, and the rest
// of the key passed in clear. A complete block was always taken whole. Bodies are generated.
const rng = createPrng(20261210);
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const bodyLines = [rng.chars(BASE64, 64), rng.chars(BASE64, 64), rng.chars(BASE64, 40)];
const header = ['-----BEGIN', 'PRIVATE KEY-----'].join(' ');

/** The log prefix of line `i`: its own second, one shape. */
function stamp(i: number): string {
  return `2026-12-07T10:00:0${i}.${100 + i * 7}Z app[${40 + i}]: `;
}

describe('a truncated private key whose lines carry a log prefix', () => {
  it.each([
    ['timestamps', (i: number) => stamp(i)],
    ['indentation (a YAML block)', () => '    '],
    ['a quote marker', () => '> '],
  ])('%s', (_, prefix) => {
    const lines = [header, ...bodyLines].map((line, i) => `${prefix(i)}${line}`);
    const text = `${lines.join('\n')}\n${prefix(9)}(log truncated)`;
    const found = detectSecrets(text);
    expect(found).toHaveLength(1);
    const redacted = createRedactor().redactText(text).text;
    for (const body of bodyLines) expect(redacted.includes(body)).toBe(false);
  });

  it('stops at a line of another shape', () => {
    const text = `${stamp(0)}${header}\n${stamp(1)}${bodyLines[0]}\nnext: ${bodyLines[1]}`;
    const [finding] = detectSecrets(text);
    expect(text.slice(finding!.start, finding!.end).includes(bodyLines[1]!)).toBe(false);
  });

  it('is linear on many prefixed headers and lines', () => {
    expectLinearTime((n) => `${stamp(1)}${header}\n`.repeat(n / 62), detectSecrets, 1_000_000);
    expectLinearTime(
      (n) => `${stamp(1)}${header}\n${`${stamp(2)}AAAA\n`.repeat(n / 40)}`,
      detectSecrets,
      1_000_000,
    );
  });
});

import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { githubChecksumValid } from '../src/checksums/github-crc32.js';
import { detectSecrets } from '../src/index.js';

const rng = createPrng(20261205);
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The checksum by an independent route: zlib's CRC-32, base 62 by division. */
function checksumOf(randomPart: string): string {
  let n = crc32(randomPart);
  let digits = '';
  while (n > 0) {
    digits = DIGITS[n % 62] + digits;
    n = Math.floor(n / 62);
  }
  return digits.padStart(6, '0');
}

describe('GitHub token checksum', () => {
  it('holds for a token GitHub issued (expired, published as a format vector)', () => {
    // From therootcompany/base62-token.js issue #2 (expired). Kept in two pieces so no
    // token-shaped literal sits in the repository; it pins what synthetic bodies cannot:
    // the digit order, and that only the 30 random characters are summed.
    const randomPart = 'zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ';
    expect(githubChecksumValid(`${randomPart}0mLq17`)).toBe(true);
    expect(checksumOf(randomPart)).toBe('0mLq17');
  });

  it('agrees with zlib on random bodies, and fails when any one character changes', () => {
    for (let i = 0; i < 200; i++) {
      const randomPart = rng.chars(BASE62, 30);
      const body = randomPart + checksumOf(randomPart);
      expect(githubChecksumValid(body)).toBe(true);
      const at = rng.int(0, 35);
      const other = BASE62.replace(body[at]!, '')[rng.int(0, 60)]!;
      expect(githubChecksumValid(body.slice(0, at) + other + body.slice(at + 1))).toBe(false);
    }
  });

  it('fails for other lengths and for characters outside base 62', () => {
    const randomPart = rng.chars(BASE62, 30);
    const checksum = checksumOf(randomPart);
    expect(githubChecksumValid(randomPart + checksum.slice(1))).toBe(false);
    expect(githubChecksumValid(`${randomPart + checksum}A`)).toBe(false);
    expect(githubChecksumValid(`${randomPart}-${checksum.slice(1)}`)).toBe(false);
    expect(githubChecksumValid('')).toBe(false);
  });

  it('reports an issued token whose random part spells a placeholder mark', () => {
    for (const mark of ['EXAMPLE', 'Placeholder', 'redacted', 'CHANGEME']) {
      const randomPart = `${rng.chars(BASE62, 10)}${mark}${rng.chars(BASE62, 30 - 10 - mark.length)}`;
      const token = `ghp_${randomPart}${checksumOf(randomPart)}`;
      expect(detectSecrets(`GITHUB_TOKEN=${token}`).map((f) => f.kind)).toEqual(['github']);
      // The same shape without a valid checksum is the placeholder it looks like.
      const broken = `ghp_${randomPart}${checksumOf(`${randomPart.slice(1)}q`)}`;
      expect(detectSecrets(`see ${broken} in the docs`)).toEqual([]);
    }
  });

  it('reports a token glued to a name by - or _ when its checksum holds, and only then', () => {
    for (const [prefix, before] of [
      ['ghp_', 'x-'],
      ['gho_', 'MY_'],
      ['ghs_', 'header-value-'],
    ] as const) {
      const randomPart = rng.chars(BASE62, 30);
      const token = `${prefix}${randomPart}${checksumOf(randomPart)}`;
      const text = `${before}${token} rest`;
      expect(detectSecrets(text)).toEqual([
        expect.objectContaining({
          kind: 'github',
          start: before.length,
          end: before.length + token.length,
        }),
      ]);
      // An identifier that continues with the same shape but no checksum is left alone.
      const identifier = `${before}${prefix}${randomPart}${checksumOf(`${randomPart.slice(1)}q`)}`;
      expect(detectSecrets(identifier)).toEqual([]);
    }
    // Glued to a letter or digit, it is part of a longer word: never reported.
    const randomPart = rng.chars(BASE62, 30);
    expect(detectSecrets(`xghp_${randomPart}${checksumOf(randomPart)}`)).toEqual([]);
  });
});

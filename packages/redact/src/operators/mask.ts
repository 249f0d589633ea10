import { randomBytes } from 'node:crypto';
import { normaliseValue } from './normalise.js';

/**
 * Typed, numbered placeholders (`[EMAIL_1]`, `[SECRET_2]`), stable within one masker: the
 * same value of the same type always gets the same number.
 */
export interface Masker {
  /** The placeholder for `value` of `type`. */
  mask(type: string, value: string): string;
}

/**
 * 53-bit string hash (cyrb53) seeded per masker. Values are remembered only as this salted
 * hash, not as themselves; it is not a cryptographic hash (a crypto hash per finding cost a
 * third of the scan), and a collision (odds ~n²/2⁵⁴) would only merge two placeholders.
 */
function hash53(s: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A placeholder as `mask` writes it: `[` a type in capitals, `_`, a number, `]`. */
const PLACEHOLDER = /^\[[A-Z][A-Z0-9_]{0,40}_[1-9]\d{0,8}\]$/;

/**
 * Whether `value` is, whole, a placeholder `mask` writes (`[SECRET_1]`, `[EMAIL_12]`):
 * redacted data, not a value to mask again.
 */
export function isMaskPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value);
}

/** Creates a masker with its own numbering and its own random seed. */
export function createMasker(): Masker {
  const seed = randomBytes(4).readUInt32LE(0);
  const numbers = new Map<string, Map<number, number>>();
  return {
    mask(type, value) {
      let perType = numbers.get(type);
      if (perType === undefined) {
        perType = new Map();
        numbers.set(type, perType);
      }
      const h = hash53(normaliseValue(type, value), seed);
      let n = perType.get(h);
      if (n === undefined) {
        n = perType.size + 1;
        perType.set(h, n);
      }
      return `[${type.toUpperCase()}_${n}]`;
    },
  };
}

/**
 * A small seeded PRNG (mulberry32), so generated test data (the redaction corpus, bench
 * texts, concurrency schedules) is the same on every run and machine, and a failure can be
 * replayed from its seed. Synthetic only: nothing made with it is, or was derived from, a
 * live secret.
 */
export function createPrng(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chars = (alphabet: string, length: number): string => {
    let s = '';
    for (let i = 0; i < length; i++) s += alphabet[Math.floor(next() * alphabet.length)];
    return s;
  };
  const digits = (length: number): string => chars('0123456789', length);
  return { next, int, pick, chars, digits };
}

export type Prng = ReturnType<typeof createPrng>;

export const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const BASE64URL = `${BASE62}-_`;
export const BASE64 = `${BASE62}+/`;
export const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Arrays longer than this are walked by their own keys: a hole-filled `a[4e9] = x` would otherwise be billions of steps. */
export const SPARSE_WALK_LENGTH = 65_536;

/**
 * The array index an own key names (`'12'` → 12), or undefined for any other key (`'x'`,
 * `'01'`, `'4294967295'`): the keys `Object.keys` gives an array that hold its elements.
 */
export function arrayIndex(key: string): number | undefined {
  const i = Number(key);
  return Number.isInteger(i) && i >= 0 && i < 2 ** 32 - 1 && String(i) === key ? i : undefined;
}

import { PmError } from '@pm/envelope-schemas/core';

/** One entry of a frequency table. */
export interface FrequencyEntry<K> {
  /** The activity name, or the variant's activity sequence. */
  value: K;
  /** How many events (activities) or cases (variants). */
  count: number;
  /** `count` over the total (0..1). */
  share: number;
}

/** A top-N frequency table with the rest summed, so nothing beyond N is disclosed. */
export interface FrequencyTable<K> {
  /** The N most frequent values, most frequent first (ties by first seen). */
  top: Array<FrequencyEntry<K>>;
  /** Everything not in `top`: how many distinct values and their summed count. */
  rest: { distinct: number; count: number; share: number };
  /** Total count over all values. */
  total: number;
}

/** Builds a top-N table from counts; `label` turns a key into what is disclosed. */
export function topN<K, V>(
  counts: ReadonlyMap<K, number>,
  n: number,
  label: (key: K) => V,
): FrequencyTable<V> {
  let total = 0;
  for (const c of counts.values()) total += c;
  const entries = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const top = entries
    .slice(0, n)
    .map(([k, count]) => ({ value: label(k), count, share: total === 0 ? 0 : count / total }));
  let restCount = 0;
  for (let i = n; i < entries.length; i++) restCount += entries[i]![1];
  return {
    top,
    rest: {
      distinct: Math.max(0, entries.length - n),
      count: restCount,
      share: total === 0 ? 0 : restCount / total,
    },
    total,
  };
}

/**
 * The `topN` option checked, default 10: a table cannot keep -1 or 2.5 entries, and an
 * unchecked -1 once ended in a TypeError deep in the summary.
 */
export function resolveTopN(n: unknown): number {
  if (n === undefined) return 10;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new PmError(
      'INVALID_ARGUMENT',
      `topN must be a whole number of 0 or more, got ${typeof n === 'number' ? String(n) : typeof n}; leave it out for the default 10.`,
      { details: { topN: typeof n === 'number' ? n : typeof n } },
    );
  }
  return n;
}

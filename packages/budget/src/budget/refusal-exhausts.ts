import type { AlertThreshold } from './alert-threshold.js';

/**
 * The highest tier below `exhausted` (critical, by default 950 thousandths), or 0 when
 * there is none. The Redis reserve script reads the same from the tiers it is given.
 */
export function lastTierBelowExhausted(thresholds: readonly AlertThreshold[]): number {
  let top = 0;
  for (const t of thresholds) if (t.permille < 1000 && t.permille > top) top = t.permille;
  return top;
}

/**
 * Whether a refusal means the counter is truly exhausted, so it fires (and uses up) the
 * once-per-period `exhausted` alert: what is already spent leaves no room for the call
 * (`spent + wanted > limit`, so the refusal is not just other calls' holds) and spend has
 * reached the last tier below exhausted. A refusal earlier than that (a call far larger
 * than what is left at low spend, or a cap full of holds that may be released) throws
 * `BudgetExceededError` but fires nothing: marking `exhausted` then would leave the real
 * exhaustion later unalerted. With alerts off (no tiers) nothing fires.
 */
export function refusalExhausts(
  spent: number,
  wanted: number,
  limit: number,
  thresholds: readonly AlertThreshold[],
): boolean {
  if (thresholds.length === 0) return false;
  return spent + wanted > limit && spent * 1000 >= lastTierBelowExhausted(thresholds) * limit;
}

import { InvalidArgumentError } from '../errors/invalid-argument-error.js';

/** Micro-dollars (1e-6 USD) per USD. Money is an integer count of these internally. */
export const MICRO_PER_USD = 1_000_000;

/** USD (as written in a price list or a limit) to integer micro-dollars. */
export function usdToMicro(usd: number, what: string): number {
  if (typeof usd !== 'number' || !Number.isFinite(usd) || usd < 0) {
    throw new InvalidArgumentError(
      `${what} must be a finite, non-negative number of USD; got ${String(usd)}.`,
    );
  }
  // Round to the nearest micro-dollar: 1.75 * 1e6 is 1749999.9999999998 in floating point.
  return Math.round(usd * MICRO_PER_USD);
}

/** Integer micro-dollars to USD for reports. */
export function microToUsd(micro: number): number {
  return micro / MICRO_PER_USD;
}

/**
 * Cost of `tokens` at `microPerMillion` micro-dollars per 1M tokens, rounded UP to a whole
 * micro-dollar (a budget never under-counts). Split so no intermediate product leaves the
 * exact integer range of a double, and no float drift accumulates.
 */
export function tokenCostMicro(tokens: number, microPerMillion: number): number {
  const millions = Math.floor(tokens / 1_000_000);
  const rest = tokens - millions * 1_000_000;
  return millions * microPerMillion + Math.ceil((rest * microPerMillion) / 1_000_000);
}

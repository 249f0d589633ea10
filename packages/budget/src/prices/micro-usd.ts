import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { shownNumber } from '../errors/kind-of.js';

/** Micro-dollars (1e-6 USD) per USD. Money is an integer count of these internally. */
export const MICRO_PER_USD = 1_000_000;

/**
 * USD (as written in a price list or a limit) to integer micro-dollars. `what` names the
 * amount in an error message.
 */
export function usdToMicro(usd: number, what = 'usdToMicro: the amount'): number {
  if (typeof usd !== 'number' || !Number.isFinite(usd) || usd < 0) {
    throw new InvalidArgumentError(
      `${what} must be a finite, non-negative number of USD; got ${shownNumber(usd)}.`,
    );
  }
  // Round to the nearest micro-dollar: 1.75 * 1e6 is 1749999.9999999998 in floating point.
  const micro = Math.round(usd * MICRO_PER_USD);
  // Money is counted exactly in integers: beyond 2^53 micro-dollars (~9 billion USD) it
  // would not be, and Infinity would fail deep inside a cost computation instead.
  if (!Number.isSafeInteger(micro)) {
    throw new InvalidArgumentError(
      `${what} must be at most ${Math.floor(Number.MAX_SAFE_INTEGER / MICRO_PER_USD)} USD; got ${shownNumber(usd)}.`,
    );
  }
  return micro;
}

/** Integer micro-dollars to USD for reports. */
export function microToUsd(micro: number): number {
  return micro / MICRO_PER_USD;
}

const MILLION = 1_000_000;

/**
 * `ceil(sub / 1e6)` for a non-negative safe integer `sub`, in exact integer arithmetic: a
 * float quotient near 2^53 / 1e6 can round `k + 1e-6` down to `k` and under-count.
 */
function ceilMillionths(sub: number): number {
  let q = Math.trunc(sub / MILLION);
  let r = sub - q * MILLION;
  if (r < 0) {
    q -= 1;
    r += MILLION;
  } else if (r >= MILLION) {
    q += 1;
    r -= MILLION;
  }
  return r > 0 ? q + 1 : q;
}

/**
 * Cost of `tokens` at `microPerMillion` micro-dollars per 1M tokens, rounded UP to a whole
 * micro-dollar (a budget never under-counts). Split so no intermediate product leaves the
 * exact integer range of a double, and no float drift accumulates.
 */
export function tokenCostMicro(tokens: number, microPerMillion: number): number {
  // Public, so checked here (the hot path calls callCostMicro with checked counts): NaN
  // would throw a RangeError from BigInt, and a negative count would cost $0.
  for (const [value, what] of [
    [tokens, 'tokens'],
    [microPerMillion, 'microPerMillion'],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new InvalidArgumentError(
        `tokenCostMicro: ${what} must be a non-negative integer; got ${shownNumber(value)}.`,
      );
    }
  }
  return callCostMicro(tokens, microPerMillion, 0, 0, 0, 0);
}

/**
 * Cost of one call's three parts (tokens at their price per 1M, e.g. uncached input, cached
 * input, output), rounded UP once over their exact sum. One rounding per charge is what
 * keeps a settlement within its reservation: rounding each part up on its own can add up to
 * 2 micro-dollars that the worst case (one part) never held. Each part is split into whole
 * millions (exact integer products) and a sub-million rest, and the rests are summed exactly
 * before the single rounding; absurd prices fall back to BigInt rather than lose precision.
 */
export function callCostMicro(
  tokensA: number,
  priceA: number,
  tokensB: number,
  priceB: number,
  tokensC: number,
  priceC: number,
): number {
  const millionsA = Math.floor(tokensA / MILLION);
  const millionsB = Math.floor(tokensB / MILLION);
  const millionsC = Math.floor(tokensC / MILLION);
  const whole = millionsA * priceA + millionsB * priceB + millionsC * priceC;
  const sub =
    (tokensA - millionsA * MILLION) * priceA +
    (tokensB - millionsB * MILLION) * priceB +
    (tokensC - millionsC * MILLION) * priceC;
  if (Number.isSafeInteger(whole) && Number.isSafeInteger(sub)) {
    return whole + ceilMillionths(sub);
  }
  const exact =
    BigInt(tokensA) * BigInt(priceA) +
    BigInt(tokensB) * BigInt(priceB) +
    BigInt(tokensC) * BigInt(priceC);
  return Number((exact + 999_999n) / 1_000_000n);
}

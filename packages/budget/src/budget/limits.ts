import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { shownNumber } from '../errors/kind-of.js';
import { microToUsd, usdToMicro } from '../prices/micro-usd.js';
import type { ScopeLimits } from './budget-types.js';
import { type Charge, NO_LIMIT, type StoreLimits } from './charge.js';

/** A non-negative integer, or INVALID_ARGUMENT naming the option. */
export function nonNegativeInt(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidArgumentError(
      `${what} must be a non-negative integer; got ${shownNumber(value)}.`,
    );
  }
  return value;
}

/** Longest delay a Node timer honours (2^31 - 1 ms, ~24.8 days); longer ones fire after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A duration in ms that reaches a timer or a store's expiry: a positive integer up to
 * `MAX_TIMER_MS`, or INVALID_ARGUMENT naming the option. NaN, fractions, 0, negatives and
 * Infinity are refused: each would silently expire at once or never.
 */
export function timerMs(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || value > MAX_TIMER_MS) {
    throw new InvalidArgumentError(
      `${what} must be a whole number of milliseconds from 1 to ${MAX_TIMER_MS} (~24.8 days); got ${shownNumber(value)}.`,
    );
  }
  return value;
}

/** An optional count limit in store units (`-1` when absent). */
export function countLimit(value: number | undefined, what: string): number {
  return value === undefined ? NO_LIMIT : nonNegativeInt(value, what);
}

/**
 * A USD cap in whole micro-dollars, never above the cap: `usdToMicro` rounds to the nearest
 * (right for prices, and for the float noise of `0.29 * 1e6`), which would raise a cap of
 * $0.0000015 to 2 micro-dollars and let spend pass it. A cap written in whole micro-dollars
 * converts back to the same double, so only a truly higher rounding steps down.
 */
function capMicro(usd: number, what: string): number {
  const micro = usdToMicro(usd, what);
  return microToUsd(micro) > usd ? micro - 1 : micro;
}

/** A scope's configured caps in store units (micro-dollars), validated once. */
export function storeLimits(limits: ScopeLimits | undefined, scope: string): StoreLimits {
  return Object.freeze({
    tokens: countLimit(limits?.tokens, `${scope}.tokens`),
    microUsd: limits?.usd === undefined ? NO_LIMIT : capMicro(limits.usd, `${scope}.usd`),
    requests: countLimit(limits?.requests, `${scope}.requests`),
  });
}

/**
 * `amount`, if each counter is an exact integer (at most 2^53 - 1), else INVALID_ARGUMENT.
 * Counts that fit can still sum past it (input + output tokens) or cost past it (tokens
 * times a price); such an amount would be booked rounded, and in Redis could overflow a
 * counter halfway through a script (whose earlier writes stay), leaving budget held.
 */
export function exactCharge(amount: Charge, what: string): Charge {
  if (
    !Number.isSafeInteger(amount.tokens) ||
    !Number.isSafeInteger(amount.microUsd) ||
    !Number.isSafeInteger(amount.requests)
  ) {
    throw new InvalidArgumentError(
      `${what} is too large to count exactly (tokens and micro-dollars must stay below 2^53); check the token counts passed.`,
    );
  }
  return amount;
}

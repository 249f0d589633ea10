/** An amount on the three counters every scope keeps; money in integer micro-dollars. */
export interface Charge {
  /** Tokens (input + output). */
  readonly tokens: number;
  /** Cost in integer micro-dollars. */
  readonly microUsd: number;
  /** Requests (attempts). */
  readonly requests: number;
}

/** Limits in store units; `-1` means no limit on that counter. */
export type StoreLimits = Charge;

/** No limit on a counter. */
export const NO_LIMIT = -1;

/** The larger of two charges, per counter. */
export function largerCharge(a: Charge, b: Charge): Charge {
  return {
    tokens: Math.max(a.tokens, b.tokens),
    microUsd: Math.max(a.microUsd, b.microUsd),
    requests: Math.max(a.requests, b.requests),
  };
}

/** By how much `a` exceeds `b`, per counter (0 where it does not). */
export function chargeAbove(a: Charge, b: Charge): Charge {
  return {
    tokens: Math.max(0, a.tokens - b.tokens),
    microUsd: Math.max(0, a.microUsd - b.microUsd),
    requests: Math.max(0, a.requests - b.requests),
  };
}

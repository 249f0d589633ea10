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

import type { Charge } from './charge.js';

/**
 * Whether a settle was answered with what an earlier attempt of it booked for another usage
 * (that attempt was done in the store but its reply lost, and the retry passed a recounted
 * usage): `booked`, as the store reports it, is not what `charge` would have booked. Found,
 * lost or released, a usage books itself; past the TTL (`late`), per counter, the larger of
 * it and the worst case `held`.
 */
export function usageDiffered(
  booked: Charge,
  charge: Charge,
  held: Charge,
  late: boolean,
): boolean {
  const differs = (b: number, c: number, h: number) => b !== (late ? Math.max(c, h) : c);
  return (
    differs(booked.tokens, charge.tokens, held.tokens) ||
    differs(booked.microUsd, charge.microUsd, held.microUsd) ||
    differs(booked.requests, charge.requests, held.requests)
  );
}

import { MICRO_PER_USD } from '../prices/micro-usd.js';
import type { UsageAmounts } from './budget-types.js';
import { type Charge, chargeAbove } from './charge.js';

const NONE: UsageAmounts = Object.freeze({ tokens: 0, usd: 0, requests: 0 });

/**
 * What a settle the store no longer knew (`forgotten`: past the day it remembers an expired
 * reservation) could not book: what its actual exceeds the worst case held by, the worst
 * case having been booked when it expired. Never left unseen: a process warning
 * (`PM_BUDGET_UNBOOKED`) whenever it is not zero, since no counter holds it and the host
 * must book it by hand. Zero (and no warning) when the settle was not forgotten.
 */
export function unbookedSpend(
  reservation: { readonly id: string; readonly model: string; readonly held: Charge },
  actual: Charge,
  forgotten: boolean,
): UsageAmounts {
  if (!forgotten) return NONE;
  const above = chargeAbove(actual, reservation.held);
  if (above.tokens === 0 && above.microUsd === 0 && above.requests === 0) return NONE;
  const unbooked = {
    tokens: above.tokens,
    usd: above.microUsd / MICRO_PER_USD,
    requests: above.requests,
  };
  process.emitWarning(
    `@pm/budget: reservation ${reservation.id} (${reservation.model}) was settled after the store had forgotten it (more than a day past its TTL): its worst case was booked when it expired, but ${unbooked.tokens} tokens / $${unbooked.usd} / ${unbooked.requests} requests of its usage above that are booked nowhere. Record them by hand (SettleResult.unbooked), and settle within a day of the TTL.`,
    { code: 'PM_BUDGET_UNBOOKED' },
  );
  return unbooked;
}

import type { BudgetMetric } from '@pm/budget';

/**
 * The `exhausted` tier alerts the budget fired for the booking it is settling, by scope in
 * its period and counter (decision 0019). The budget calls `onAlert` with a settle's alerts
 * and then `onOverspend` with its caps passed, in one synchronous turn, so what is noted
 * here is forgotten at the next microtask: a later booking that passes the same cap fires
 * no tier alert (once per scope and period), and its overspend record must not be skipped.
 */
export interface BookingExhausted {
  /** Notes a tier alert of level `exhausted` the budget fired. */
  note(scopeKey: string, metric: BudgetMetric): void;
  /** Whether the booking being settled fired the `exhausted` tier alert of that scope and counter. */
  fired(scopeKey: string, metric: BudgetMetric): boolean;
}

/** A run's {@link BookingExhausted}, empty. */
export function bookingExhausted(): BookingExhausted {
  const noted = new Set<string>();
  const key = (scopeKey: string, metric: BudgetMetric) => `${metric} ${scopeKey}`;
  return {
    note(scopeKey, metric) {
      if (noted.size === 0) queueMicrotask(() => noted.clear());
      noted.add(key(scopeKey, metric));
    },
    fired: (scopeKey, metric) => noted.has(key(scopeKey, metric)),
  };
}

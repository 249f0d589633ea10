import { MICRO_PER_USD } from '../prices/micro-usd.js';
import type { StoreAlert } from './budget-store.js';
import type { BudgetAlert, ScopeName } from './budget-types.js';

/**
 * Turns the store's alerts into structured events (USD in USD) and hands each to the
 * host's sink. A sink that throws is reported as a process warning: an alerting failure
 * must not turn a booked call into a failed one.
 */
export function alertEmitter(
  nameOf: (scopeKey: string) => ScopeName,
  clock: () => number,
  onAlert: ((alert: BudgetAlert) => void) | undefined,
): (alerts: readonly StoreAlert[]) => readonly BudgetAlert[] {
  const none: readonly BudgetAlert[] = Object.freeze([]);
  return (alerts) => {
    if (alerts.length === 0) return none;
    const at = new Date(clock()).toISOString();
    const events = alerts.map((a): BudgetAlert => {
      const money = a.metric === 'usd';
      return {
        level: a.level,
        scope: nameOf(a.scopeKey),
        scopeKey: a.scopeKey,
        metric: a.metric,
        spent: money ? a.spent / MICRO_PER_USD : a.spent,
        limit: money ? a.limit / MICRO_PER_USD : a.limit,
        fraction: a.limit > 0 ? a.spent / a.limit : 1,
        at,
      };
    });
    if (onAlert !== undefined) {
      for (const event of events) {
        try {
          onAlert(event);
        } catch (error) {
          process.emitWarning(`@pm/budget onAlert threw: ${String(error)}`);
        }
      }
    }
    return events;
  };
}

import { MICRO_PER_USD } from '../prices/micro-usd.js';
import type { StoreCapPassed } from './budget-store.js';
import type {
  BudgetAlert,
  BudgetOverspend,
  CapPassed,
  ScopeName,
  UsageAmounts,
} from './budget-types.js';
import type { Charge } from './charge.js';

/** What a settle reports of spend beyond its reservation and beyond the caps. */
export interface OverspendReport {
  /** Any counter's actual above the reservation. */
  readonly overrun: boolean;
  /** `actual - held` per counter, 0 where within. */
  readonly excess: UsageAmounts;
  /** Counters the booking left above their cap, reporting units. */
  readonly capsPassed: readonly CapPassed[];
}

const NONE: readonly CapPassed[] = Object.freeze([]);

function inUsd(microUsd: number): number {
  return microUsd / MICRO_PER_USD;
}

function amounts(c: Charge): UsageAmounts {
  return { tokens: c.tokens, usd: inUsd(c.microUsd), requests: c.requests };
}

/**
 * Reports a settle that booked past its reservation or past a cap, and hands it to the
 * host's `onOverspend`. Without one it is a process warning (`PM_BUDGET_OVERSPEND`): spend
 * past a hard cap is booked truthfully (the money is spent), and must never pass unseen. A
 * sink that throws is a process warning too: the settle itself has been booked.
 */
export function overspendEmitter(
  nameOf: (scopeKey: string) => ScopeName,
  clock: () => number,
  onOverspend: ((event: BudgetOverspend) => void) | undefined,
): (
  reservation: { readonly id: string; readonly model: string; readonly held: Charge },
  actual: Charge,
  passed: readonly StoreCapPassed[] | undefined,
  alerts: readonly BudgetAlert[],
) => OverspendReport {
  return (reservation, actual, passed, alerts) => {
    const { held } = reservation;
    const excessCharge: Charge = {
      tokens: Math.max(0, actual.tokens - held.tokens),
      microUsd: Math.max(0, actual.microUsd - held.microUsd),
      requests: Math.max(0, actual.requests - held.requests),
    };
    const overrun =
      excessCharge.tokens > 0 || excessCharge.microUsd > 0 || excessCharge.requests > 0;
    const capsPassed =
      passed === undefined || passed.length === 0
        ? NONE
        : passed.map((p): CapPassed => {
            const scale = p.metric === 'usd' ? inUsd : (n: number) => n;
            return {
              scope: nameOf(p.scopeKey),
              scopeKey: p.scopeKey,
              metric: p.metric,
              spent: scale(p.spent),
              limit: scale(p.limit),
              over: scale(p.spent - p.limit),
              alerted: alerts.some(
                (a) =>
                  a.level === 'exhausted' && a.scopeKey === p.scopeKey && a.metric === p.metric,
              ),
            };
          });
    const excess = amounts(excessCharge);
    if (overrun || capsPassed.length > 0) {
      const event: BudgetOverspend = {
        reservationId: reservation.id,
        model: reservation.model,
        reserved: amounts(held),
        booked: amounts(actual),
        excess,
        capsPassed,
        at: new Date(clock()).toISOString(),
      };
      deliver(event, onOverspend);
    }
    return { overrun, excess, capsPassed };
  };
}

function deliver(
  event: BudgetOverspend,
  onOverspend: ((event: BudgetOverspend) => void) | undefined,
): void {
  if (onOverspend === undefined) {
    const caps = event.capsPassed
      .map((c) => `${c.scopeKey} ${c.metric} ${c.spent} of ${c.limit}`)
      .join(', ');
    process.emitWarning(
      `@pm/budget: reservation ${event.reservationId} (${event.model}) booked ${event.booked.tokens} tokens / $${event.booked.usd}, ${event.excess.tokens} tokens / $${event.excess.usd} more than it held` +
        (caps === '' ? '.' : `; caps passed: ${caps}.`) +
        ' Pass onOverspend to createBudget to handle it.',
      { code: 'PM_BUDGET_OVERSPEND' },
    );
    return;
  }
  try {
    onOverspend(event);
  } catch (error) {
    process.emitWarning(`@pm/budget onOverspend threw: ${String(error)}`);
  }
}

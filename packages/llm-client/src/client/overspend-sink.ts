import type { BudgetOverspend } from '@pm/budget';
import type { Ledger } from '@pm/ledger';
import type { BudgetCalls } from '../pipeline/budget-calls.js';
import { appendUnlessEnded } from './append-unless-ended.js';
import type { LLMEventInput } from './events.js';

type AlertUnit = 'usd' | 'tokens' | 'requests';

/**
 * The run's `onOverspend` (decision 0019): a call booked above its reservation, or a booking
 * that left a cap passed, is written to the run's ledger as `exhausted` alerts whose `spent`
 * is above their `limit` (one for the call's own reservation, scope `request:<id>`, and one per
 * cap passed, unless this booking fired that cap's own `exhausted` tier alert, whose record
 * already says it), and raised as a `budget.overspend` event. Handling it here also keeps the
 * budget from turning it into a bare process warning the host cannot tie to a call.
 */
export function overspendSink(options: {
  calls: BudgetCalls;
  ledger: () => Ledger | undefined;
  emit: (event: LLMEventInput) => void;
}): (overspend: BudgetOverspend) => void {
  return (overspend) => {
    const call = options.calls.get(overspend.reservationId);
    const stage = call?.stage ?? null;
    const alerts: { scope: string; unit: AlertUnit; spent: number; limit: number }[] = [];
    const passedHold = reservationPassed(overspend);
    if (passedHold)
      alerts.push({
        scope: `request:${call?.requestId ?? overspend.reservationId}`,
        ...passedHold,
      });
    for (const cap of overspend.capsPassed) {
      // The tier alert's record (stage null) says this cap is exhausted, spent above limit;
      // a second record of it would count the one passing twice. The request record, and
      // the event's capsPassed, still tie it to the call.
      if (cap.alerted) continue;
      alerts.push({ scope: cap.scopeKey, unit: cap.metric, spent: cap.spent, limit: cap.limit });
    }
    options.emit({
      type: 'budget.overspend',
      ...(call ? { stage: call.stage, requestId: call.requestId } : {}),
      model: overspend.model,
      reserved: { ...overspend.reserved },
      booked: { ...overspend.booked },
      excess: { ...overspend.excess },
      capsPassed: overspend.capsPassed.map((cap) => ({
        scope: cap.scopeKey,
        metric: cap.metric,
        spent: cap.spent,
        limit: cap.limit,
        over: cap.over,
      })),
      outputAboveMax: call?.outputTokens !== undefined && call.outputTokens > call.maxOutputTokens,
    });
    // After the event: a record that cannot be written is thrown, and must not stop it.
    for (const alert of alerts) {
      appendUnlessEnded(options.ledger(), {
        type: 'alert',
        stage,
        data: { level: 'exhausted', ...alert, threshold: 1 },
      });
    }
  };
}

/** The counter the booking passed the reservation on, USD first (what caps are mostly in). */
function reservationPassed(
  overspend: BudgetOverspend,
): { unit: AlertUnit; spent: number; limit: number } | undefined {
  for (const unit of ['usd', 'tokens', 'requests'] as const) {
    if (overspend.excess[unit] > 0)
      return { unit, spent: overspend.booked[unit], limit: overspend.reserved[unit] };
  }
  return undefined;
}

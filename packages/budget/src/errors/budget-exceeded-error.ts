import { PmError } from '@pm/envelope-schemas';
import { hasCode } from './has-code.js';

/** Which counter of a scope refused a reservation. */
export type BudgetMetric = 'tokens' | 'usd' | 'requests';

/** Facts carried by a {@link BudgetExceededError}; all amounts in their metric's unit (USD for `usd`). */
export type BudgetExceededDetails = {
  /** Scope whose limit refused the request: `run`, `day` or `month`. */
  readonly scope: string;
  /** Storage key of the scope for its current period, e.g. `day:2026-11-22`. */
  readonly scopeKey: string;
  /** The counter that would have gone over its limit. */
  readonly metric: BudgetMetric;
  /** The configured limit. */
  readonly limit: number;
  /** What the reservation asked for (worst case). */
  readonly requested: number;
  /** Already spent in the scope. */
  readonly spent: number;
  /** Held by other open reservations. */
  readonly reserved: number;
  /** `limit - spent - reserved`, never below 0. */
  readonly remaining: number;
};

/**
 * A reservation does not fit a budget limit. The request is refused whole: a budget never
 * shrinks a request to fit.
 */
export class BudgetExceededError extends PmError {
  /** True for any @pm error with code `BUDGET_EXCEEDED`, whichever bundle or install threw it. */
  static override [Symbol.hasInstance] = hasCode('BUDGET_EXCEEDED');

  /** Which limit refused, the request and what remains. */
  declare readonly details: BudgetExceededDetails;

  constructor(details: BudgetExceededDetails) {
    // Spend past the cap came from a settle booking more than its reservation held: no
    // smaller call fits, so "lower maxOutputTokens" would be no advice at all.
    const passed = details.spent > details.limit;
    super(
      'BUDGET_EXCEEDED',
      passed
        ? `Budget exceeded: the ${details.scope} ${details.metric} limit (${details.scopeKey}) is ${details.limit} and ` +
            `${details.spent} is already spent, ${Number((details.spent - details.limit).toFixed(6))} past it (usage booked above its reservation; see onOverspend), ` +
            'so every call is refused. Wait for the period to reset, or raise the limit.'
        : `Budget exceeded: the ${details.scope} ${details.metric} limit (${details.scopeKey}) is ${details.limit}; ` +
            `this call needs up to ${details.requested} but only ${details.remaining} remains ` +
            `(spent ${details.spent}, reserved ${details.reserved}). ` +
            'Lower maxOutputTokens or the input, wait for the period to reset, or raise the limit.',
      { details },
    );
  }
}

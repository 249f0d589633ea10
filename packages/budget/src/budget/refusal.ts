import { BudgetExceededError } from '../errors/budget-exceeded-error.js';
import { MICRO_PER_USD } from '../prices/micro-usd.js';
import type { StoreReserveResult } from './budget-store.js';
import type { Charge } from './charge.js';

/** The error for a refused reservation, in reporting units (USD for `usd`). */
export function refusal(
  result: Extract<StoreReserveResult, { ok: false }>,
  amount: Charge,
  scope: string,
): BudgetExceededError {
  const { metric, limit, spent, reserved } = result;
  const scale = metric === 'usd' ? (n: number) => n / MICRO_PER_USD : (n: number) => n;
  const requested =
    metric === 'tokens' ? amount.tokens : metric === 'usd' ? amount.microUsd : amount.requests;
  return new BudgetExceededError({
    scope,
    scopeKey: result.scopeKey,
    metric,
    limit: scale(limit),
    requested: scale(requested),
    spent: scale(spent),
    reserved: scale(reserved),
    remaining: scale(Math.max(0, limit - spent - reserved)),
  });
}

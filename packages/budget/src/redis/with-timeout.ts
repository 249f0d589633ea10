import { BudgetStoreUnavailableError } from '../errors/budget-store-unavailable-error.js';

/**
 * Settles with `work`, or rejects with `BudgetStoreUnavailableError` after `timeoutMs` or
 * on any client error: an unreachable store refuses (fail closed), never hangs, never allows.
 * A reserve that lands after the timeout is held until its TTL and then booked at its worst
 * case: late, but never free budget.
 */
export function withTimeout<T>(operation: string, timeoutMs: number, work: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new BudgetStoreUnavailableError(operation, timeoutMs)),
      timeoutMs,
    );
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(new BudgetStoreUnavailableError(operation, timeoutMs, error));
      },
    );
  });
}

import { BudgetStoreUnavailableError } from '../errors/budget-store-unavailable-error.js';

/**
 * Settles with `work`, or rejects with `BudgetStoreUnavailableError` after `timeoutMs` or
 * on any client error: an unreachable store refuses (fail closed), never hangs, never allows.
 * Work that lands after the timeout still runs in Redis: the store cancels a reserve it
 * gave up on (see AbandonedReserves), and settle and release are safe to retry.
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

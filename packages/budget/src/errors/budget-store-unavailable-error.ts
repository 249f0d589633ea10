import { PmError } from '@pm/envelope-schemas';
import { hasCode } from './has-code.js';

/** The shared budget store did not answer in time: the call is refused (fail closed). */
export class BudgetStoreUnavailableError extends PmError {
  /** True for any @pm error with code `BUDGET_STORE_UNAVAILABLE`, whichever bundle or install threw it. */
  static override [Symbol.hasInstance] = hasCode('BUDGET_STORE_UNAVAILABLE');

  constructor(operation: string, timeoutMs: number, cause?: unknown) {
    super(
      'BUDGET_STORE_UNAVAILABLE',
      `The budget store did not complete "${operation}" within ${timeoutMs} ms, so the call is refused. ` +
        'Check that Redis is reachable (REDIS_URL) and healthy, or raise the store timeout.',
      { cause, details: { operation, timeoutMs } },
    );
  }
}

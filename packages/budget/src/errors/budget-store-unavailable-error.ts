import { PmError } from '@pm/envelope-schemas';
import { hasCode } from './has-code.js';

/**
 * How the store failed: no answer within the timeout, an error reply from Redis (it is up
 * but refused the command), or a client that gave up before Redis answered (connection).
 */
export type StoreFailure = 'timeout' | 'error-reply' | 'connection';

/** The shared budget store did not complete an operation: the call is refused (fail closed). */
export class BudgetStoreUnavailableError extends PmError {
  /** True for any @pm error with code `BUDGET_STORE_UNAVAILABLE`, whichever bundle or install threw it. */
  static override [Symbol.hasInstance] = hasCode('BUDGET_STORE_UNAVAILABLE');

  /**
   * @param cause The client's error; none when the store did not answer within `timeoutMs`.
   */
  constructor(operation: string, timeoutMs: number, cause?: unknown) {
    const failure = failureOf(cause);
    const redisError = failure === 'error-reply' ? replyCode(cause) : undefined;
    super('BUDGET_STORE_UNAVAILABLE', messageFor(failure, operation, timeoutMs, redisError), {
      cause,
      details: {
        operation,
        timeoutMs,
        failure,
        ...(redisError === undefined ? {} : { redisError }),
      },
    });
  }
}

function failureOf(cause: unknown): StoreFailure {
  if (cause === undefined) return 'timeout';
  // ioredis (through redis-errors) names every error reply from the server ReplyError.
  return (cause as { name?: unknown } | null)?.name === 'ReplyError' ? 'error-reply' : 'connection';
}

/**
 * The reply's leading error code (`WRONGTYPE`, `OOM`, `NOAUTH`), never the rest of the
 * reply: the code alone says what went wrong and cannot carry anything secret.
 */
function replyCode(cause: unknown): string | undefined {
  const message = (cause as { message?: unknown }).message;
  return typeof message === 'string' ? /^[A-Z][A-Z_]{1,30}(?=\s|$)/.exec(message)?.[0] : undefined;
}

function messageFor(
  failure: StoreFailure,
  operation: string,
  timeoutMs: number,
  redisError: string | undefined,
): string {
  switch (failure) {
    case 'timeout':
      return (
        `The budget store did not answer "${operation}" within ${timeoutMs} ms, so the call is refused. ` +
        "Check that Redis is reachable (REDIS_URL) and not overloaded, or raise the store's timeoutMs."
      );
    case 'error-reply':
      return (
        `Redis answered "${operation}" with an error${redisError === undefined ? '' : ` (${redisError})`}, so the call is refused. ` +
        "The reply is this error's cause: WRONGTYPE means something else wrote keys under the store's prefix (give the store a prefix of its own); " +
        "OOM, READONLY or NOAUTH point at the server's memory, a read-only replica or its credentials."
      );
    case 'connection':
      return (
        `The budget store could not reach Redis for "${operation}" (the connection failed), so the call is refused. ` +
        "Check that Redis is running and reachable at the store's address (REDIS_URL); the client's error is this error's cause."
      );
  }
}

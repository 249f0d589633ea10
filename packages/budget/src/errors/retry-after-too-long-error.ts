import { isPmError, PmError } from '@pm/envelope-schemas';

/** What {@link RetryAfterTooLongError} reports. */
export interface RetryAfterTooLong {
  /** The attempt that failed (1-based). */
  readonly attempt: number;
  /** Its HTTP status, if any. */
  readonly status: number | undefined;
  /** The wait the server asked for, ms. */
  readonly retryAfterMs: number;
  /** The longest wait `retry` honours (`maxRetryAfterMs`). */
  readonly maxRetryAfterMs: number;
  /** When the server said to try again. */
  readonly retryAt: Date;
}

/**
 * The server asked to wait longer than `retry`'s `maxRetryAfterMs` before the next attempt
 * (a quota reset, an outage): `retry` stops rather than retry early, which the server would
 * refuse again. Code `PROVIDER_UNAVAILABLE`, with `details.reason: 'retry_after_too_long'` and
 * `details.retryAt` saying when to try again. The failure itself is not kept as `cause`
 * (a provider's error may quote a key); its status is in `details`.
 */
export class RetryAfterTooLongError extends PmError {
  /** True for any @pm error with this code and reason, whichever bundle or install threw it. */
  static override [Symbol.hasInstance] = (value: unknown): boolean =>
    isPmError(value) &&
    value.code === 'PROVIDER_UNAVAILABLE' &&
    value.details?.reason === 'retry_after_too_long';

  /** When the server said to try again. */
  readonly retryAt: Date;

  constructor(facts: RetryAfterTooLong) {
    const { attempt, status, retryAfterMs, maxRetryAfterMs, retryAt } = facts;
    super(
      'PROVIDER_UNAVAILABLE',
      `Attempt ${attempt} failed${status === undefined ? '' : ` (HTTP ${status})`} and the server asked to wait ${Math.ceil(retryAfterMs / 1000)} s (Retry-After), longer than retry's maxRetryAfterMs of ${maxRetryAfterMs} ms, so no further attempt was made (an earlier one would be refused again). ` +
        `Try again after ${retryAt.toISOString()}, or raise maxRetryAfterMs to wait for it.`,
      {
        details: {
          reason: 'retry_after_too_long',
          attempt,
          ...(status === undefined ? {} : { status }),
          retryAfterMs,
          maxRetryAfterMs,
          retryAt: retryAt.toISOString(),
        },
      },
    );
    this.retryAt = retryAt;
  }
}

import { httpStatus } from '@pm/budget';
import { PmError, type PmErrorOptions, type TokenUsageV1 } from '@pm/envelope-schemas';
import { copyOfClass } from '../errors/copy-of-class.js';

/** Facts about a failed provider attempt that decide whether and when to retry. */
export interface ProviderFailure {
  /**
   * HTTP status, when the provider answered. A status given as text (`'503'`, as some
   * gateways and SDK wrappers give it) is taken as its number; any other value that is not a
   * number is left out. Whether the call is retried is `retryable`'s to say, not the status's.
   */
  status?: number | string;
  /** Whether another attempt may succeed (408, 409, 429, 5xx, network errors, timeouts). */
  retryable: boolean;
  /** The provider's `Retry-After`, in ms, when it sent one. */
  retryAfterMs?: number;
  /** Attempts made so far (set by the pipeline when it gives up). */
  attempts?: number;
  /**
   * Usage the provider reported although the attempt failed (e.g. a refusal's body): it was
   * billed, so the pipeline settles the reservation with it instead of releasing it.
   */
  usage?: TokenUsageV1;
  /**
   * The request reached the provider, which may have billed it: a 2xx answer that could not
   * be read (malformed or stalled body; never retried), or an attempt that timed out
   * waiting for any answer (retryable). The pipeline books such an attempt at its worst case
   * unless `usage` says otherwise, and a retry after it holds a worst case of its own.
   */
  possiblyBilled?: boolean;
}

/**
 * The provider failed. Thrown per attempt by providers, and to the host after the last
 * permitted attempt (`attempts` then says how many were made). Messages are scrubbed of
 * secrets; the provider's own error is not kept as `cause` (it may quote a key).
 */
export class ProviderUnavailableError extends PmError {
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly attempts: number | undefined;
  /** See {@link ProviderFailure.usage}. */
  readonly usage: TokenUsageV1 | undefined;
  /** See {@link ProviderFailure.possiblyBilled}. */
  readonly possiblyBilled: boolean;
  /**
   * The provider's wait request as a `retry-after-ms` header, when it sent one, so retry
   * helpers that read response headers (`retry` of @pm/budget) honour it. No other header
   * of the response is kept: they may echo credentials.
   */
  readonly headers: Headers | undefined;

  constructor(message: string, failure: ProviderFailure, options: PmErrorOptions = {}) {
    const { status: given, ...facts } = failure;
    const status = httpStatus(given);
    super('PROVIDER_UNAVAILABLE', message, {
      ...options,
      details: { ...facts, ...(status === undefined ? {} : { status }), ...options.details },
    });
    this.status = status;
    this.retryable = failure.retryable;
    this.retryAfterMs = failure.retryAfterMs;
    this.attempts = failure.attempts;
    this.usage = failure.usage;
    this.possiblyBilled = failure.possiblyBilled === true;
    this.headers =
      failure.retryAfterMs === undefined
        ? undefined
        : new Headers({ 'retry-after-ms': String(failure.retryAfterMs) });
  }

  /**
   * The same failure as reported to the host after the last of `attempts` attempts: of the
   * same class (a host's subclass stays one, its own fields kept), with the same facts.
   */
  afterAttempts(attempts: number): ProviderUnavailableError {
    return copyOfClass(this, ProviderUnavailableError, [
      `${this.message} Gave up after ${attempts} attempt(s).`,
      {
        retryable: this.retryable,
        ...(this.status === undefined ? {} : { status: this.status }),
        ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
        attempts,
        ...(this.usage === undefined ? {} : { usage: this.usage }),
        ...(this.possiblyBilled ? { possiblyBilled: true } : {}),
      },
    ]);
  }
}

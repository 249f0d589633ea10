import { isPmError } from '@pm/envelope-schemas';
import { MAX_TIMER_MS } from '../budget/limits.js';
import { checkKnownKeys } from '../budget/option-keys.js';
import { checkedCallback } from '../checked-callback.js';
import { checkedSignal } from '../checked-signal.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { kindOf, shownNumber } from '../errors/kind-of.js';
import { RetryAfterTooLongError } from '../errors/retry-after-too-long-error.js';
import { isRetryable, retryAfterMs, statusOf } from './retryable.js';
import { sleep } from './sleep.js';

const RETRY_KEYS: Readonly<Record<keyof RetryOptions, true>> = {
  attempts: true,
  baseMs: true,
  maxMs: true,
  maxRetryAfterMs: true,
  signal: true,
  isRetryable: true,
  onRetry: true,
  random: true,
};

/** What `fn` learns about the attempt it is making. */
export interface AttemptContext {
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** The caller's signal (e.g. the run deadline), to pass to the provider call. */
  readonly signal: AbortSignal | undefined;
}

/** Told before each wait, so the caller sees attempts and `Retry-After` (and can ledger them). */
export interface RetryEvent {
  /** The attempt that failed (1-based). */
  readonly attempt: number;
  /** Its error. */
  readonly error: unknown;
  /** HTTP status of the error, if any. */
  readonly status: number | undefined;
  /** The server's `Retry-After`, in ms (the wait, at most `maxRetryAfterMs`); undefined when absent. */
  readonly retryAfterMs: number | undefined;
  /** How long the next wait is. */
  readonly delayMs: number;
}

/** Options of {@link retry}. */
export interface RetryOptions {
  /** Total attempts, first included. Default 3. */
  readonly attempts?: number;
  /** Base of the exponential backoff. Default 500 ms; at most `maxMs` when given. */
  readonly baseMs?: number;
  /** Cap of one backoff wait. Default 20 s; at most 2^31 - 1 ms (a Node timer's limit). */
  readonly maxMs?: number;
  /**
   * Longest `Retry-After` honoured. Default 60 s; at most 2^31 - 1 ms (a Node timer's
   * limit). A server asking for longer stops the retries (never an early retry, which it
   * would refuse again): a `PmError` failure is rethrown as is, any other becomes
   * `RetryAfterTooLongError` saying when to try again.
   */
  readonly maxRetryAfterMs?: number;
  /** Aborts waits and further attempts (pass the run deadline's signal). */
  readonly signal?: AbortSignal;
  /** Which failures to retry; default `isRetryable` (408, 409, 429, 5xx, network errors). */
  readonly isRetryable?: (error: unknown) => boolean;
  /** Called before each wait. */
  readonly onRetry?: (event: RetryEvent) => void;
  /** Source of randomness for jitter, in [0, 1). Default `Math.random`. */
  readonly random?: () => number;
}

function int(
  value: number | undefined,
  fallback: number,
  min: number,
  what: string,
  max: number = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(
      `retry option ${what} must be an integer from ${min} to ${max}; got ${shownNumber(value)}.`,
    );
  }
  return value;
}

/**
 * Calls `fn` up to `attempts` times. Waits between attempts with exponential backoff and
 * full jitter (`random() * min(maxMs, baseMs * 2^(n-1))`), or the server's `Retry-After`
 * when it sends one; a `Retry-After` above `maxRetryAfterMs` stops the retries (see there). Only retryable failures are retried;
 * the last error is rethrown unchanged. Every attempt runs under the same budget
 * reservation: reserve `requests: attempts` and settle the attempts made.
 */
export async function retry<T>(
  fn: (context: AttemptContext) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  if (typeof fn !== 'function') {
    throw new InvalidArgumentError(
      `retry needs a function that makes one attempt, e.g. retry(({ attempt, signal }) => callModel(signal), { attempts: 3 }); got ${kindOf(fn)}.`,
    );
  }
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError(
      `retry options must be an object, e.g. { attempts: 3 } (or none for the defaults); got ${kindOf(options)}.`,
    );
  }
  // A misspelt `attempts` would silently be 3, `isRetryable` the default rule.
  checkKnownKeys(options, 'retry options', RETRY_KEYS, '{ attempts: 3 }', 'a retry option');
  const attempts = int(options.attempts, 3, 1, 'attempts');
  // A wait reaches a Node timer, which fires after 1 ms when asked for more than 2^31 - 1:
  // a larger cap would turn a long Retry-After into an immediate retry.
  const baseMs = int(options.baseMs, 500, 0, 'baseMs', MAX_TIMER_MS);
  const maxMs = int(options.maxMs, 20_000, 0, 'maxMs', MAX_TIMER_MS);
  const maxRetryAfterMs = int(options.maxRetryAfterMs, 60_000, 0, 'maxRetryAfterMs', MAX_TIMER_MS);
  // Every backoff is capped at maxMs, so a larger base never backs off: each wait would be
  // maxMs (times the jitter), whatever the host meant by the base.
  if (options.baseMs !== undefined && baseMs > maxMs) {
    throw new InvalidArgumentError(
      `retry option baseMs must be <= maxMs (each wait is capped at maxMs); got baseMs ${baseMs} and maxMs ${maxMs}${options.maxMs === undefined ? ' (the default)' : ''}. Lower baseMs or raise maxMs, e.g. { baseMs: 500, maxMs: 20000 }.`,
    );
  }
  const retryable =
    checkedCallback(options.isRetryable, 'retry option isRetryable', '(error) => true') ??
    isRetryable;
  const random =
    checkedCallback(options.random, 'retry option random', 'Math.random') ?? Math.random;
  const onRetry = checkedCallback(options.onRetry, 'retry option onRetry', '(e) => log(e)');
  const signal = checkedSignal(options.signal, 'retry option signal');
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw signal.reason;
    try {
      return await fn({ attempt, signal });
    } catch (error) {
      // Once the run's time is up, its reason (the deadline) says more than the last failure.
      if (signal?.aborted) throw signal.reason;
      if (attempt >= attempts || !retryable(error)) throw error;
      const after = retryAfterMs(error);
      if (after !== undefined && after > maxRetryAfterMs) {
        // A PmError is already typed for the host (and may carry more, e.g. usage): as is.
        if (isPmError(error)) throw error;
        throw new RetryAfterTooLongError({
          attempt,
          status: statusOf(error),
          retryAfterMs: after,
          maxRetryAfterMs,
          retryAt: new Date(Date.now() + after),
        });
      }
      const delayMs =
        after !== undefined
          ? after
          : Math.floor(random() * Math.min(maxMs, baseMs * 2 ** (attempt - 1)));
      onRetry?.({ attempt, error, status: statusOf(error), retryAfterMs: after, delayMs });
      await sleep(delayMs, signal);
    }
  }
}

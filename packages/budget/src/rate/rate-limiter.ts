import { checkKnownKeys } from '../budget/option-keys.js';
import { checkedSignal } from '../checked-signal.js';
import { CallCancelledError } from '../errors/call-cancelled-error.js';
import { CallLimitExceededError } from '../errors/call-limit-exceeded-error.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { kindOf, shownNumber } from '../errors/kind-of.js';
import { localRateLimiter } from './local-rate-limiter.js';
import type { RateLimitStore } from './rate-limit-store.js';
import { sharedRateLimiter } from './shared-rate-limiter.js';

/** Options of {@link createRateLimiter}; omit all limits for a pass-through limiter. */
export interface RateLimiterOptions {
  /** Max requests started in any 60 s window. */
  readonly requestsPerMinute?: number;
  /** Max tokens (each call's weight, e.g. input + max output) started in any 60 s window. */
  readonly tokensPerMinute?: number;
  /** Max calls in flight at once in this process. */
  readonly maxConcurrent?: number;
  /**
   * Share the per-minute limits across processes through this store (the Redis store from
   * `@pm/budget/redis`). Without it the limits are per process, with the same sliding
   * 60 s window kept in memory.
   */
  readonly store?: RateLimitStore;
  /** Name of the shared limit in the store. Default `default`. */
  readonly key?: string;
}

/** Per-call options of `schedule`. */
export interface ScheduleOptions {
  /** The call's weight in tokens (count it with `countChatTokens` + max output). Default 0. */
  readonly tokens?: number;
  /** Abandons the wait (not a running call) when it aborts, e.g. the run deadline's signal. */
  readonly signal?: AbortSignal;
}

/** Runs calls within per-minute request and token limits and a concurrency cap. */
export interface RateLimiter {
  /** True when some limit is configured (false: `schedule` calls `fn` directly). */
  readonly limited: boolean;
  /** Runs `fn` as soon as the limits allow. */
  schedule<T>(fn: () => Promise<T>, options?: ScheduleOptions): Promise<T>;
  /**
   * Stops the limiter: calls still queued, and any scheduled later, reject with
   * `CallCancelledError` and are never made; calls already running are not abandoned.
   */
  stop(): Promise<void>;
}

/** Every option of `createRateLimiter` (the `Record` makes the compiler keep it complete). */
const RATE_LIMITER_KEYS: Readonly<Record<keyof RateLimiterOptions, true>> = {
  requestsPerMinute: true,
  tokensPerMinute: true,
  maxConcurrent: true,
  store: true,
  key: true,
};

/** Every option of `schedule`. */
const SCHEDULE_KEYS: Readonly<Record<keyof ScheduleOptions, true>> = {
  tokens: true,
  signal: true,
};

const NOUN = 'a rate limiter option';

function positive(value: number | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new InvalidArgumentError(
      `${what} must be a positive integer; got ${shownNumber(value)}.`,
    );
  }
  return value;
}

/**
 * A rate limiter: per-minute limits in a sliding 60 s window (token weights = tokens; no
 * 60 s window starts more than a limit), kept in memory or, for several processes, in the
 * shared store; `maxConcurrent` per process on bottleneck. With no limit configured it calls
 * `fn` directly (bottleneck measured ~5 ms per `schedule()` even unlimited).
 */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError(
      `createRateLimiter needs an options object, e.g. createRateLimiter({ requestsPerMinute: 500, tokensPerMinute: 200_000 }) (or none for a pass-through limiter); got ${kindOf(options)}.`,
    );
  }
  // A misspelt limit (`requestPerMinute`) would silently be no limit at all.
  checkKnownKeys(
    options,
    'createRateLimiter options',
    RATE_LIMITER_KEYS,
    'createRateLimiter({ requestsPerMinute: 500 })',
    NOUN,
  );
  if (options.store !== undefined && typeof options.store?.acquireRate !== 'function') {
    throw new InvalidArgumentError(
      `createRateLimiter option store must be a rate limit store (redisStore(...) from @pm/budget/redis), with an acquireRate function; got ${kindOf(options.store)} without one. Omit store for per-process limits.`,
    );
  }
  // Read into the store's key names: `{}` would become "[object Object]", one shared limit
  // for every limiter so misconfigured.
  const key: unknown = options.key;
  if (key !== undefined && !(typeof key === 'string' && key.length > 0 && key.length <= 256)) {
    throw new InvalidArgumentError(
      `createRateLimiter option key must be a string of 1 to 256 characters naming the shared limit, e.g. key: 'openai'; got ${typeof key === 'string' ? `a string of ${key.length} characters` : kindOf(key)}.`,
    );
  }
  // A key names a limit shared through a store: without one, each process would keep its
  // own limit while the host believes it shares one (N processes, N times the limit).
  if (key !== undefined && options.store === undefined) {
    throw new InvalidArgumentError(
      'createRateLimiter option key names a limit shared through a store, but no store is given: add store: redisStore({ client, prefix }) from @pm/budget/redis to share it across processes, or omit key for a per-process limit.',
    );
  }
  const rpm = positive(options.requestsPerMinute, 'requestsPerMinute');
  const tpm = positive(options.tokensPerMinute, 'tokensPerMinute');
  const maxConcurrent = positive(options.maxConcurrent, 'maxConcurrent');

  /** Checks a scheduled call (a function, a valid weight) and returns its weight in tokens. */
  function weightOfCall(fn: unknown, o: ScheduleOptions | undefined): number {
    if (typeof fn !== 'function') {
      throw new InvalidArgumentError(
        `schedule needs a function that makes the call, e.g. limiter.schedule(() => callModel(signal), { tokens }); got ${kindOf(fn)}.`,
      );
    }
    // A misspelt `tokens` would run the call unweighted against tokensPerMinute.
    if (o !== undefined && o !== null) {
      checkKnownKeys(o, 'schedule options', SCHEDULE_KEYS, 'schedule(fn, { tokens: 1200 })', NOUN);
    }
    checkedSignal(o?.signal, 'schedule option signal');
    // Under a token limit a call without its weight would be counted as 0: the limit would
    // not limit it at all.
    if (tpm !== undefined && o?.tokens === undefined) {
      throw new InvalidArgumentError(
        "This limiter has tokensPerMinute, so schedule needs the call's weight: schedule(fn, { tokens: inputTokens + maxOutputTokens }) (0 for a call that uses none).",
      );
    }
    const tokens = o?.tokens ?? 0;
    if (!Number.isSafeInteger(tokens) || tokens < 0) {
      throw new InvalidArgumentError(
        `tokens must be a non-negative integer; got ${shownNumber(tokens)}.`,
      );
    }
    // A call heavier than a whole minute's allowance could never run: refuse instead of hanging.
    if (tpm !== undefined && tokens > tpm) {
      throw new CallLimitExceededError(
        'tokens',
        tokens,
        tpm,
        'Split the call or raise tokensPerMinute.',
      );
    }
    return tokens;
  }

  if (rpm === undefined && tpm === undefined && maxConcurrent === undefined) {
    let stopped: CallCancelledError | undefined;
    return {
      limited: false,
      schedule: (fn, o) => {
        try {
          weightOfCall(fn, o);
          // As a limited limiter: no call is made once the host has stopped it, nor one
          // whose caller has already given up (a run past its deadline).
          if (stopped !== undefined) throw stopped;
          if (o?.signal?.aborted === true) throw o.signal.reason;
          // Called directly (no scheduler hop), yet failing the way a limited schedule does:
          // an fn that throws at once rejects, and a value that is not a promise is wrapped.
          return Promise.resolve(fn());
        } catch (error) {
          return Promise.reject(error);
        }
      },
      stop: async () => {
        stopped ??= new CallCancelledError();
      },
    };
  }
  if (options.store !== undefined) {
    return sharedRateLimiter(
      options.store,
      options.key ?? 'default',
      rpm,
      tpm,
      maxConcurrent,
      weightOfCall,
    );
  }
  return localRateLimiter(rpm, tpm, maxConcurrent, weightOfCall);
}

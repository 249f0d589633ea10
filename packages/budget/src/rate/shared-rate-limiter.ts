import { CallCancelledError } from '../errors/call-cancelled-error.js';
import { concurrencySlots } from './concurrency-slots.js';
import type { RateLimitStore } from './rate-limit-store.js';
import type { RateLimiter, ScheduleOptions } from './rate-limiter.js';
import { sleep } from './sleep.js';
import { stopWaitingOnAbort } from './stop-waiting-on-abort.js';

/** Longest single wait between two tries, so a clock jump cannot park a call for long. */
const MAX_WAIT_MS = 60_000;

/**
 * Limits shared by every process on the store: each call takes one request and its tokens
 * from the store's sliding 60 s windows (one atomic script), sleeping for the wait the store
 * returns.
 * `maxConcurrent` stays per process (bottleneck).
 */
export function sharedRateLimiter(
  store: RateLimitStore,
  key: string,
  rpm: number | undefined,
  tpm: number | undefined,
  maxConcurrent: number | undefined,
  weightOfCall: (fn: unknown, options: ScheduleOptions | undefined) => number,
): RateLimiter {
  const concurrency = maxConcurrent === undefined ? undefined : concurrencySlots(maxConcurrent);
  const limits = { requestsPerMinute: rpm ?? -1, tokensPerMinute: tpm ?? -1 };
  // Aborted by stop(): calls still waiting for the window are dropped, as bottleneck drops
  // its queue, instead of being made (and billed) after the host has shut the limiter down.
  const stopped = new AbortController();
  /** Throws when the caller gave up (`signal`) or the limiter was stopped. */
  const throwIfCancelled = (signal: AbortSignal | undefined) => {
    signal?.throwIfAborted();
    stopped.signal.throwIfAborted();
  };
  const acquire = async (tokens: number, signal?: AbortSignal) => {
    if (rpm === undefined && tpm === undefined) return;
    for (;;) {
      throwIfCancelled(signal);
      const waitMs = await store.acquireRate(key, 1, tokens, limits);
      if (waitMs <= 0) return;
      await sleep(Math.min(waitMs, MAX_WAIT_MS), signal, stopped.signal);
    }
  };
  return {
    limited: true,
    schedule<T>(fn: () => Promise<T>, o?: ScheduleOptions): Promise<T> {
      let tokens: number;
      try {
        tokens = weightOfCall(fn, o);
      } catch (error) {
        return Promise.reject(error);
      }
      const signal = o?.signal;
      return stopWaitingOnAbort(signal, (started) => {
        // A job that gets its slot after the caller gave up must not take from the windows
        // nor make the call: it returns at once and frees the slot for the next one.
        const run = async () => {
          throwIfCancelled(signal);
          await acquire(tokens, signal);
          // The caller may have given up during the store's round trip: already rejected,
          // it must not find its call made (and billed) behind its back. Nor after stop().
          throwIfCancelled(signal);
          started();
          return fn();
        };
        return concurrency === undefined ? run() : concurrency.run(run);
      });
    },
    async stop() {
      if (!stopped.signal.aborted) stopped.abort(new CallCancelledError());
      await concurrency?.stop(stopped.signal.reason);
    },
  };
}

import { CallCancelledError } from '../errors/call-cancelled-error.js';
import { concurrencySlots } from './concurrency-slots.js';
import type { RateLimiter, ScheduleOptions } from './rate-limiter.js';
import { SlidingWindow } from './sliding-window.js';
import { stopWaitingOnAbort } from './stop-waiting-on-abort.js';

/**
 * Per-process limits: the per-minute ones in a sliding 60 s window with the shared
 * limiter's semantics (`SlidingWindow`), the concurrency cap on bottleneck. As in the shared
 * limiter, a call takes its window grant once it holds a concurrency slot, so it is counted
 * when it starts, not when it was queued.
 */
export function localRateLimiter(
  rpm: number | undefined,
  tpm: number | undefined,
  maxConcurrent: number | undefined,
  weightOfCall: (fn: unknown, options: ScheduleOptions | undefined) => number,
): RateLimiter {
  const concurrency = maxConcurrent === undefined ? undefined : concurrencySlots(maxConcurrent);
  const window = rpm === undefined && tpm === undefined ? undefined : new SlidingWindow(rpm, tpm);
  let stopReason: CallCancelledError | undefined;

  return {
    limited: true,
    schedule<T>(fn: () => Promise<T>, o?: ScheduleOptions): Promise<T> {
      let weight: number;
      try {
        weight = weightOfCall(fn, o);
      } catch (error) {
        return Promise.reject(error);
      }
      const signal = o?.signal;
      return stopWaitingOnAbort(signal, (started) => {
        // A job that gets its slot after the caller gave up must not make the call: it
        // returns at once (having taken nothing from the window) and frees the slot.
        const run = (): Promise<T> =>
          new Promise<T>((resolve, reject) => {
            const call = () => {
              started();
              try {
                resolve(fn());
              } catch (error) {
                reject(error);
              }
            };
            if (window !== undefined) window.enter(weight, signal, call, reject);
            else if (signal?.aborted) reject(signal.reason);
            else call();
          });
        return concurrency === undefined ? run() : concurrency.run(run);
      });
    },
    async stop() {
      stopReason ??= new CallCancelledError();
      window?.stop(stopReason);
      await concurrency?.stop(stopReason);
    },
  };
}

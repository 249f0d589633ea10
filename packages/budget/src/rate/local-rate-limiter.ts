import Bottleneck from 'bottleneck';
import type { RateLimiter, ScheduleOptions } from './rate-limiter.js';
import { stopWaitingOnAbort } from './stop-waiting-on-abort.js';

/**
 * Per-process limits on bottleneck: a request limiter (reservoir of `rpm`, refilled every
 * minute, and the concurrency cap) inside a token limiter (reservoir of `tpm`, weights =
 * tokens).
 */
export function localRateLimiter(
  rpm: number | undefined,
  tpm: number | undefined,
  maxConcurrent: number | undefined,
  weightOf: (options: ScheduleOptions | undefined) => number,
): RateLimiter {
  // Bottleneck's reservoir refills to the full minute's allowance every minute.
  const requests =
    rpm === undefined && maxConcurrent === undefined
      ? undefined
      : new Bottleneck({
          ...(maxConcurrent === undefined ? {} : { maxConcurrent }),
          ...(rpm === undefined
            ? {}
            : { reservoir: rpm, reservoirRefreshAmount: rpm, reservoirRefreshInterval: 60_000 }),
        });
  const tokensLimiter =
    tpm === undefined
      ? undefined
      : new Bottleneck({
          reservoir: tpm,
          reservoirRefreshAmount: tpm,
          reservoirRefreshInterval: 60_000,
        });

  return {
    limited: true,
    schedule<T>(fn: () => Promise<T>, o?: ScheduleOptions): Promise<T> {
      let weight: number;
      try {
        weight = weightOf(o);
      } catch (error) {
        return Promise.reject(error);
      }
      const signal = o?.signal;
      // A job that gets its slot after the caller gave up must not make the call.
      const guarded =
        signal === undefined
          ? fn
          : () => {
              signal.throwIfAborted();
              return fn();
            };
      const inner = requests === undefined ? guarded : () => requests.schedule(guarded);
      const job =
        tokensLimiter === undefined || weight === 0
          ? inner()
          : tokensLimiter.schedule({ weight }, inner);
      return stopWaitingOnAbort(job, signal);
    },
    async stop() {
      await Promise.all([
        requests?.stop({ dropWaitingJobs: true }),
        tokensLimiter?.stop({ dropWaitingJobs: true }),
      ]);
    },
  };
}

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
  weightOfCall: (fn: unknown, options: ScheduleOptions | undefined) => number,
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
        weight = weightOfCall(fn, o);
      } catch (error) {
        return Promise.reject(error);
      }
      const signal = o?.signal;
      const tokensTaken = tokensLimiter !== undefined && weight > 0;
      // bottleneck cannot take a queued job back: a job whose caller gave up still gets its
      // turn, and bottleneck has taken its units from the reservoirs by then. It must not
      // make the call, and gives the units back so live calls are not held a minute for it.
      const giveUp = (requestTaken: boolean): never => {
        if (requestTaken && rpm !== undefined) requests?.incrementReservoir(1).catch(ignore);
        if (tokensTaken) tokensLimiter.incrementReservoir(weight).catch(ignore);
        throw signal?.reason;
      };
      return stopWaitingOnAbort(signal, (started) => {
        const guarded = () => {
          if (signal?.aborted) return giveUp(true);
          started();
          return fn();
        };
        const inner =
          requests === undefined
            ? guarded
            : () => (signal?.aborted ? giveUp(false) : requests.schedule(guarded));
        return tokensTaken ? tokensLimiter.schedule({ weight }, inner) : inner();
      });
    },
    async stop() {
      await Promise.all([
        requests?.stop({ dropWaitingJobs: true }),
        tokensLimiter?.stop({ dropWaitingJobs: true }),
      ]);
    },
  };
}

/** A refund after `stop()` has nothing left to refill. */
function ignore(): void {}

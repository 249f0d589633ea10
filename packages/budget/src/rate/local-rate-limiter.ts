import Bottleneck from 'bottleneck';
import type { RateLimiter, ScheduleOptions } from './rate-limiter.js';
import { stopWaitingOnAbort } from './stop-waiting-on-abort.js';

/**
 * Per-process limits on bottleneck: a request limiter (reservoir of `rpm`, refilled every
 * minute, and the concurrency cap) inside a token limiter (reservoir of `tpm`, weights =
 * tokens, refilled every minute by this limiter's own timer).
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
  // The token reservoir is refilled here, not by bottleneck's reservoirRefreshInterval, so
  // that a call given up in the queue knows whether the minute its tokens came from is still
  // the current one: tokens taken before a refill and given back after it would add to the
  // new minute's full allowance (tokensPerMinute 100 let 175 tokens start in one minute).
  const tokensLimiter = tpm === undefined ? undefined : new Bottleneck({ reservoir: tpm });
  let minute = 0;
  const refill =
    tokensLimiter === undefined
      ? undefined
      : setInterval(() => {
          // The minute changes once the reservoir is full again: a job started in between
          // took from the new minute but keeps none of it if given up (never more).
          // updateSettings returns a promise (bottleneck's typings say the limiter).
          Promise.resolve<unknown>(tokensLimiter.updateSettings({ reservoir: tpm })).then(() => {
            minute++;
          }, ignore);
        }, 60_000);
  // A limiter must not keep the host process alive.
  refill?.unref?.();

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
      // The minute the tokens were taken in (set when the token limiter starts the job).
      let tokensMinute = -1;
      // bottleneck cannot take a queued job back: a job whose caller gave up still gets its
      // turn, and bottleneck has taken its units from the reservoirs by then. It must not
      // make the call, and gives the units back so live calls are not held a minute for it:
      // the request at once (taken this turn), the tokens only within the minute they came
      // from (a refill since has restored the full allowance).
      const giveUp = (requestTaken: boolean): never => {
        if (requestTaken && rpm !== undefined) requests?.incrementReservoir(1).catch(ignore);
        if (tokensTaken && tokensMinute === minute) {
          tokensLimiter.incrementReservoir(weight).catch(ignore);
        }
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
        return tokensTaken
          ? tokensLimiter.schedule({ weight }, () => {
              tokensMinute = minute;
              return inner();
            })
          : inner();
      });
    },
    async stop() {
      clearInterval(refill);
      await Promise.all([
        requests?.stop({ dropWaitingJobs: true }),
        tokensLimiter?.stop({ dropWaitingJobs: true }),
      ]);
    },
  };
}

/** A refund after `stop()` has nothing left to refill. */
function ignore(): void {}

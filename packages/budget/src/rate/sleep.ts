import { onAbort } from '@pm/envelope-schemas';

/**
 * Waits `ms`, or rejects with the reason of `signal` or `stop` as soon as either aborts
 * (two signals, since AbortSignal.any is missing from early Node 20 releases).
 */
export function sleep(ms: number, signal?: AbortSignal, stop?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (stop?.aborted) return Promise.reject(stop.reason);
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      done();
      resolve();
    }, ms);
    const end = (aborted: AbortSignal) => () => {
      done();
      reject(aborted.reason);
    };
    const unsubscribeSignal = signal === undefined ? noop : onAbort(signal, end(signal));
    const unsubscribeStop = stop === undefined ? noop : onAbort(stop, end(stop));
    function done(): void {
      clearTimeout(timer);
      unsubscribeSignal();
      unsubscribeStop();
    }
  });
}

function noop(): void {}

/**
 * Waits `ms`, or rejects with the reason of `signal` or `stop` as soon as either aborts
 * (two signals, since AbortSignal.any is missing from early Node 20 releases).
 */
export function sleep(ms: number, signal?: AbortSignal, stop?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (stop?.aborted) return Promise.reject(stop.reason);
  return new Promise<void>((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      stop?.removeEventListener('abort', onStop);
    };
    const onAbort = () => {
      done();
      reject(signal!.reason);
    };
    const onStop = () => {
      done();
      reject(stop!.reason);
    };
    const timer = setTimeout(() => {
      done();
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
    stop?.addEventListener('abort', onStop, { once: true });
  });
}

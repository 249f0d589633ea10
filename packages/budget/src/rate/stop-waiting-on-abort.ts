/**
 * `job`, or a rejection with `signal`'s reason as soon as it aborts. bottleneck cannot
 * cancel a queued job, so a limiter stops waiting for it instead: the caller is rejected at
 * once, and the job, guarded to return without calling out once its turn comes, frees its
 * slot then.
 */
export function stopWaitingOnAbort<T>(
  job: Promise<T>,
  signal: AbortSignal | undefined,
): Promise<T> {
  if (signal === undefined) return job;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    // Handle the job first: it rejects too when the signal is already aborted.
    job.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

import { onAbort } from '@pm/envelope-schemas';

/**
 * The job `enqueue` starts, or a rejection with `signal`'s reason if it aborts before the
 * job calls `started()`. bottleneck cannot cancel a queued job, so a limiter stops waiting
 * for it instead: the caller is rejected at once, and the job, guarded to return without
 * calling out once its turn comes, frees its slot then. Once the job has called out, an
 * abort no longer matters: the call is made (and billed), so its own outcome is the result.
 *
 * `enqueue` must call `started()` right before it calls out, in the same turn as its last
 * look at `signal.aborted`, so no abort can fall between the two.
 */
export function stopWaitingOnAbort<T>(
  signal: AbortSignal | undefined,
  enqueue: (started: () => void) => Promise<T>,
): Promise<T> {
  if (signal === undefined) return enqueue(noop);
  return new Promise<T>((resolve, reject) => {
    let waiting = true;
    let unsubscribe = noop;
    const started = () => {
      waiting = false;
      unsubscribe();
    };
    // Handle the job first: it rejects too when the signal is already aborted.
    enqueue(started).then(resolve, reject).finally(started);
    // A job may start within enqueue (no wait at all): then there is no wait to abandon.
    if (!waiting) return;
    if (signal.aborted) return reject(signal.reason);
    // Through onAbort: the calls waiting on one signal share one listener on it.
    unsubscribe = onAbort(signal, () => reject(signal.reason));
  });
}

function noop(): void {}

import Bottleneck from 'bottleneck';

/** The per-process concurrency cap of a rate limiter. */
export interface ConcurrencySlots {
  /** Runs `job` once a slot is free; rejects with the stop reason if dropped before it ran. */
  run<T>(job: () => Promise<T>): Promise<T>;
  /** Drops every job still waiting with `reason`, and every later one. */
  stop(reason: unknown): Promise<void>;
}

/**
 * `maxConcurrent` on bottleneck. bottleneck rejects the jobs its `stop()` drops, and any
 * scheduled after it, with plain `Error`s of its own; a caller must get the limiter's typed
 * reason instead, the same as a call dropped from the window.
 */
export function concurrencySlots(maxConcurrent: number): ConcurrencySlots {
  const bottleneck = new Bottleneck({ maxConcurrent });
  let stopped: { reason: unknown; done: Promise<void> } | undefined;
  return {
    run<T>(job: () => Promise<T>): Promise<T> {
      if (stopped !== undefined) return Promise.reject(stopped.reason);
      let ran = false;
      return bottleneck
        .schedule(() => {
          ran = true;
          return job();
        })
        .catch((error: unknown) => {
          // Only a job that never ran was dropped; one that ran failed on its own.
          if (!ran && stopped !== undefined) throw stopped.reason;
          throw error;
        });
    },
    stop(reason: unknown): Promise<void> {
      // bottleneck's second stop() rejects ("stop() has already been called").
      stopped ??= { reason, done: bottleneck.stop({ dropWaitingJobs: true }) };
      return stopped.done;
    },
  };
}

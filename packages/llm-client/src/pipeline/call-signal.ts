/**
 * A signal for one call that aborts when the run's signal does (its deadline), and lets go
 * of the run's signal when the call ends. Passing the run's own signal to every call would
 * leave one listener on it per call (the SDK, the retry and the rate limiter each add one),
 * growing for as long as the run lives.
 */
export function linkCallSignal(runSignal: AbortSignal): {
  signal: AbortSignal;
  unlink: () => void;
} {
  const controller = new AbortController();
  if (runSignal.aborted) {
    controller.abort(runSignal.reason);
    return { signal: controller.signal, unlink: () => {} };
  }
  const onAbort = () => controller.abort(runSignal.reason);
  runSignal.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    unlink: () => runSignal.removeEventListener('abort', onAbort),
  };
}

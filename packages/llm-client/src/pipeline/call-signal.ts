import { isPmError, onAbort, PmError } from '@pm/envelope-schemas';

/**
 * Why a call its host cancelled fails: the host's own reason when that is a `PmError`,
 * otherwise `CALL_CANCELLED`. The host's reason is not quoted (it may be any value, and the
 * message reaches the ledger); the error record's `phase` says how far the call got.
 */
function cancelledError(callSignal: AbortSignal): PmError {
  if (isPmError(callSignal.reason)) return callSignal.reason;
  return new PmError(
    'CALL_CANCELLED',
    'The call was cancelled through its signal option. A request already sent is booked at its worst case (it may have been billed); nothing more is sent for this call.',
  );
}

/**
 * A signal for one call that aborts when the run's signal does (its deadline) or the
 * host's own `signal` for the call does (cancelled), whichever comes first, and lets go of
 * both when the call ends. Passing the run's own signal to every call would leave one
 * listener on it per call (the SDK, the retry and the rate limiter each add one), growing
 * for as long as the run lives. Its reason is always a `PmError`, so every wait it ends
 * (rate limiter, budget store, retry backoff, approver, provider) fails with the same error.
 */
export function linkCallSignal(
  runSignal: AbortSignal,
  callSignal?: AbortSignal,
): {
  signal: AbortSignal;
  unlink: () => void;
} {
  const controller = new AbortController();
  const onRunAbort = () => controller.abort(runSignal.reason);
  const onCallAbort = () => controller.abort(cancelledError(callSignal!));
  if (runSignal.aborted) onRunAbort();
  else if (callSignal?.aborted) onCallAbort();
  if (controller.signal.aborted) return { signal: controller.signal, unlink: () => {} };
  // Through onAbort: many concurrent calls share the run's signal, and may share the host's.
  const stopRun = onAbort(runSignal, onRunAbort);
  const stopCall = callSignal === undefined ? () => {} : onAbort(callSignal, onCallAbort);
  const unlink = () => {
    stopRun();
    stopCall();
  };
  // The first to abort settles the call; the other listener is no longer needed.
  controller.signal.addEventListener('abort', unlink, { once: true });
  return { signal: controller.signal, unlink };
}

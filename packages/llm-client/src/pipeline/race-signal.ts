import { isPmError, type PmError } from '@pm/envelope-schemas';
import { ProviderUnavailableError } from '../provider/provider-unavailable-error.js';

/** The error a call cut off by `signal` fails with: its reason when that is a `PmError`. */
export function abortError(signal: AbortSignal): PmError {
  if (isPmError(signal.reason)) return signal.reason;
  return new ProviderUnavailableError(
    'The provider call was aborted (run deadline or cancellation).',
    {
      retryable: false,
    },
  );
}

/** Throws {@link abortError} when `signal` has aborted: for steps that must not start after it. */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw abortError(signal);
}

/**
 * Settles with `work`, or rejects with {@link abortError} as soon as `signal` aborts, so a
 * provider that ignores the signal cannot hold a call past the run's deadline. `onAbandon`
 * is told when `work` is left running (the pipeline then treats the attempt as billed).
 */
export function raceSignal<T>(
  work: Promise<T>,
  signal: AbortSignal,
  onAbandon: () => void = () => {},
): Promise<T> {
  if (signal.aborted) {
    work.catch(() => {}); // its late rejection must not be unhandled
    onAbandon();
    return Promise.reject(abortError(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      work.catch(() => {});
      onAbandon();
      reject(abortError(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

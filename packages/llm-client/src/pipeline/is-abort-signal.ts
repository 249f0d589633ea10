/**
 * An `AbortSignal`, also one from another realm (a test environment's): what the pipeline
 * uses of it is `aborted`, `reason` and its abort event.
 */
export function isAbortSignal(value: unknown): value is AbortSignal {
  return (
    value instanceof AbortSignal ||
    (typeof value === 'object' &&
      value !== null &&
      typeof (value as AbortSignal).aborted === 'boolean' &&
      typeof (value as AbortSignal).addEventListener === 'function' &&
      typeof (value as AbortSignal).removeEventListener === 'function')
  );
}

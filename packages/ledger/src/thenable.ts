/**
 * Whether a host callback's result is a Promise or any thenable (`await` treats them alike),
 * so it is awaited rather than taken as a value.
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

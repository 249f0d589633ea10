import { InvalidArgumentError } from './errors/invalid-argument-error.js';
import { kindOf } from './errors/kind-of.js';

/**
 * An optional callback option (`onAlert`, `onRetry`, `isRetryable`, `random`), checked where
 * it is given: one that is not a function would throw a TypeError only when first called,
 * deep inside a settle or a retry (and a broken `onAlert` would lose every alert to a
 * warning), far from the mistake.
 */
export function checkedCallback<F extends (...args: never[]) => unknown>(
  value: F | undefined,
  what: string,
  example: string,
): F | undefined {
  if (value !== undefined && typeof value !== 'function') {
    throw new InvalidArgumentError(
      `${what} must be a function, e.g. ${example} (or omit it); got ${kindOf(value)}.`,
    );
  }
  return value;
}

import { InvalidArgumentError } from './errors/invalid-argument-error.js';
import { kindOf } from './errors/kind-of.js';

/**
 * An optional `signal` option, checked where it is given: anything but an AbortSignal
 * (`{ aborted: false }`, a controller instead of its signal) would fail with a TypeError
 * only once a call waits on it, or as an unhandled rejection when the wait ends. Checked by
 * shape, so a signal from another realm or a polyfill passes.
 */
export function checkedSignal(value: unknown, what: string): AbortSignal | undefined {
  if (value === undefined) return undefined;
  const s = value as Partial<AbortSignal> | null;
  if (
    s === null ||
    typeof s !== 'object' ||
    typeof s.aborted !== 'boolean' ||
    typeof s.addEventListener !== 'function' ||
    typeof s.removeEventListener !== 'function'
  ) {
    throw new InvalidArgumentError(
      `${what} must be an AbortSignal, e.g. budget.signal or controller.signal (not the controller), or omitted; got ${kindOf(value)}.`,
    );
  }
  return value as AbortSignal;
}

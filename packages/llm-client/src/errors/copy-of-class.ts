import type { PmError } from '@pm/envelope-schemas';

/** Own fields every copy gets from the base constructor, or must never carry over. */
const NOT_CARRIED = new Set(['message', 'stack', 'cause']);

/**
 * A new error built by `base`'s constructor from `args`, but of `original`'s own class (a
 * host's `class UpstreamRejected extends ProviderUnavailableError`, a `PmError` subclass), so
 * `instanceof`, `name` and the stack's first line stay what the host threw. The subclass's own
 * constructor is not run (its parameters are its own); its own fields are carried over, each
 * through `field`, which may change a value or leave it out (`undefined`). Private `#fields`
 * cannot be copied: a subclass whose methods read them should override what makes copies
 * (as `AnswerTooLargeError.afterAttempts` does). `cause` is never carried over.
 */
export function copyOfClass<T extends PmError, A extends unknown[]>(
  original: PmError,
  base: new (...args: A) => T,
  args: A,
  field: (value: unknown) => unknown = (value) => value,
): T {
  const target: unknown = original.constructor;
  const ofClass =
    typeof target === 'function' &&
    target !== base &&
    typeof (target as { prototype?: unknown }).prototype === 'object';
  // A class that is not a constructor (a host's odd `constructor` field) gets the base's copy.
  let copy: T;
  try {
    copy = ofClass ? (Reflect.construct(base, args, target) as T) : new base(...args);
  } catch {
    copy = new base(...args);
  }
  for (const name of Object.getOwnPropertyNames(original)) {
    if (NOT_CARRIED.has(name) || Object.hasOwn(copy, name)) continue;
    const descriptor = Object.getOwnPropertyDescriptor(original, name);
    // A getter is host code: not run again.
    if (descriptor === undefined || !('value' in descriptor)) continue;
    const value = field(descriptor.value);
    if (value !== undefined) Object.defineProperty(copy, name, { ...descriptor, value });
  }
  return copy;
}

/** Freezes `value` and everything reachable from it. */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Reflect.ownKeys(value))
    deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  return value;
}

/**
 * A deep, frozen copy of plain data, for handing to host code (the approver) what the
 * pipeline goes on to check, send and record: the host sees the same values but can change
 * none of the pipeline's own (an attempt throws, since modules run in strict mode).
 */
export function frozenCopy<T>(value: T): T {
  return deepFreeze(structuredClone(value));
}

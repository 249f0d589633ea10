/**
 * Sets `key` on `target` as an own, enumerable property. A plain `target[key] = value`
 * with the key `__proto__` (which `JSON.parse` gives as an own key) sets the prototype
 * instead: the value vanished from the copy and from its JSON.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

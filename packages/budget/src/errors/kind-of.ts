/**
 * What kind of value a bad argument was, for an error message: `null`, `a string`, `an
 * object`… never the value itself (it may be a prompt, a URL or a key).
 */
export function kindOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}

/**
 * A value that should have been a number, for an error message: a number as itself (`NaN`,
 * `-1`, `1.5`), anything else by its kind. `String('5')` reads `5`, as if the number were
 * refused; a string is shown as `a string` (its text may come from an env file).
 */
export function shownNumber(value: unknown): string {
  return typeof value === 'number' ? String(value) : kindOf(value);
}

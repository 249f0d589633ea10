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

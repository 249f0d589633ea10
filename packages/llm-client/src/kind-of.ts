/**
 * What a value is, in a word for a message (`null`, `undefined`, `an array`, `an object`,
 * `a number`): never the value itself, which may be a key or host data.
 */
export function kindOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

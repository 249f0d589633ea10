/**
 * What a value is, in a word for a message (`null`, `an array`, `a number`): never the
 * value itself, which may be a key or host data.
 */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' || type === 'undefined' ? `an ${type}` : `a ${type}`;
}

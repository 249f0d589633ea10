/**
 * What a bad entry was, for an error message: its type and shape, never its text (messages
 * and tools carry the prompt, and error messages end up in logs).
 */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  if (typeof value !== 'object') return `a ${typeof value}`;
  if (Array.isArray(value)) return `an array of ${value.length} items`;
  return `an object with keys [${Object.keys(value).slice(0, 8).join(', ')}]`;
}

/** `null`, or the type of a value (never the value: it may be key material). */
export function describeValue(value: unknown): string {
  return value === null ? 'null' : typeof value;
}

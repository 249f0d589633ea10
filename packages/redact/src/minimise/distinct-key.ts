/** BigInts have no JSON form; written with an `n` they stay apart from the number. */
function bigintAsText(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? `${value}n` : value;
}

/**
 * The text a value is counted under among its column's distinct values (and an event's
 * case id is grouped by): a scalar as `String` gives it, an object as its JSON. An object
 * JSON cannot write (one holding a BigInt, a cycle, a `toJSON` that throws) once made
 * `describeTable` throw; BigInts are written with an `n`, and what still fails counts as
 * one value.
 */
export function distinctKey(value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value);
  try {
    return JSON.stringify(value, bigintAsText) ?? '';
  } catch {
    return '[unserialisable]';
  }
}

/**
 * Most levels of arrays and objects in a record's `data`, `data` itself included: the
 * writer refuses deeper values (a cycle fails fast and clearly), so a deeper record on
 * disk was not written by a ledger.
 */
export const MAX_DATA_DEPTH = 256;

/**
 * True when `value` has more than `levels` levels of arrays and objects (a scalar has 0).
 * Walks with its own stack, not recursion, so a value nested 200,000 deep (which
 * `JSON.parse` accepts) is answered rather than overflowing the call stack; stops at the
 * first path that goes too deep.
 */
export function nestedDeeperThan(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const stack: unknown[] = [value];
  const depths: number[] = [1];
  while (stack.length > 0) {
    const node = stack.pop() as object;
    const depth = depths.pop()!;
    if (depth > levels) return true;
    const children = Array.isArray(node) ? node : Object.values(node);
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (typeof child === 'object' && child !== null) {
        stack.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

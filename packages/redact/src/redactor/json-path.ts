const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Appends an object key to a JSON path: `$.user.email`, or `$["x-api-key"]` when needed. */
export function childPath(parent: string, key: string): string {
  return IDENTIFIER.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/** Appends an array index to a JSON path: `$.items[3]`. */
export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

export * from '../src/index.js';

/** True when `value` is a @pm error with `code` (works for abort reasons too). */
export function isPmErrorLike(value: unknown, code: string): boolean {
  return typeof value === 'object' && value !== null && (value as { code?: unknown }).code === code;
}

export * from '../src/index.js';

/** True when `value` is a @pm error with `code` (works for abort reasons too). */
export function isPmErrorLike(value: unknown, code: string): boolean {
  return typeof value === 'object' && value !== null && (value as { code?: unknown }).code === code;
}

/** A price row of 0: how a host declares a free or self-hosted model. */
export function freeRow(model: string) {
  return {
    model,
    inputUsdPerMillion: 0,
    cachedInputUsdPerMillion: 0,
    outputUsdPerMillion: 0,
    source: 'self-hosted',
    date: '2026-12-07',
  };
}

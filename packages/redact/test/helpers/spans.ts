import { expect } from 'vitest';
import { createRedactor, detectSecrets } from '../../src/index.js';

/** The spans `detectSecrets` reports in `text`, as text. */
export function spans(text: string): string[] {
  return detectSecrets(text).map((f) => text.slice(f.start, f.end));
}

/** Expects `secret` to be the one span found in `text`, and `redactText` to leave none of it. */
export function expectOnlySecret(text: string, secret: string): void {
  expect(spans(text)).toEqual([secret]);
  expect(createRedactor().redactText(text).text.includes(secret)).toBe(false);
}

import { describe, expect, it } from 'vitest';
import { createRedactor, detectSecrets } from '../src/index.js';
import { REPOSITORY_NEGATIVES } from './corpus/repository-negatives.js';

// The corpus-wide precision bound (>= 0.97 over ~2,250 secret labels) would let dozens of
// these come back unnoticed; each one is pinned here instead.
describe('false-positive regressions (code, config and prose)', () => {
  const redactor = createRedactor();
  it.each(REPOSITORY_NEGATIVES.map((c) => [c.text]))('finds nothing in %j', (text) => {
    expect(detectSecrets(text)).toEqual([]);
    expect(redactor.scan(text)).toEqual([]);
  });
});

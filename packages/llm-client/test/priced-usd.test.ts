import { InvalidArgumentError } from '@pm/budget';
import { describe, expect, it } from 'vitest';
import { pricedUsd } from '../src/pipeline/priced-usd.js';

describe('pricedUsd', () => {
  it('prices a usage, and is undefined only for a model the table does not price', () => {
    expect(
      pricedUsd('gpt-5.2', { inputTokens: 1000, outputTokens: 1000 }, undefined),
    ).toBeGreaterThan(0);
    expect(
      pricedUsd('no-such-model', { inputTokens: 1, outputTokens: 1 }, undefined),
    ).toBeUndefined();
  });

  it('throws any other refusal instead of reading it as an unpriced model ($0)', () => {
    const usage = { inputTokens: 1, outputTokens: 1, cachedTokens: 5 } as never;
    expect(() => pricedUsd('gpt-5.2', usage, undefined)).toThrow(InvalidArgumentError);
  });
});

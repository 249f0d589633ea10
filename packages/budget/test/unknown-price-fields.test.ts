import { describe, expect, it } from 'vitest';
import { estimateCost, priceTable } from '../src/index.js';

describe('fields estimateCost and priceTable do not take', () => {
  it('an unknown estimateCost field (cachedTokens) is INVALID_ARGUMENT, not priced without it', () => {
    expect(() =>
      estimateCost({
        model: 'gpt-4o',
        inputTokens: 1000,
        outputTokens: 1,
        cachedTokens: 1000,
      } as never),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('request.cachedTokens is not an estimateCost field'),
      }),
    );
    expect(() =>
      estimateCost({
        model: 'gpt-4o',
        inputTokens: 10,
        outputTokens: 10,
        CachedInputTokens: 5,
      } as never),
    ).toThrow(/did you mean cachedInputTokens\?/);
    // The fields it takes, undefined ones included, still price.
    expect(
      estimateCost({
        model: 'gpt-4o',
        inputTokens: 1000,
        cachedInputTokens: undefined,
        outputTokens: 1,
        reasoningTokens: 0,
      }).microUsd,
    ).toBe(2510);
  });

  it('an unknown price row field (reasoningUsdPerMillion) is INVALID_ARGUMENT, not ignored', () => {
    const row = {
      model: 'm',
      inputUsdPerMillion: 1,
      cachedInputUsdPerMillion: 0.1,
      outputUsdPerMillion: 4,
      source: 'host',
      date: '2026-12-07',
    };
    expect(() =>
      priceTable({
        version: 'v',
        date: '2026-12-07',
        rows: [{ ...row, reasoningUsdPerMillion: 50 } as never],
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining(
          'price row.reasoningUsdPerMillion is not a price row field',
        ),
      }),
    );
    expect(priceTable({ version: 'v', date: '2026-12-07', rows: [row] }).lookup('m')).toBeDefined();
  });

  it('a blank version is INVALID_ARGUMENT: it names no prices', () => {
    for (const version of ['', '  ']) {
      expect(() => priceTable({ version, date: '2026-12-07', rows: [] })).toThrow(
        expect.objectContaining({
          code: 'INVALID_ARGUMENT',
          message: expect.stringContaining('non-blank version'),
        }),
      );
    }
  });
});

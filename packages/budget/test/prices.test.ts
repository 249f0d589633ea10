import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultPriceTable, estimateCost, priceTable, tokenCostMicro } from '../src/index.js';

describe('defaultPriceTable', () => {
  it.each([
    ['gpt-5.2', 1.75, 0.175, 14],
    ['gpt-5.2-codex', 1.75, 0.175, 14],
    ['gpt-5.1', 1.25, 0.125, 10],
    ['gpt-5', 1.25, 0.125, 10],
    ['gpt-5-mini', 0.25, 0.025, 2],
    ['gpt-5-nano', 0.05, 0.005, 0.4],
    ['gpt-4.1', 2, 0.5, 8],
    ['gpt-4.1-mini', 0.4, 0.1, 1.6],
    ['gpt-4o', 2.5, 1.25, 10],
    ['gpt-4o-mini', 0.15, 0.075, 0.6],
    // Dearer than gpt-4o, and no cached-input discount: the snapshot fallback under-priced it.
    ['gpt-4o-2024-05-13', 5, 5, 15],
  ])('%s costs %d / %d / %d USD per 1M input / cached / output', (model, input, cached, output) => {
    const price = defaultPriceTable.lookup(model)!;
    expect(price.inputMicroPerMillion).toBe(Math.round(input * 1e6));
    expect(price.cachedInputMicroPerMillion).toBe(Math.round(cached * 1e6));
    expect(price.outputMicroPerMillion).toBe(Math.round(output * 1e6));
    expect(price.row.source).toMatch(/^https:/);
    expect(price.row.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('is versioned and dated; dated snapshots price as their model; unknown is undefined', () => {
    expect(defaultPriceTable.version).toMatch(/\d/);
    expect(defaultPriceTable.lookup('gpt-4o-2024-08-06')?.row.model).toBe('gpt-4o');
    expect(defaultPriceTable.lookup('gpt-4o-mini-2024-07-18')?.row.model).toBe('gpt-4o-mini');
    expect(defaultPriceTable.lookup('gpt-6')).toBeUndefined();
  });

  it('bills gpt-4o-2024-05-13 at its own price, not as gpt-4o', () => {
    expect(defaultPriceTable.lookup('gpt-4o-2024-05-13')?.row.model).toBe('gpt-4o-2024-05-13');
    const cost = estimateCost({
      model: 'gpt-4o-2024-05-13',
      inputTokens: 1_000_000,
      cachedInputTokens: 500_000,
      outputTokens: 1_000_000,
    });
    expect(cost.usd).toBe(20); // 1M input at $5 (cached too) + 1M output at $15
    // No prefix guessing: gpt-5-pro is not gpt-5.
    expect(defaultPriceTable.lookup('gpt-5-pro')).toBeUndefined();
  });
});

describe('estimateCost', () => {
  it('computes in integer micro-dollars and reports USD', () => {
    const cost = estimateCost({ model: 'gpt-5.2', inputTokens: 1000, outputTokens: 500 });
    // 1000 * 1.75 / 1e6 + 500 * 14 / 1e6 = 0.00175 + 0.007
    expect(cost.microUsd).toBe(8750);
    expect(cost.usd).toBe(0.00875);
    expect(cost.breakdown).toEqual({ input: 1750, cachedInput: 0, output: 7000 });
  });

  it('cached input is part of input and bills at the cached price; reasoning bills as output', () => {
    const cost = estimateCost({
      model: 'gpt-4o',
      inputTokens: 1_000_000,
      cachedInputTokens: 400_000,
      outputTokens: 200_000,
      reasoningTokens: 150_000,
    });
    expect(cost.breakdown).toEqual({ input: 1_500_000, cachedInput: 500_000, output: 2_000_000 });
    expect(cost.usd).toBe(4);
  });

  it('rounds up, so it never under-counts', () => {
    // 1 token of gpt-5-nano input is 0.05 micro-dollars: booked as 1.
    expect(estimateCost({ model: 'gpt-5-nano', inputTokens: 1, outputTokens: 0 }).microUsd).toBe(1);
  });

  it('rounds once over the exact sum; the breakdown rounds each part and may sum higher', () => {
    // gpt-4o-mini: 1 uncached (0.15 µ$) + 1 cached (0.075 µ$) + 1 output (0.6 µ$) = 0.825 µ$.
    const cost = estimateCost({
      model: 'gpt-4o-mini',
      inputTokens: 2,
      cachedInputTokens: 1,
      outputTokens: 1,
    });
    expect(cost.microUsd).toBe(1);
    expect(cost.breakdown).toEqual({ input: 1, cachedInput: 1, output: 1 });
    const parts = cost.breakdown.input + cost.breakdown.cachedInput + cost.breakdown.output;
    expect(parts - cost.microUsd).toBeLessThanOrEqual(2);
  });

  it('needs inputTokens and outputTokens: a missing count is INVALID_ARGUMENT, never $0', () => {
    expect(() => estimateCost({ model: 'gpt-5.2' } as never)).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('missing inputTokens'),
      }),
    );
    expect(() =>
      estimateCost({ model: 'gpt-5.2', prompt_tokens: 10, completion_tokens: 10 } as never),
    ).toThrow(/prompt_tokens -> inputTokens, completion_tokens -> outputTokens/);
    expect(() => estimateCost({ model: 'gpt-5.2', inputTokens: 10 } as never)).toThrow(
      /missing outputTokens/,
    );
    expect(() => estimateCost(undefined as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('has no float drift: a million 1-token calls sum to the same integer as one big call', () => {
    let sum = 0;
    for (let i = 0; i < 1000; i++)
      sum += estimateCost({ model: 'gpt-4.1', inputTokens: 1000, outputTokens: 1000 }).microUsd;
    expect(sum).toBe(
      estimateCost({ model: 'gpt-4.1', inputTokens: 1_000_000, outputTokens: 1_000_000 }).microUsd,
    );
  });

  it('property: tokenCostMicro equals the exact BigInt ceiling for huge counts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 0, max: 20_000_000 }),
        (tokens, price) => {
          const exact = (BigInt(tokens) * BigInt(price) + 999_999n) / 1_000_000n;
          expect(BigInt(tokenCostMicro(tokens, price))).toBe(exact);
        },
      ),
    );
  });

  it('tokenCostMicro refuses what is not a non-negative integer (INVALID_ARGUMENT, not a RangeError or $0)', () => {
    for (const [tokens, price] of [
      [Number.NaN, 1],
      [-5, 100],
      [1.5, 100],
      [1, Number.POSITIVE_INFINITY],
      [1, -1],
    ]) {
      expect(() => tokenCostMicro(tokens!, price!)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      );
    }
    expect(tokenCostMicro(1_000_000, 1_750_000)).toBe(1_750_000);
  });

  it('refuses an unknown model with UNKNOWN_MODEL_PRICE and names the fix', () => {
    expect(() => estimateCost({ model: 'gpt-6', inputTokens: 1, outputTokens: 1 })).toThrow(
      expect.objectContaining({
        code: 'UNKNOWN_MODEL_PRICE',
        message: expect.stringContaining('price table'),
      }),
    );
  });

  it('words an unknown price for an estimate, where no budget or USD limit is involved', () => {
    let message = '';
    try {
      estimateCost({ model: 'gpt-6', inputTokens: 1, outputTokens: 1 });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('cannot estimate the cost of model "gpt-6"');
    expect(message).toContain('estimateCost(request, { prices: priceTable(');
    expect(message).not.toMatch(/USD limit|call is refused/);
  });

  it('refuses inconsistent usage with INVALID_ARGUMENT', () => {
    expect(() =>
      estimateCost({ model: 'gpt-5', inputTokens: 1, cachedInputTokens: 2, outputTokens: 0 }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() =>
      estimateCost({ model: 'gpt-5', inputTokens: 1, outputTokens: 1, reasoningTokens: 2 }),
    ).toThrow(/completion_tokens/);
    expect(() => estimateCost({ model: 'gpt-5', inputTokens: -1, outputTokens: 0 })).toThrow(
      /non-negative integer/,
    );
  });

  it('hosts override rows with priceTable()', () => {
    const prices = priceTable({
      version: 'host-1',
      date: '2026-11-22',
      rows: [
        ...defaultPriceTable.rows,
        {
          model: 'gpt-5.2',
          inputUsdPerMillion: 1,
          cachedInputUsdPerMillion: 0.1,
          outputUsdPerMillion: 2,
          source: 'contract',
          date: '2026-11-01',
        },
        {
          model: 'my-model',
          inputUsdPerMillion: 3,
          cachedInputUsdPerMillion: 3,
          outputUsdPerMillion: 3,
          source: 'contract',
          date: '2026-11-01',
        },
      ],
    });
    expect(
      estimateCost({ model: 'gpt-5.2', inputTokens: 1e6, outputTokens: 1e6 }, { prices }).usd,
    ).toBe(3);
    expect(
      estimateCost({ model: 'my-model', inputTokens: 1e6, outputTokens: 0 }, { prices })
        .priceTableVersion,
    ).toBe('host-1');
    expect(() => priceTable({ version: 'x', date: 'today', rows: [] })).toThrow(/YYYY-MM-DD/);
    // Shaped like a date, but no such day: refused, table and row alike.
    for (const date of ['2026-13-45', '2026-02-29', '2026-00-10', '2026-04-31']) {
      expect(() => priceTable({ version: 'x', date, rows: [] })).toThrow(
        expect.objectContaining({
          code: 'INVALID_ARGUMENT',
          message: expect.stringContaining(date),
        }),
      );
      const row = { ...defaultPriceTable.rows[0]!, date };
      expect(() => priceTable({ version: 'x', date: '2026-01-01', rows: [row] })).toThrow(
        /real calendar day/,
      );
    }
    expect(priceTable({ version: 'x', date: '2028-02-29', rows: [] }).date).toBe('2028-02-29');
  });

  it('a table without rows, or a row that is not an object, is INVALID_ARGUMENT', () => {
    expect(() => priceTable({ version: 'v', date: '2026-01-01' } as never)).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('defaultPriceTable.rows'),
      }),
    );
    expect(() => priceTable({ version: 'v', date: '2026-01-01', rows: [null] } as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('a price too large to count exactly in micro-dollars is INVALID_ARGUMENT', () => {
    const row = {
      model: 'm',
      inputUsdPerMillion: 1e303,
      cachedInputUsdPerMillion: 1,
      outputUsdPerMillion: 1,
      source: 'host',
      date: '2026-01-01',
    };
    expect(() => priceTable({ version: 'v', date: '2026-01-01', rows: [row] })).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('at most'),
      }),
    );
  });
});

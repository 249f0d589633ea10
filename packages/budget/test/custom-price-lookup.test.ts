import { describe, expect, it } from 'vitest';
import { createBudget, estimateCost, type PriceTable } from '../src/index.js';

/** A host's own table (anything with a lookup) that returns `price` for every model. */
function tableReturning(price: unknown): PriceTable {
  return { version: 'host-1', date: '2026-12-07', rows: [], lookup: () => price as never };
}

const row = {
  model: 'm',
  inputUsdPerMillion: 5,
  cachedInputUsdPerMillion: 5,
  outputUsdPerMillion: 5,
  source: 'host',
  date: '2026-12-07',
};
const CALL = { model: 'm', inputTokens: 1000, maxOutputTokens: 1000 };

describe("a host's price table whose lookup returns a malformed price", () => {
  const malformed: [string, unknown][] = [
    [
      'negative',
      {
        row,
        inputMicroPerMillion: -5_000_000,
        cachedInputMicroPerMillion: 0,
        outputMicroPerMillion: -5_000_000,
      },
    ],
    [
      'NaN',
      {
        row,
        inputMicroPerMillion: Number.NaN,
        cachedInputMicroPerMillion: 0,
        outputMicroPerMillion: 1,
      },
    ],
    [
      'fractional',
      {
        row,
        inputMicroPerMillion: 0.5,
        cachedInputMicroPerMillion: 0.5,
        outputMicroPerMillion: 0.5,
      },
    ],
    [
      'text',
      {
        row,
        inputMicroPerMillion: '5000000',
        cachedInputMicroPerMillion: 0,
        outputMicroPerMillion: 1,
      },
    ],
    ['a USD row, not a price', row],
  ];

  it.each(malformed)(
    '%s: reserve is refused with INVALID_ARGUMENT, never booked',
    async (_, price) => {
      const budget = createBudget({ limits: { usd: 1 }, prices: tableReturning(price) });
      const refused = budget.reserve(CALL);
      await expect(refused).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(refused).rejects.toThrow(/lookup\("m"\).*priceTable\(/);
      expect((await budget.usage()).scopes[0]).toMatchObject({
        spent: { usd: 0 },
        reserved: { usd: 0 },
      });
      budget.dispose();
    },
  );

  it.each(malformed)('%s: estimateCost is INVALID_ARGUMENT', (_, price) => {
    expect(() =>
      estimateCost(
        { model: 'm', inputTokens: 1, outputTokens: 1 },
        { prices: tableReturning(price) },
      ),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('null reads as not in the table: the model is refused as unpriced', async () => {
    const budget = createBudget({ limits: { usd: 1 }, prices: tableReturning(null) });
    await expect(budget.reserve(CALL)).rejects.toMatchObject({ code: 'UNKNOWN_MODEL_PRICE' });
    expect(() =>
      estimateCost(
        { model: 'm', inputTokens: 1, outputTokens: 1 },
        { prices: tableReturning(null) },
      ),
    ).toThrow(expect.objectContaining({ code: 'UNKNOWN_MODEL_PRICE' }));
    budget.dispose();
  });

  it('a well-formed price of its own is used as it is', async () => {
    const price = {
      row,
      inputMicroPerMillion: 5_000_000,
      cachedInputMicroPerMillion: 5_000_000,
      outputMicroPerMillion: 5_000_000,
    };
    const budget = createBudget({ limits: { usd: 1 }, prices: tableReturning(price) });
    const r = await budget.reserve(CALL);
    expect(r.usd).toBe(0.01);
    expect(await r.settle({ inputTokens: 1000, outputTokens: 100 })).toMatchObject({ usd: 0.0055 });
    expect(
      estimateCost(
        { model: 'm', inputTokens: 1, outputTokens: 1 },
        { prices: tableReturning(price) },
      ),
    ).toMatchObject({ microUsd: 10, priceTableVersion: 'host-1' });
    budget.dispose();
  });
});

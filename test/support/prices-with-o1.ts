import { defaultPriceTable, priceTable } from '@pm/budget';

/**
 * A host's price table that prices o1 ($15 / $7.50 / $60 per 1M tokens), which the shipped
 * table does not: for tests of a call answered by another, dearer model.
 */
export const pricesWithO1 = priceTable({
  version: 'test-o1',
  date: '2026-12-07',
  rows: [
    ...defaultPriceTable.rows,
    {
      model: 'o1',
      inputUsdPerMillion: 15,
      cachedInputUsdPerMillion: 7.5,
      outputUsdPerMillion: 60,
      source: 'test',
      date: '2026-12-07',
    },
  ],
});

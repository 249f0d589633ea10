import { type PriceRow, priceTable } from './price-table.js';

const SOURCE =
  'https://platform.openai.com/docs/pricing (standard tier, as specified in @pm issue 4)';
const DATE = '2026-11-22';

/** Where a row's price was read and when, for rows not from the list. */
interface Taken {
  readonly source: string;
  readonly date: string;
}

function row(
  model: string,
  input: number,
  cached: number,
  output: number,
  taken: Taken = { source: SOURCE, date: DATE },
): PriceRow {
  return {
    model,
    inputUsdPerMillion: input,
    cachedInputUsdPerMillion: cached,
    outputUsdPerMillion: output,
    source: taken.source,
    date: taken.date,
  };
}

/**
 * The prices shipped with the package, in USD per 1M input / cached input / output tokens.
 * Data, not code: hosts override rows with `priceTable()`.
 */
export const defaultPriceTable = priceTable({
  version: '2026-12-06.1',
  date: '2026-12-06',
  rows: [
    row('gpt-5.2', 1.75, 0.175, 14.0),
    // Priced as gpt-5.2.
    row('gpt-5.2-codex', 1.75, 0.175, 14.0),
    row('gpt-5.1', 1.25, 0.125, 10.0),
    row('gpt-5', 1.25, 0.125, 10.0),
    row('gpt-5-mini', 0.25, 0.025, 2.0),
    row('gpt-5-nano', 0.05, 0.005, 0.4),
    row('gpt-4.1', 2.0, 0.5, 8.0),
    row('gpt-4.1-mini', 0.4, 0.1, 1.6),
    row('gpt-4o', 2.5, 1.25, 10.0),
    // A snapshot dearer than gpt-4o, which the dated-snapshot fallback would price at half.
    // No cached-input discount is listed for it: cached input bills as input.
    row('gpt-4o-2024-05-13', 5.0, 5.0, 15.0, {
      source: 'https://platform.openai.com/docs/pricing (standard tier)',
      date: '2026-12-06',
    }),
    row('gpt-4o-mini', 0.15, 0.075, 0.6),
  ],
});

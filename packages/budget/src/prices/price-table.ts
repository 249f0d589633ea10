import { checkKnownKeys } from '../budget/option-keys.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { kindOf } from '../errors/kind-of.js';
import { isCalendarDate } from './calendar-date.js';
import { usdToMicro } from './micro-usd.js';
import { undatedModel } from './model-snapshot.js';

/** One row of a price table, as a host writes it (USD per 1M tokens). */
export interface PriceRow {
  /** Exact model name. Dated snapshots (`gpt-4o-2024-08-06`) fall back to the undated row. */
  readonly model: string;
  /** USD per 1M uncached input tokens. */
  readonly inputUsdPerMillion: number;
  /** USD per 1M cached input tokens. */
  readonly cachedInputUsdPerMillion: number;
  /** USD per 1M output tokens (reasoning tokens bill as output). */
  readonly outputUsdPerMillion: number;
  /** Where the price comes from (URL or document). */
  readonly source: string;
  /** When the price was taken from the source, `YYYY-MM-DD`. */
  readonly date: string;
}

/** A model's price in integer micro-dollars per 1M tokens, the unit all arithmetic uses. */
export interface ModelPrice {
  /** The row the price came from. */
  readonly row: PriceRow;
  /** Micro-dollars per 1M uncached input tokens. */
  readonly inputMicroPerMillion: number;
  /** Micro-dollars per 1M cached input tokens. */
  readonly cachedInputMicroPerMillion: number;
  /** Micro-dollars per 1M output tokens. */
  readonly outputMicroPerMillion: number;
}

/** A versioned, dated price table. */
export interface PriceTable {
  /** Version of the table; bump it whenever a price changes. */
  readonly version: string;
  /** Date of the table, `YYYY-MM-DD`. */
  readonly date: string;
  /** The rows as given (later rows for the same model override earlier ones). */
  readonly rows: readonly PriceRow[];
  /** The model's price, or undefined when the table does not know it. */
  lookup(model: string): ModelPrice | undefined;
}

/** Input of {@link priceTable}. */
export interface PriceTableInput {
  /** Version of the table. */
  readonly version: string;
  /** Date of the table, `YYYY-MM-DD`. */
  readonly date: string;
  /** Rows; a later row for the same model replaces an earlier one (how hosts override). */
  readonly rows: readonly PriceRow[];
}

/**
 * Every field of a price row: an unknown one (`reasoningUsdPerMillion`, a price this table
 * does not have: reasoning bills as output) would be ignored in silence.
 */
const ROW_KEYS: Readonly<Record<keyof PriceRow, true>> = {
  model: true,
  inputUsdPerMillion: true,
  cachedInputUsdPerMillion: true,
  outputUsdPerMillion: true,
  source: true,
  date: true,
};

const ROW_EXAMPLE =
  "{ model: 'my-model', inputUsdPerMillion: 1, cachedInputUsdPerMillion: 0.1, outputUsdPerMillion: 4, source: 'https://…', date: '2026-12-07' }";

/**
 * Builds a price table, converting every price to integer micro-dollars once. To override
 * the shipped prices: `priceTable({ version, date, rows: [...defaultPriceTable.rows, mine] })`.
 */
export function priceTable(input: PriceTableInput): PriceTable {
  if (typeof input?.version !== 'string' || !isCalendarDate(input?.date)) {
    throw new InvalidArgumentError(
      `priceTable needs { version: string, date: "YYYY-MM-DD", rows }, the date a real calendar day; got date ${JSON.stringify(input?.date) ?? 'undefined'}.`,
    );
  }
  // The version names the prices every cost was computed with (estimateCost's
  // priceTableVersion, the ledger's records): a blank one names none.
  if (input.version.trim() === '') {
    throw new InvalidArgumentError(
      "priceTable needs a non-blank version naming these prices, e.g. version: '2026-12-07.1'; bump it whenever a price changes.",
    );
  }
  if (!Array.isArray(input.rows)) {
    throw new InvalidArgumentError(
      `priceTable needs rows (an array of price rows); got ${kindOf(input.rows)}. ` +
        'To extend the shipped prices: rows: [...defaultPriceTable.rows, { model, inputUsdPerMillion, cachedInputUsdPerMillion, outputUsdPerMillion, source, date }].',
    );
  }
  const byModel = new Map<string, ModelPrice>();
  for (const row of input.rows as readonly (PriceRow | null | undefined)[]) {
    if (row === null || typeof row !== 'object') {
      throw new InvalidArgumentError(
        `Each price row must be an object { model, inputUsdPerMillion, cachedInputUsdPerMillion, outputUsdPerMillion, source, date }; got ${kindOf(row)}.`,
      );
    }
    checkKnownKeys(row, 'price row', ROW_KEYS, ROW_EXAMPLE, 'a price row field');
    if (
      typeof row.model !== 'string' ||
      row.model.length === 0 ||
      !isCalendarDate(row.date) ||
      !row.source
    ) {
      throw new InvalidArgumentError(
        `Price row ${JSON.stringify(row.model)} needs a model name, a source and a date "YYYY-MM-DD" that is a real calendar day; got date ${JSON.stringify(row.date) ?? 'undefined'}.`,
      );
    }
    byModel.set(row.model, {
      row,
      inputMicroPerMillion: usdToMicro(row.inputUsdPerMillion, `${row.model} input price`),
      cachedInputMicroPerMillion: usdToMicro(
        row.cachedInputUsdPerMillion,
        `${row.model} cached input price`,
      ),
      outputMicroPerMillion: usdToMicro(row.outputUsdPerMillion, `${row.model} output price`),
    });
  }
  const rows = Object.freeze([...input.rows]);
  return Object.freeze({
    version: input.version,
    date: input.date,
    rows,
    lookup(model: string): ModelPrice | undefined {
      const exact = byModel.get(model);
      if (exact !== undefined) return exact;
      const undated = undatedModel(model);
      return undated === undefined ? undefined : byModel.get(undated);
    },
  });
}

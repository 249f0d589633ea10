import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { kindOf } from '../errors/kind-of.js';
import type { ModelPrice, PriceTable } from '../prices/price-table.js';
import type { BudgetStore } from './budget-store.js';

const STORE_METHODS = ['reserve', 'settle', 'release', 'usage'] as const;

/**
 * The host's store, checked once in `createBudget`: a store missing a method would fail
 * with a TypeError on the first call instead, far from the mistake.
 */
export function checkedStore(store: unknown): BudgetStore {
  const missing =
    typeof store === 'object' && store !== null
      ? STORE_METHODS.filter((m) => typeof (store as Record<string, unknown>)[m] !== 'function')
      : STORE_METHODS;
  if (missing.length > 0) {
    throw new InvalidArgumentError(
      'createBudget option store must implement reserve, settle, release and usage (a BudgetStore such as ' +
        `memoryStore(), or redisStore({ client, prefix }) from @pm/budget/redis); got ${kindOf(store)}, missing: ${missing.join(', ')}.`,
    );
  }
  return store as BudgetStore;
}

/**
 * The host's price table, checked once in `createBudget` (and in `estimateCost`), and each
 * price it looks up checked where it is used: a table of the host's own (anything with a
 * `lookup`) could return prices in USD, as text, negative or NaN, which would book a
 * negative cost (freeing room under a USD cap) or fail as a RangeError. `null` reads as
 * "not in the table", as `undefined` does.
 */
export function checkedPrices(prices: unknown, what = 'createBudget option prices'): PriceTable {
  if (typeof (prices as { lookup?: unknown } | null)?.lookup !== 'function') {
    throw new InvalidArgumentError(
      `${what} must be a price table with a lookup function: defaultPriceTable, or ` +
        `priceTable({ version, date, rows: [...defaultPriceTable.rows, mine] }); got ${kindOf(prices)}.`,
    );
  }
  const table = prices as PriceTable;
  return {
    get version() {
      return table.version;
    },
    get date() {
      return table.date;
    },
    get rows() {
      return table.rows;
    },
    lookup(model: string): ModelPrice | undefined {
      const price: unknown = table.lookup(model);
      return price === undefined || price === null ? undefined : checkedPrice(price, model, what);
    },
  };
}

const PRICE_FIELDS = [
  'inputMicroPerMillion',
  'cachedInputMicroPerMillion',
  'outputMicroPerMillion',
] as const;

/** A looked-up price, checked: each rate a non-negative whole number of micro-dollars per 1M tokens. */
function checkedPrice(price: unknown, model: string, what: string): ModelPrice {
  for (const field of PRICE_FIELDS) {
    const value = (price as Record<string, unknown> | null)?.[field];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw new InvalidArgumentError(
        `${what}: lookup(${JSON.stringify(model)}) returned a price whose ${field} is ${typeof value === 'number' ? String(value) : kindOf(value)}, not a non-negative whole number of micro-dollars per 1M tokens: ` +
          'build the table with priceTable({ version, date, rows }), which converts USD rows, or return undefined for a model the table does not know.',
      );
    }
  }
  return price as ModelPrice;
}

/**
 * The host's clock, checked in `createBudget`, and each reading checked where it is taken.
 * A reading that is not a finite number (`() => new Date()`, NaN) would make period keys
 * like `day:NaN-NaN-NaN` and reservations that read as expired at once, so that every
 * settle booked the worst case: refused instead.
 */
export function checkedClock(clock: unknown, what = 'createBudget option clock'): () => number {
  if (typeof clock !== 'function') {
    throw new InvalidArgumentError(
      `${what} must be a function returning epoch ms, e.g. clock: () => Date.now(); got ${kindOf(clock)}.`,
    );
  }
  const read = clock as () => unknown;
  return () => {
    const now = read();
    if (typeof now !== 'number' || !Number.isFinite(now)) {
      throw new InvalidArgumentError(
        `${what} must return epoch ms as a finite number, e.g. clock: () => Date.now(); it returned ${typeof now === 'number' ? String(now) : kindOf(now)}.`,
      );
    }
    return now;
  };
}

import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { kindOf } from '../errors/kind-of.js';
import type { PriceTable } from '../prices/price-table.js';
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

/** The host's price table, checked once in `createBudget` (and in `estimateCost`). */
export function checkedPrices(prices: unknown, what = 'createBudget option prices'): PriceTable {
  if (typeof (prices as { lookup?: unknown } | null)?.lookup !== 'function') {
    throw new InvalidArgumentError(
      `${what} must be a price table with a lookup function: defaultPriceTable, or ` +
        `priceTable({ version, date, rows: [...defaultPriceTable.rows, mine] }); got ${kindOf(prices)}.`,
    );
  }
  return prices as PriceTable;
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

import type { BudgetMetric } from '../errors/budget-exceeded-error.js';
import type { AlertLevel, AlertThreshold } from './alert-threshold.js';
import type { Charge, StoreLimits } from './charge.js';

/** One scope a reservation must fit: its key for the current period and its limits. */
export interface StoreScope {
  /** Key of the scope in its current period: `run:<id>`, `day:2026-11-22`, `month:Europe/Berlin:2026-11`. */
  readonly key: string;
  /** Limits in store units (`-1` = none). */
  readonly limits: StoreLimits;
}

/** A reservation as the store sees it. */
export interface StoreReserveRequest {
  /** Unique across every process sharing the store. */
  readonly id: string;
  /** Every scope in force; the reservation fits all of them or none. */
  readonly scopes: readonly StoreScope[];
  /** The worst case to hold on each scope. */
  readonly amount: Charge;
  /** After this long without settle/release the holder is presumed dead and the worst case is booked as spent. */
  readonly ttlMs: number;
  /** Alert tiers, ascending. */
  readonly thresholds: readonly AlertThreshold[];
}

/** An alert the store decided to fire; each (scope, metric, level) fires once, across processes. */
export interface StoreAlert {
  /** Scope key. */
  readonly scopeKey: string;
  /** Counter that crossed. */
  readonly metric: BudgetMetric;
  /** Tier. */
  readonly level: AlertLevel;
  /** Spent on that counter, store units. */
  readonly spent: number;
  /** Its limit, store units. */
  readonly limit: number;
}

/** Outcome of a reserve: held, or refused by the first scope and counter that did not fit. */
export type StoreReserveResult =
  | {
      readonly ok: true;
      /** Alerts fired by booking expired reservations (the sweep before the reserve). */
      readonly alerts?: readonly StoreAlert[];
    }
  | {
      readonly ok: false;
      /** Refusing scope. */
      readonly scopeKey: string;
      /** Refusing counter. */
      readonly metric: BudgetMetric;
      /** Its limit. */
      readonly limit: number;
      /** Spent on it. */
      readonly spent: number;
      /** Held by other reservations. */
      readonly reserved: number;
      /**
       * Alerts fired by booking expired reservations first, then the `exhausted` alert of
       * this refusal (once per scope, counter and period) when it truly exhausts the
       * counter (`refusalExhausts`).
       */
      readonly alerts: readonly StoreAlert[];
    };

/**
 * A counter that a settle's booking left above its cap: the actual exceeded what was held
 * (a provider billed past `maxOutputTokens`), or another reservation's excess had used up
 * the room this one was admitted into.
 */
export interface StoreCapPassed {
  /** Scope key. */
  readonly scopeKey: string;
  /** Counter above its cap. */
  readonly metric: BudgetMetric;
  /** Spent on that counter after the booking, store units. */
  readonly spent: number;
  /** Its limit, store units. */
  readonly limit: number;
}

/** Outcome of settle or release. */
export interface StoreCloseResult {
  /**
   * False when the reservation was past its TTL: its worst case was booked (now, or by an
   * earlier sweep) and nothing was freed; a settle then books, per counter, the larger of
   * its actual and that worst case (only the difference if a sweep booked first).
   */
  readonly found: boolean;
  /**
   * What the reservation's spend now stands at when a settle past its TTL booked more than
   * the worst case, or booked it itself (`found: false`). Absent: the worst case (a store
   * that does not report it is read so), or the actual when found or lost. A retry of a
   * settle whose reply was lost gives what the attempt that was done booked, whatever usage
   * the retry passes (a found settle may give its actual here for that).
   */
  readonly booked?: Charge;
  /**
   * True when the store had no trace of the reservation because it lost its data (Redis
   * restarted without persistence, or was flushed) after the reserve: a settle then books
   * the actual on the reservation's scopes (once), since the worst case held is gone too.
   */
  readonly lost?: boolean;
  /**
   * True when a settle found the reservation already released (a release whose reply was
   * lost, then the call made after all): the actual was booked now on its scopes (once), as
   * `booked`; `found` is false.
   */
  readonly released?: boolean;
  /**
   * True when a release found the reservation already settled: a `settle()` was done but its
   * reply lost, and this release books and frees nothing (the settle's actual stands).
   * `found` and `alerts` are that settle's (its alerts never reached the caller).
   */
  readonly settled?: boolean;
  /**
   * True when a settle found no record of the reservation, nor of how it was closed, to
   * book by: it expired longer ago than the store remembers (a day, see
   * docs/decisions/0043-settle-past-close-memory-says-forgotten.md) and its worst case was
   * booked then. Nothing was booked now (`found` is false): what its actual exceeds the
   * worst case by is booked nowhere, and the budget reports it as `unbooked`.
   */
  readonly forgotten?: boolean;
  /** Alerts newly fired by the booked spend. */
  readonly alerts: readonly StoreAlert[];
  /**
   * Counters that a settle's booking of the actual (held, or lost) left above their cap:
   * spend is booked truthfully, so a cap can be passed, and the budget reports it. Absent
   * or empty when none (a store that does not report it reads as none).
   */
  readonly capsPassed?: readonly StoreCapPassed[];
}

/** Spent and reserved on one scope. */
export interface ScopeCounters {
  /** Scope key. */
  readonly key: string;
  /** Booked spend. */
  readonly spent: Charge;
  /** Held by open reservations. */
  readonly reserved: Charge;
}

/**
 * Where budgets keep their counters. Every method is atomic over all the scopes it touches:
 * that is what makes a cap hard under any concurrency. `memoryStore()` (one process) and
 * `redisStore()` from `@pm/budget/redis` (many processes) implement it.
 */
export interface BudgetStore {
  /** Holds `amount` on every scope if it fits all of them (spent + reserved + amount <= limit), else nothing. */
  reserve(request: StoreReserveRequest): Promise<StoreReserveResult>;
  /**
   * Frees the held amount and books `actual` as spent on the same scopes. Past its TTL
   * (`found: false`) it books, per counter, the larger of the actual and the worst case (the
   * expiry sweep may have booked the worst case already: then only the actual's excess over
   * it, once), and reports the total in `booked`.
   */
  settle(
    id: string,
    actual: Charge,
    thresholds: readonly AlertThreshold[],
  ): Promise<StoreCloseResult>;
  /**
   * Frees the held amount; nothing is booked. Past its TTL the reservation is not freed but
   * booked at the worst case (`found: false`), with `thresholds` deciding its alerts.
   */
  release(id: string, thresholds?: readonly AlertThreshold[]): Promise<StoreCloseResult>;
  /** Counters of the given scopes (zero for unknown keys). */
  usage(keys: readonly string[]): Promise<readonly ScopeCounters[]>;
  /**
   * Optional, synchronous: a budget starts using its run scope (`createBudget`). A store
   * that keeps counters in process memory counts the budgets attached to each run.
   */
  attachScope?(key: string): void;
  /**
   * Optional, synchronous: that budget is done with its run scope (`budget.dispose()`).
   * The store may then drop the scope's counters once no budget is attached and nothing is
   * held in it; it returns the final counters if it dropped them, else undefined, and then
   * (if it drops them once the last reservation in them closes) hands them to `onDropped`.
   * A shared store (Redis) leaves them to expire with its retention and need not
   * implement this.
   */
  detachScope?(key: string, onDropped?: (final: ScopeCounters) => void): ScopeCounters | undefined;
}

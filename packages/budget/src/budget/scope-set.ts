import type { StoreScope } from './budget-store.js';
import type { BudgetLimits, PeriodLimits, ScopeLimits, ScopeName } from './budget-types.js';
import type { StoreLimits } from './charge.js';
import { storeLimits } from './limits.js';
import { BUDGET_LIMIT_KEYS, checkKnownKeys, PERIOD_KEYS, SCOPE_LIMIT_KEYS } from './option-keys.js';
import { PeriodClock } from './period-clock.js';

/** The date part of a day key (`2026-11-23`) and of a month key (`2026-11`). */
const DAY_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_DATE = /^\d{4}-\d{2}$/;

/** One scope a budget keeps, with its caps as configured and in store units. */
export interface ScopeDef {
  /** `run`, `day` or `month`. */
  readonly name: ScopeName;
  /** Caps in store units. */
  readonly limits: StoreLimits;
  /** Caps as the host wrote them (for reports). */
  readonly configured: ScopeLimits;
}

/**
 * The scopes of one budget and their keys for the current periods. The key list is rebuilt
 * only when a period key changes, so a reservation allocates no scope objects.
 */
export class ScopeSet {
  /** Run first, then day and month when configured. */
  readonly defs: readonly ScopeDef[];
  /** The run scope's key, `run:<runId>`. */
  readonly runKey: string;
  readonly #periods: PeriodClock;
  readonly #names = new Map<string, ScopeName>();
  #day = '';
  #month = '';
  #scopes: readonly StoreScope[] = [];
  /**
   * `Europe/Berlin:` in `day:Europe/Berlin:2026-11-23`: a zone's days and months are its
   * own keys, since the same instant falls on different dates in different zones. Empty
   * for UTC, whose keys (`day:2026-11-23`) are as they were before zones were in the key,
   * so a store's counters of the default zone carry over an upgrade.
   */
  readonly #zoneSegment: string;

  constructor(runId: string, limits: BudgetLimits, period: PeriodLimits | undefined) {
    checkKnownKeys(limits, 'limits', BUDGET_LIMIT_KEYS, 'limits: { usd: 2, tokens: 200_000 }');
    const defs: ScopeDef[] = [
      { name: 'run', limits: storeLimits(limits, 'limits'), configured: limits },
    ];
    if (period !== undefined) {
      checkKnownKeys(period, 'period', PERIOD_KEYS, 'period: { day: { usd: 5 } }');
      for (const name of ['day', 'month'] as const) {
        const caps = period[name];
        if (caps === undefined) continue;
        const what = `period.${name}`;
        checkKnownKeys(caps, what, SCOPE_LIMIT_KEYS, `period: { ${name}: { usd: 5 } }`);
        defs.push({ name, limits: storeLimits(caps, what), configured: caps });
      }
    }
    this.defs = defs;
    this.runKey = `run:${runId}`;
    // Only an omitted zone is UTC: null is refused, never read as the default.
    this.#periods = new PeriodClock(period?.timeZone === undefined ? 'UTC' : period.timeZone);
    const zone = this.#periods.zone;
    this.#zoneSegment = zone === 'UTC' ? '' : `${zone}:`;
  }

  /** The scopes, keyed for the periods containing `nowMs`. */
  at(nowMs: number): readonly StoreScope[] {
    const keys = this.#periods.keys(nowMs);
    if (keys.day !== this.#day || keys.month !== this.#month || this.#scopes.length === 0) {
      this.#day = keys.day;
      this.#month = keys.month;
      this.#scopes = this.defs.map((d) => {
        const key =
          d.name === 'run'
            ? this.runKey
            : d.name === 'day'
              ? `day:${this.#zoneSegment}${keys.day}`
              : `month:${this.#zoneSegment}${keys.month}`;
        this.#names.set(key, d.name);
        return Object.freeze({ key, limits: d.limits });
      });
    }
    return this.#scopes;
  }

  /**
   * Whether `key` is one of this budget's scopes in any period: its run, or a day or month
   * it caps, in its zone. A reservation swept after its day (or month) ended books into
   * that earlier period's key, which is still this budget's own day, so its alerts are
   * this budget's to fire; another run's key or another zone's is not.
   */
  owns(key: string): boolean {
    if (key === this.runKey) return true;
    for (const d of this.defs) {
      if (d.name === 'run') continue;
      const head = `${d.name}:${this.#zoneSegment}`;
      if (!key.startsWith(head)) continue;
      // The date must follow at once: the UTC head `day:` also starts a zoned key.
      if ((d.name === 'day' ? DAY_DATE : MONTH_DATE).test(key.slice(head.length))) return true;
    }
    return false;
  }

  /** The scope name of a key this set produced. */
  nameOf(key: string): ScopeName {
    return this.#names.get(key) ?? (key.slice(0, key.indexOf(':')) as ScopeName);
  }
}

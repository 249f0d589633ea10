const DAY_KEY = /^day:(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_KEY = /^month:(\d{4})-(\d{2})$/;
const NONE: readonly string[] = Object.freeze([]);

/**
 * Days a past day key is kept after a newer one appears. Budgets on one store may use
 * different time zones, and at one instant the calendar dates of UTC+14 and UTC-12 differ
 * by up to two days: a key up to two days older than the newest can still be current for
 * some budget. (Months differ by at most one, so one month back is kept.)
 */
const DAY_GRACE = 2;
const MONTH_GRACE = 1;

function dayKey(utcMs: number): string {
  return `day:${new Date(utcMs).toISOString().slice(0, 10)}`;
}

function monthKey(year: number, monthIndex: number): string {
  const d = new Date(Date.UTC(year, monthIndex, 1));
  return `month:${d.toISOString().slice(0, 7)}`;
}

function below(keys: Set<string>, cutoff: string): readonly string[] {
  const out: string[] = [];
  for (const key of keys) {
    if (key < cutoff) out.push(key);
  }
  return out.length === 0 ? NONE : out;
}

/**
 * Which calendar scope keys (`day:YYYY-MM-DD`, `month:YYYY-MM`) are over, so the memory
 * store can drop their counters. A period is over once a key newer by more than the grace
 * (see DAY_GRACE) has been seen; keys are ISO dates, so they order as strings. Other keys
 * (runs, or a host's own) are never reported.
 */
export class PeriodRetention {
  readonly #days = new Set<string>();
  readonly #months = new Set<string>();
  #newestDay = '';
  #newestMonth = '';

  /** Records a newly created scope key; returns the period keys now past their grace. */
  add(key: string): readonly string[] {
    const day = DAY_KEY.exec(key);
    if (day !== null) {
      this.#days.add(key);
      if (key <= this.#newestDay) return NONE;
      this.#newestDay = key;
      const [, y, m, d] = day;
      return below(this.#days, dayKey(Date.UTC(+y!, +m! - 1, +d! - DAY_GRACE)));
    }
    const month = MONTH_KEY.exec(key);
    if (month !== null) {
      this.#months.add(key);
      if (key <= this.#newestMonth) return NONE;
      this.#newestMonth = key;
      const [, y, m] = month;
      return below(this.#months, monthKey(+y!, +m! - 1 - MONTH_GRACE));
    }
    return NONE;
  }

  /** Stops tracking a key whose counters were dropped. */
  forget(key: string): void {
    this.#days.delete(key);
    this.#months.delete(key);
  }
}

// `day:2026-11-22` (UTC) or `day:Europe/Berlin:2026-11-22`; zone names hold no colon.
const DAY_KEY = /^day:(?:([^:]+):)?(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_KEY = /^month:(?:([^:]+):)?(\d{4})-(\d{2})$/;
const NONE: readonly string[] = Object.freeze([]);

/**
 * Days a past day key is kept after a newer one appears. Budgets on one store may run on
 * clocks that disagree (an injected clock, a budget created late in a day), and at one
 * instant the calendar dates of UTC+14 and UTC-12 differ by up to two days: a key up to
 * two days older than the newest can still be current for some budget. (Months differ by
 * at most one, so one month back is kept.)
 */
const DAY_GRACE = 2;
const MONTH_GRACE = 1;

function dayKey(zone: string, utcMs: number): string {
  return `day:${zone}${new Date(utcMs).toISOString().slice(0, 10)}`;
}

function monthKey(zone: string, year: number, monthIndex: number): string {
  const d = new Date(Date.UTC(year, monthIndex, 1));
  return `month:${zone}${d.toISOString().slice(0, 7)}`;
}

/** The keys of one zone's days or months, and the newest seen. */
interface Periods {
  readonly keys: Set<string>;
  newest: string;
}

function below(keys: Set<string>, cutoff: string): readonly string[] {
  const out: string[] = [];
  for (const key of keys) {
    if (key < cutoff) out.push(key);
  }
  return out.length === 0 ? NONE : out;
}

/**
 * Which calendar scope keys (`day:YYYY-MM-DD`, `month:YYYY-MM`, with the zone after the
 * colon for zones other than UTC) are over, so the memory store can drop their counters. A
 * period is over once a key of the same zone newer by more than the grace (see DAY_GRACE)
 * has been seen; within a zone keys are ISO dates, so they order as strings. Other keys
 * (runs, or a host's own) are never reported.
 */
export class PeriodRetention {
  readonly #days = new Map<string, Periods>();
  readonly #months = new Map<string, Periods>();

  /** Records a newly created scope key; returns the period keys now past their grace. */
  add(key: string): readonly string[] {
    const day = DAY_KEY.exec(key);
    if (day !== null) {
      const [, zone, y, m, d] = day;
      const prefix = zone === undefined ? '' : `${zone}:`;
      const periods = this.#periodsOf(this.#days, prefix, key);
      if (key <= periods.newest) return NONE;
      periods.newest = key;
      return below(periods.keys, dayKey(prefix, Date.UTC(+y!, +m! - 1, +d! - DAY_GRACE)));
    }
    const month = MONTH_KEY.exec(key);
    if (month !== null) {
      const [, zone, y, m] = month;
      const prefix = zone === undefined ? '' : `${zone}:`;
      const periods = this.#periodsOf(this.#months, prefix, key);
      if (key <= periods.newest) return NONE;
      periods.newest = key;
      return below(periods.keys, monthKey(prefix, +y!, +m! - 1 - MONTH_GRACE));
    }
    return NONE;
  }

  /** Stops tracking a key whose counters were dropped. */
  forget(key: string): void {
    for (const periods of [...this.#days.values(), ...this.#months.values()]) {
      periods.keys.delete(key);
    }
  }

  #periodsOf(byZone: Map<string, Periods>, zone: string, key: string): Periods {
    let periods = byZone.get(zone);
    if (periods === undefined) {
      periods = { keys: new Set(), newest: '' };
      byZone.set(zone, periods);
    }
    periods.keys.add(key);
    return periods;
  }
}

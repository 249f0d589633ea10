/** A time range as it may leave the process: first and last day (UTC), `YYYY-MM-DD`. */
export interface DayRange {
  /** UTC day of the earliest value, e.g. `2024-03-01`. */
  start: string;
  /** UTC day of the latest value (inclusive), e.g. `2024-03-05`. */
  end: string;
}

/** The date part of an ISO 8601 instant (`+275760-09-13` for a six-digit year too). */
function dayOf(iso: string): string {
  const t = iso.indexOf('T');
  return t === -1 ? iso : iso.slice(0, t);
}

/**
 * Coarsens an exact range to the UTC days it spans. The earliest and latest instants of a
 * column are each one row's, often one person's (the first sign-up, the last visit): level
 * 2 discloses over which days the data runs (spec 000 §5, "time range"), not those instants.
 */
export function toDayRange(range: { start: string; end: string }): DayRange {
  return { start: dayOf(range.start), end: dayOf(range.end) };
}

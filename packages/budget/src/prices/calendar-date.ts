const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * True for a `YYYY-MM-DD` string that names a real day (`2026-02-29` and `2026-13-45` do
 * not): a price's date says when it was read, and an impossible one cannot be compared or
 * audited.
 */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (m === null) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(year, month - 1, day));
  return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day;
}

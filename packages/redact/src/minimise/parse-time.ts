/** The largest time a Date holds (±8.64e15 ms, ±275,760 years): beyond it `toISOString` throws. */
const MAX_TIME = 8.64e15;

/** `2024-01-31`, `2024-01-31T10:00:00Z`, `2024-01-31 10:00:00+01:00`: strings shaped as dates. */
export const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))?)?$/;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS[month - 1]!;
}

/**
 * Epoch milliseconds of an ISO 8601 date string, or NaN. The shape alone is not enough:
 * `Date.parse` rolls `2024-02-30` over to 1 March and takes a `+25:00` offset, so a range
 * once ended on a day no row held. `24:00` (the end of a day) is taken, as ISO 8601 has it.
 * A date-time without an offset is UTC.
 */
export function parseIsoDate(text: string): number {
  const m = ISO_DATE.exec(text);
  if (m === null) return Number.NaN;
  // Parts left out are NaN, and every comparison with NaN is false: they pass.
  const [, y = 0, mo = 0, d = 0, h = NaN, mi = NaN, s = NaN, oh = NaN, om = NaN] = m.map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return Number.NaN;
  if (h > 24 || mi > 59 || s > 59 || (h === 24 && (mi > 0 || s > 0))) return Number.NaN;
  if (oh > 23 || om > 59) return Number.NaN;
  // A time without an offset is read as UTC, as a date alone is: `Date.parse` would read
  // it in the machine's zone, and the same log would summarise differently per machine.
  const naive = !Number.isNaN(h) && !/(?:Z|[+-]\d{2}:?\d{2})$/.test(text);
  return Date.parse(naive ? `${text.replace(' ', 'T')}Z` : text);
}

/**
 * The time a value holds, in epoch milliseconds, or NaN: a valid Date, a number of
 * milliseconds a Date can hold (`1e20` or `Infinity` once made the summary throw a
 * RangeError), or an ISO 8601 string with a real calendar date (`Date.parse` alone reads
 * `'5'` and `'foo 1'` as 2001).
 */
export function parseTime(value: unknown): number {
  if (typeof value === 'number') {
    return Number.isFinite(value) && Math.abs(value) <= MAX_TIME ? value : Number.NaN;
  }
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string') return parseIsoDate(value);
  return Number.NaN;
}

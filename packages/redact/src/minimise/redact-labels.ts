import { setOwn } from '../own-property.js';
import type { Redactor } from '../redactor/types.js';
import { type DayRange, toDayRange } from './day-range.js';
import type { ColumnSummary } from './describe-table.js';
import type { FrequencyTable } from './top-n.js';

/**
 * Names a disclosure carries beside its aggregates (column names, activity names) are data
 * too: a CSV read without its header row turns its first record into column names, a
 * pivoted table has a column per customer, an activity may name a person. Each goes
 * through the profile's redactor, and its findings are added to `counts`.
 */
export function redactLabel(
  redactor: Redactor,
  label: string,
  counts: Record<string, number>,
): string {
  const r = redactor.redactText(label);
  for (const [t, n] of Object.entries(r.counts)) counts[t] = (counts[t] ?? 0) + n;
  return r.text;
}

/** Level 1: the schema with each column name redacted. */
export function redactSchema(
  redactor: Redactor,
  columns: readonly ColumnSummary[],
  counts: Record<string, number>,
): ColumnSummary[] {
  return columns.map((c) => ({ ...c, name: redactLabel(redactor, c.name, counts) }));
}

/**
 * Level 2: time ranges by the day (`toDayRange`), keyed by redacted column names. Names that redact alike (only a
 * `drop` operator makes two different names equal) keep the last range.
 */
export function redactTimeRanges(
  redactor: Redactor,
  ranges: Readonly<Record<string, { start: string; end: string }>>,
  counts: Record<string, number>,
): Record<string, DayRange> {
  const out: Record<string, DayRange> = {};
  for (const [name, range] of Object.entries(ranges)) {
    setOwn(out, redactLabel(redactor, name, counts), toDayRange(range));
  }
  return out;
}

/** Level 3: activity names redacted. */
export function redactActivities(
  redactor: Redactor,
  table: FrequencyTable<string>,
  counts: Record<string, number>,
): FrequencyTable<string> {
  return {
    ...table,
    top: table.top.map((e) => ({ ...e, value: redactLabel(redactor, e.value, counts) })),
  };
}

/** Level 3: each variant's activity names redacted. */
export function redactVariants(
  redactor: Redactor,
  table: FrequencyTable<string[]>,
  counts: Record<string, number>,
): FrequencyTable<string[]> {
  return {
    ...table,
    top: table.top.map((e) => ({
      ...e,
      value: e.value.map((a) => redactLabel(redactor, a, counts)),
    })),
  };
}

import { setOwn } from '../own-property.js';
import { distinctKey } from './distinct-key.js';
import { type ColumnType, isMissing, mergeTypes, valueType } from './infer-type.js';
import { parseTime } from './parse-time.js';
import { checkRowSource, consumeRows, isRow, type Row, type RowSource } from './rows.js';

/** Distinct values counted exactly up to this many per column; beyond, `distinctCount` is a floor. */
export const DISTINCT_CAP = 10_000;

/** Level 1: one column's schema summary. No values, only counts. */
export interface ColumnSummary {
  /** Column name as it appears in the rows. */
  name: string;
  /** Inferred type over the non-missing values. */
  type: ColumnType;
  /** Share of rows (0..1) where the column is absent, null or blank. */
  missingShare: number;
  /** Distinct non-missing values (exact unless `distinctCapped`). */
  distinctCount: number;
  /** True when the column had more than `DISTINCT_CAP` distinct values: `distinctCount` is a floor. */
  distinctCapped: boolean;
}

/** Levels 1–2 for a plain table: its columns, shape and the range of each date column. */
export interface TableDescription {
  /** Number of rows read (objects; see `invalidRows`). */
  rowCount: number;
  /**
   * Rows skipped because they are not objects (`null`, a number, a string: a `null` line
   * of a JSON-lines file); not in `rowCount`.
   */
  invalidRows: number;
  /** Number of columns seen in any row. */
  columnCount: number;
  /** One summary per column, in first-seen order. */
  columns: ColumnSummary[];
  /** For each date column: earliest and latest value (ISO 8601). */
  timeRanges: Record<string, { start: string; end: string }>;
}

interface ColumnState {
  type: ColumnType;
  present: number;
  distinct: Set<string> | undefined;
  distinctCount: number;
  capped: boolean;
  min: number;
  max: number;
}

/**
 * One pass over rows building level 1–2 statistics. Distinct values are kept per column
 * only up to `DISTINCT_CAP` (as strings), so memory stays bounded however long the table.
 */
export class TableProfiler {
  private rows = 0;
  private invalidRows = 0;
  private readonly columns = new Map<string, ColumnState>();

  /**
   * Adds one row; anything but an object is counted in `invalidRows` (a string's
   * characters were once read as columns `0`, `1`, …).
   */
  add(row: Row): void {
    if (!isRow(row)) {
      this.invalidRows++;
      return;
    }
    this.rows++;
    for (const name in row) {
      const value = row[name];
      let c = this.columns.get(name);
      if (c === undefined) {
        c = {
          type: 'empty',
          present: 0,
          distinct: new Set(),
          distinctCount: 0,
          capped: false,
          min: Infinity,
          max: -Infinity,
        };
        this.columns.set(name, c);
      }
      if (isMissing(value)) continue;
      c.present++;
      const t = valueType(value);
      c.type = mergeTypes(c.type, t);
      if (t === 'date') {
        const ms = parseTime(value);
        if (ms < c.min) c.min = ms;
        if (ms > c.max) c.max = ms;
      }
      if (c.distinct !== undefined) {
        const key = distinctKey(value);
        c.distinct.add(key);
        if (c.distinct.size > DISTINCT_CAP) {
          c.distinctCount = c.distinct.size;
          c.distinct = undefined;
          c.capped = true;
        }
      }
    }
  }

  /** The description of everything added so far. */
  result(): TableDescription {
    const columns: ColumnSummary[] = [];
    const timeRanges: Record<string, { start: string; end: string }> = {};
    for (const [name, c] of this.columns) {
      columns.push({
        name,
        type: c.type,
        missingShare: this.rows === 0 ? 0 : (this.rows - c.present) / this.rows,
        distinctCount: c.distinct === undefined ? c.distinctCount : c.distinct.size,
        distinctCapped: c.capped,
      });
      if (c.type === 'date' && Number.isFinite(c.min)) {
        setOwn(timeRanges, name, {
          start: new Date(c.min).toISOString(),
          end: new Date(c.max).toISOString(),
        });
      }
    }
    return {
      rowCount: this.rows,
      invalidRows: this.invalidRows,
      columnCount: columns.length,
      columns,
      timeRanges,
    };
  }
}

/**
 * Disclosure levels 1–2 of a table: columns with inferred types, missing share and
 * distinct count; row and column counts; the time range of date columns. Never a value,
 * but column names as they are (they may be data: a headerless CSV's first record);
 * `buildDisclosure` redacts them by its profile.
 * Synchronous for arrays and iterables, a promise for async iterables (streamed files).
 * Rows that are not objects are counted in `invalidRows`; `rows` that is not iterable is
 * refused with `INVALID_ARGUMENT`.
 */
export function describeTable(rows: Iterable<Row>): TableDescription;
export function describeTable(rows: AsyncIterable<Row>): Promise<TableDescription>;
export function describeTable(rows: RowSource): TableDescription | Promise<TableDescription>;
export function describeTable(rows: RowSource): TableDescription | Promise<TableDescription> {
  checkRowSource(rows, 'describeTable');
  const profiler = new TableProfiler();
  return consumeRows(
    rows,
    (row) => profiler.add(row),
    () => profiler.result(),
  );
}

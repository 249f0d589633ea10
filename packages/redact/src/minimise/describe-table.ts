import { setOwn } from '../own-property.js';
import { distinctKey } from './distinct-key.js';
import { heldKey } from './held-key.js';
import { type ColumnType, isMissing, mergeTypes, valueType } from './infer-type.js';
import { parseTime } from './parse-time.js';
import { checkRowSource, consumeRows, isRow, type Row, type RowSource } from './rows.js';

/** Distinct values counted exactly up to this many per column; beyond, `distinctCount` is a floor. */
export const DISTINCT_CAP = 10_000;

/**
 * Columns described at most. Names first seen after this many (a table pivoted per user
 * id has one per user) are not described and `columnsCapped` says so: each described
 * column holds state, and 200,000 user-id columns once held 71 MB.
 */
export const COLUMN_CAP = 1_000;

/**
 * Distinct values held at once over all columns. Past it the column holding the most stops
 * counting (`distinctCapped`, its `distinctCount` a floor), so low-cardinality columns stay
 * exact: without it, `COLUMN_CAP` columns of `DISTINCT_CAP` values each would hold 10 million.
 */
export const DISTINCT_TOTAL_CAP = 1_000_000;

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
  /**
   * True when the column stopped counting distinct values: it had more than `DISTINCT_CAP`,
   * or held the most when all columns together held more than `DISTINCT_TOTAL_CAP`.
   * `distinctCount` is then a floor.
   */
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
  /** Number of columns seen in any row, at most `COLUMN_CAP` (a floor when `columnsCapped`). */
  columnCount: number;
  /**
   * True when the rows held more than `COLUMN_CAP` column names: those first seen after
   * the first `COLUMN_CAP` are not described.
   */
  columnsCapped: boolean;
  /** One summary per column, in first-seen order. */
  columns: ColumnSummary[];
  /**
   * For each date column: earliest and latest value (ISO 8601 instants, for use in the
   * process; `buildDisclosure` gives them by the day).
   */
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
 * One pass over rows building level 1–2 statistics in bounded memory, however long or wide
 * the table: at most `COLUMN_CAP` columns, distinct values up to `DISTINCT_CAP` per column
 * and `DISTINCT_TOTAL_CAP` in all, each held in at most 64 characters (`heldKey`).
 */
export class TableProfiler {
  private rows = 0;
  private invalidRows = 0;
  private readonly columns = new Map<string, ColumnState>();
  private columnsCapped = false;
  private held = 0;

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
    // Own members only: a row built with Object.create(defaults) does not have its
    // prototype's members as columns (JSON of it has none of them either).
    for (const name of Object.keys(row)) {
      const value = row[name];
      let c = this.columns.get(name);
      if (c === undefined) {
        if (this.columns.size >= COLUMN_CAP) {
          this.columnsCapped = true;
          continue;
        }
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
      if (c.distinct !== undefined) this.countDistinct(c, c.distinct, value);
    }
  }

  /** Distinct values held now over all columns (what `DISTINCT_TOTAL_CAP` bounds). */
  heldDistinct(): number {
    return this.held;
  }

  private countDistinct(c: ColumnState, distinct: Set<string>, value: unknown): void {
    const size = distinct.size;
    distinct.add(heldKey(distinctKey(value)));
    if (distinct.size === size) return;
    this.held++;
    if (distinct.size > DISTINCT_CAP) this.stopCounting(c);
    else if (this.held > DISTINCT_TOTAL_CAP) this.stopCounting(this.largestCounting());
  }

  /**
   * The column holding the most distinct values. Over the total cap it holds at least
   * `DISTINCT_TOTAL_CAP / COLUMN_CAP` (1,000): one scan of the columns frees that many.
   */
  private largestCounting(): ColumnState {
    let largest: ColumnState | undefined;
    for (const c of this.columns.values()) {
      if (c.distinct !== undefined && c.distinct.size > (largest?.distinct?.size ?? 0)) largest = c;
    }
    return largest!;
  }

  private stopCounting(c: ColumnState): void {
    const size = c.distinct?.size ?? 0;
    this.held -= size;
    c.distinctCount = size;
    c.distinct = undefined;
    c.capped = true;
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
      columnsCapped: this.columnsCapped,
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

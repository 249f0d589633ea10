import { invalidArgument } from './invalid-argument.js';

/** One row of a table or event log: column name to value. */
export type Row = Readonly<Record<string, unknown>>;

/**
 * Where rows come from: an array (or any iterable) held in memory, or an async iterable
 * streamed from a file or database cursor. Either way each row is read once.
 */
export type RowSource<R = Row> = Iterable<R> | AsyncIterable<R>;

/**
 * True for a row: any object (an array too: a CSV parsed without column names gives
 * arrays). `null`, a number or a string (a `null` line of a JSON-lines file) is not one;
 * the ladder counts such rows instead of reading them.
 */
export function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null;
}

/**
 * Throws `INVALID_ARGUMENT` unless `rows` can be read as rows: an iterable or an async
 * iterable other than a string (whose rows would be its characters). Checked before
 * anything else is done: `null` used to surface as a TypeError from the loop.
 */
export function checkRowSource(rows: unknown, fn: string): asserts rows is RowSource {
  const iterable =
    rows !== null &&
    (typeof rows === 'object' || typeof rows === 'function') &&
    (typeof (rows as Iterable<unknown>)[Symbol.iterator] === 'function' ||
      typeof (rows as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function');
  if (!iterable) {
    throw invalidArgument(
      fn,
      'rows',
      'an array, an iterable or an async iterable of row objects',
      rows,
      'pass the parsed rows, e.g. [{ id: 1 }] or an async generator reading a file.',
    );
  }
}

/** True for async iterables (streamed sources). */
export function isAsyncSource<R>(rows: RowSource<R>): rows is AsyncIterable<R> {
  return typeof (rows as AsyncIterable<R>)[Symbol.asyncIterator] === 'function';
}

/**
 * Feeds every row to `onRow` in one pass, then returns `finish()`: synchronously for an
 * iterable, as a promise for an async iterable. Rows are not kept.
 */
export function consumeRows<R, T>(
  rows: RowSource<R>,
  onRow: (row: R) => void,
  finish: () => T,
): T | Promise<T> {
  if (isAsyncSource(rows)) {
    return (async () => {
      for await (const row of rows) onRow(row);
      return finish();
    })();
  }
  for (const row of rows) onRow(row);
  return finish();
}

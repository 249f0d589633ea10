/** One row of a table or event log: column name to value. */
export type Row = Readonly<Record<string, unknown>>;

/**
 * Where rows come from: an array (or any iterable) held in memory, or an async iterable
 * streamed from a file or database cursor. Either way each row is read once.
 */
export type RowSource<R = Row> = Iterable<R> | AsyncIterable<R>;

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

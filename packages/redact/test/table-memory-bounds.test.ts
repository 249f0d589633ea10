import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  buildDisclosure,
  COLUMN_CAP,
  DISTINCT_CAP,
  DISTINCT_TOTAL_CAP,
  describeTable,
} from '../src/index.js';
import { TableProfiler } from '../src/minimise/describe-table.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap still held by what `fill` returns, in MB, measured after full collections. */
function retainedMb(fill: () => unknown): number {
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = fill();
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  // Read after the measure, so `kept` is alive while it is taken.
  expect(kept).toBeDefined();
  return (after - before) / 1e6;
}

/** Rows keyed by user id (a pivot per customer): one new column per row. Not kept. */
function* pivotedRows(count: number): Generator<Record<string, unknown>> {
  for (let i = 0; i < count; i++) yield { status: i % 3, [`user_${i}`]: i };
}

describe('describeTable memory stays bounded', () => {
  it('describes at most COLUMN_CAP columns and says when there were more', () => {
    const d = describeTable(pivotedRows(COLUMN_CAP + 500));
    expect(d.columnCount).toBe(COLUMN_CAP);
    expect(d.columns).toHaveLength(COLUMN_CAP);
    expect(d.columnsCapped).toBe(true);
    // Columns already described keep being counted past the cap.
    expect(d.columns[0]).toMatchObject({ name: 'status', missingShare: 0, distinctCount: 3 });
    expect(d.rowCount).toBe(COLUMN_CAP + 500);
    expect(describeTable(pivotedRows(10)).columnsCapped).toBe(false);
  });

  it('a disclosure says its column count is a floor', () => {
    const d = buildDisclosure(pivotedRows(COLUMN_CAP + 1), { level: 2, profile: 'strict' });
    expect(d.shape).toMatchObject({ columns: COLUMN_CAP, columnsCapped: true });
    expect(d.schema).toHaveLength(COLUMN_CAP);
  });

  it('200,000 distinct column names hold no more than a table of COLUMN_CAP columns', () => {
    const small = retainedMb(() => {
      const p = new TableProfiler();
      for (const row of pivotedRows(COLUMN_CAP)) p.add(row);
      return p;
    });
    const large = retainedMb(() => {
      const p = new TableProfiler();
      for (const row of pivotedRows(200_000)) p.add(row);
      return p;
    });
    // Unbounded, the large one held a column state and a Set per name: ~100 MB.
    expect(large).toBeLessThan(small + 5);
  });

  it('long distinct values are held by a fixed-size digest, not whole', () => {
    const filler = 'x'.repeat(20_000);
    const mb = retainedMb(() => {
      const p = new TableProfiler();
      // Streamed: each 20 KB value is garbage once read, unless the profiler keeps it.
      for (let i = 0; i < 5_000; i++) p.add({ note: `${i} ${filler}` });
      return p;
    });
    expect(mb).toBeLessThan(10);
    const d = describeTable(
      (function* () {
        for (let i = 0; i < 5_000; i++) yield { note: `${i % 1_000} ${filler}` };
      })(),
    );
    expect(d.columns[0]).toMatchObject({ distinctCount: 1_000, distinctCapped: false });
  });

  it('distinct values held over all columns stay under DISTINCT_TOTAL_CAP; the largest columns give way', () => {
    const wide = Math.ceil(DISTINCT_TOTAL_CAP / DISTINCT_CAP) + 20;
    const p = new TableProfiler();
    for (let i = 0; i < DISTINCT_CAP; i++) {
      const row: Record<string, unknown> = { status: i % 4 };
      for (let c = 0; c < wide; c++) row[`c${c}`] = i;
      p.add(row);
    }
    const d = p.result();
    expect(d.columns[0]).toMatchObject({ name: 'status', distinctCount: 4, distinctCapped: false });
    const capped = d.columns.filter((c) => c.distinctCapped);
    expect(capped.length).toBeGreaterThan(0);
    for (const c of d.columns.slice(1)) {
      // Exact where not capped; a floor where capped.
      if (!c.distinctCapped) expect(c.distinctCount).toBe(DISTINCT_CAP);
      else expect(c.distinctCount).toBeLessThanOrEqual(DISTINCT_CAP);
    }
    expect(p.heldDistinct()).toBeLessThanOrEqual(DISTINCT_TOTAL_CAP);
  });
});

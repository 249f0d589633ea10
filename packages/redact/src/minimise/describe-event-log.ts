import { checkRoles } from './check-roles.js';
import { distinctKey } from './distinct-key.js';
import { parseTime } from './parse-time.js';
import { quantileSorted } from './quantile.js';
import { checkRowSource, consumeRows, isRow, type Row, type RowSource } from './rows.js';
import { type FrequencyTable, resolveTopN, topN } from './top-n.js';

/** Which columns of an event log hold the case id, the activity and the timestamp. */
export interface EventLogRoles {
  /** Column of the case (trace) id. */
  caseId: string;
  /** Column of the activity name. */
  activity: string;
  /**
   * Column of the event time: Date, epoch milliseconds or an ISO 8601 string with a real
   * calendar date; anything else is counted in `quality.invalidTimestamp`.
   */
  timestamp: string;
}

/** Options of `describeEventLog`. */
export interface DescribeEventLogOptions extends EventLogRoles {
  /** Entries kept in each frequency table (a whole number, 0 or more); the rest are summed. Default 10. */
  topN?: number;
}

/** Levels 2–4 of a process-mining event log. Aggregates only: no case id, no row. */
export interface EventLogSummary {
  /** Level 2: size of the log. */
  shape: { events: number; cases: number; activities: number; variants: number };
  /**
   * Level 2: first and last event time (ISO 8601 instants, for use in the process;
   * `buildDisclosure` gives them by the day), or null without valid timestamps.
   */
  timeRange: { start: string; end: string } | null;
  /** Level 3: events per activity, top N and the rest summed. */
  activities: FrequencyTable<string>;
  /** Level 3: cases per variant (a case's activity sequence in time order), top N and the rest. */
  variants: FrequencyTable<string[]>;
  /** Level 4: aggregate performance. */
  performance: {
    /** Case duration (last event − first event), milliseconds. */
    caseDurationMs: { median: number; p95: number; mean: number };
    /** Days from the first to the last event (at least 1). */
    days: number;
    /** Throughput: cases completed and events per day over `days`. */
    throughputPerDay: { cases: number; events: number };
  };
  /**
   * Rows skipped or partly used, so the reader knows what the figures cover. `invalidRow`:
   * rows that are not objects (a `null` line of a JSON-lines file), skipped.
   */
  quality: {
    missingCaseId: number;
    missingActivity: number;
    invalidTimestamp: number;
    invalidRow: number;
  };
}

/** Per case: activity ids and times, in arrival order, sorted at the end only if needed. */
interface CaseState {
  acts: number[];
  times: number[];
  sorted: boolean;
}

const DAY_MS = 86_400_000;

/**
 * One-pass accumulator for an event log. Keeps per case only small integer activity ids
 * and times (not rows), so a log of millions of events summarises in bounded memory.
 */
export class EventLogAccumulator {
  private events = 0;
  private readonly activityIds = new Map<string, number>();
  private readonly activityNames: string[] = [];
  private readonly activityCounts: number[] = [];
  private readonly cases = new Map<string, CaseState>();
  private minTime = Infinity;
  private maxTime = -Infinity;
  private missingCaseId = 0;
  private missingActivity = 0;
  private invalidTimestamp = 0;
  private invalidRow = 0;

  constructor(private readonly roles: EventLogRoles) {}

  /** Adds one event row; anything but an object is counted in `quality.invalidRow`. */
  add(row: Row): void {
    if (!isRow(row)) {
      this.invalidRow++;
      return;
    }
    const caseValue = row[this.roles.caseId];
    const activityValue = row[this.roles.activity];
    if (caseValue === undefined || caseValue === null || caseValue === '') {
      this.missingCaseId++;
      return;
    }
    if (activityValue === undefined || activityValue === null || activityValue === '') {
      this.missingActivity++;
      return;
    }
    this.events++;
    const name = String(activityValue);
    let id = this.activityIds.get(name);
    if (id === undefined) {
      id = this.activityNames.length;
      this.activityIds.set(name, id);
      this.activityNames.push(name);
      this.activityCounts.push(0);
    }
    this.activityCounts[id]!++;
    let t = parseTime(row[this.roles.timestamp]);
    if (Number.isNaN(t)) {
      this.invalidTimestamp++;
      t = Number.NaN;
    } else {
      if (t < this.minTime) this.minTime = t;
      if (t > this.maxTime) this.maxTime = t;
    }
    // An object id (`{ order, line }`) by its content: `String` read every one as
    // `[object Object]`, all one case.
    const key = typeof caseValue === 'string' ? caseValue : distinctKey(caseValue);
    let c = this.cases.get(key);
    if (c === undefined) {
      c = { acts: [], times: [], sorted: true };
      this.cases.set(key, c);
    }
    const n = c.times.length;
    if (n > 0 && !(t >= c.times[n - 1]!)) c.sorted = false;
    c.acts.push(id);
    c.times.push(t);
  }

  /** The summary of everything added so far. */
  result(topNCount: number): EventLogSummary {
    const variantCounts = new Map<string, number>();
    const durations = new Float64Array(this.cases.size);
    const endsPerDay = new Map<number, number>();
    let d = 0;
    let durationSum = 0;
    for (const c of this.cases.values()) {
      let acts = c.acts;
      let times = c.times;
      if (!c.sorted) {
        // Stable sort by time; events without a time keep their arrival place at the end.
        const order = acts.map((_, i) => i);
        order.sort((a, b) => {
          const ta = times[a]!;
          const tb = times[b]!;
          if (Number.isNaN(ta) || Number.isNaN(tb))
            return Number.isNaN(ta) ? (Number.isNaN(tb) ? a - b : 1) : -1;
          return ta - tb || a - b;
        });
        acts = order.map((i) => c.acts[i]!);
        times = order.map((i) => c.times[i]!);
      }
      const key = acts.join(',');
      variantCounts.set(key, (variantCounts.get(key) ?? 0) + 1);
      let first = Infinity;
      let last = -Infinity;
      for (const t of times) {
        if (t < first) first = t;
        if (t > last) last = t;
      }
      if (Number.isFinite(first)) {
        durations[d++] = last - first;
        durationSum += last - first;
        const day = Math.floor(last / DAY_MS);
        endsPerDay.set(day, (endsPerDay.get(day) ?? 0) + 1);
      }
    }
    const sorted = durations.subarray(0, d).sort();
    const activityCounts = new Map<number, number>();
    for (let i = 0; i < this.activityCounts.length; i++)
      activityCounts.set(i, this.activityCounts[i]!);
    const hasTime = Number.isFinite(this.minTime);
    const days = hasTime ? Math.max(1, (this.maxTime - this.minTime) / DAY_MS) : 1;
    const names = this.activityNames;
    return {
      shape: {
        events: this.events,
        cases: this.cases.size,
        activities: names.length,
        variants: variantCounts.size,
      },
      timeRange: hasTime
        ? { start: new Date(this.minTime).toISOString(), end: new Date(this.maxTime).toISOString() }
        : null,
      activities: topN(activityCounts, topNCount, (id) => names[id]!),
      variants: topN(variantCounts, topNCount, (key) =>
        key === '' ? [] : key.split(',').map((id) => names[Number(id)]!),
      ),
      performance: {
        caseDurationMs: {
          median: quantileSorted(sorted, 0.5),
          p95: quantileSorted(sorted, 0.95),
          mean: d === 0 ? Number.NaN : durationSum / d,
        },
        days,
        throughputPerDay: { cases: d / days, events: this.events / days },
      },
      quality: {
        missingCaseId: this.missingCaseId,
        missingActivity: this.missingActivity,
        invalidTimestamp: this.invalidTimestamp,
        invalidRow: this.invalidRow,
      },
    };
  }
}

/**
 * Disclosure levels 2–4 of a process-mining event log in one pass: shape and time range;
 * activity and variant frequency tables (top N, the rest summed); case duration median,
 * p95 and mean, throughput per day. Rows are not held: an async iterable of 1,000,000
 * events streams through. Synchronous for arrays, a promise for async iterables. Rows that
 * are not objects are counted in `quality.invalidRow`; `rows` that is not iterable, and
 * options that do not name the three columns with strings, are refused with
 * `INVALID_ARGUMENT`.
 */
export function describeEventLog(
  rows: Iterable<Row>,
  options: DescribeEventLogOptions,
): EventLogSummary;
export function describeEventLog(
  rows: AsyncIterable<Row>,
  options: DescribeEventLogOptions,
): Promise<EventLogSummary>;
export function describeEventLog(
  rows: RowSource,
  options: DescribeEventLogOptions,
): EventLogSummary | Promise<EventLogSummary>;
export function describeEventLog(
  rows: RowSource,
  options: DescribeEventLogOptions,
): EventLogSummary | Promise<EventLogSummary> {
  checkRowSource(rows, 'describeEventLog');
  checkRoles(options, 'describeEventLog', 'options');
  const n = resolveTopN(options.topN);
  const acc = new EventLogAccumulator(options);
  return consumeRows(
    rows,
    (row) => acc.add(row),
    () => acc.result(n),
  );
}

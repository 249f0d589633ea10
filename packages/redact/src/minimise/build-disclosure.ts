import { PmError } from '@pm/envelope-schemas/core';
import { typeName } from '../invalid-option.js';
import type { RedactorOptions } from '../redactor/types.js';
import {
  type ApprovalContext,
  checkApprovalContext,
  requireSamplesApproval,
} from './check-approval.js';
import { checkRoles } from './check-roles.js';
import { type DayRange, toDayRange } from './day-range.js';
import {
  EventLogAccumulator,
  type EventLogRoles,
  type EventLogSummary,
} from './describe-event-log.js';
import { type ColumnSummary, TableProfiler } from './describe-table.js';
import { checkOptionsObject, resolveCount, resolveSeed } from './invalid-argument.js';
import {
  redactActivities,
  redactSchema,
  redactTimeRanges,
  redactVariants,
} from './redact-labels.js';
import { Reservoir } from './reservoir.js';
import { checkRowSource, consumeRows, isRow, type Row, type RowSource } from './rows.js';
import { type ProfileInput, toRedactor } from './sample-rows.js';
import { type FrequencyTable, resolveTopN } from './top-n.js';

/** Disclosure level (spec 000 §5): 1 schema, 2 shape and time range, 3 frequencies, 4 performance, 5 samples. */
export type DisclosureLevel = 1 | 2 | 3 | 4 | 5;

/** Options of `buildDisclosure`. */
export interface BuildDisclosureOptions extends ApprovalContext {
  /** Highest level to disclose; each level includes the ones below. */
  level: DisclosureLevel;
  /** Event-log columns. Needed from level 3 (frequencies are of activities and variants). */
  roles?: EventLogRoles;
  /** Approval of the `samples` scope; required for level 5. */
  approval?: unknown;
  /** Profile redacting column and activity names and samples. */
  profile: ProfileInput;
  /** HMAC key when `profile` names a hashing profile. */
  hashKey?: RedactorOptions['hashKey'];
  /** Entries per frequency table (a whole number, 0 or more). Default 10. */
  topN?: number;
  /** Rows sampled at level 5 (a whole number, 0 or more). Default 20. */
  sampleSize?: number;
  /** Sampling seed, a whole number (same rows and seed, same sample). Default 0. */
  seed?: number;
}

/** The options `buildDisclosure` reads: typed, so a new one must be listed. */
const OPTIONS: Record<keyof BuildDisclosureOptions, true> = {
  level: true,
  roles: true,
  approval: true,
  profile: true,
  hashKey: true,
  topN: true,
  sampleSize: true,
  seed: true,
  runId: true,
  stage: true,
  at: true,
};

/** What may be sent at a given level; fields above the level are absent. */
export interface Disclosure {
  /** The level built. */
  level: DisclosureLevel;
  /** Profile applied to column and activity names and samples, e.g. `homebrew@1`. */
  profile: string;
  /** Level 1: columns, types, missing share, distinct counts; names redacted by the profile. */
  schema: ColumnSummary[];
  /**
   * Level 2: row/column counts and time range (event-log shape when roles are given);
   * `timeRanges` is keyed by the redacted column names. Every range is given by its first
   * and last UTC day (`2024-03-01`), not the instants: those are one row's each.
   */
  shape?: {
    rows: number;
    /** Rows skipped because they are not objects (`null`, a number, a string). */
    invalidRows: number;
    /** Columns described, at most `COLUMN_CAP`. */
    columns: number;
    /** True when the rows held more than `COLUMN_CAP` column names: `columns` is a floor. */
    columnsCapped: boolean;
    timeRanges: Record<string, DayRange>;
    eventLog?: EventLogSummary['shape'] & { timeRange: DayRange | null };
  };
  /** Level 3: activity and variant frequencies, names redacted by the profile. */
  frequencies?: { activities: FrequencyTable<string>; variants: FrequencyTable<string[]> };
  /** Level 4: case duration and throughput. */
  performance?: EventLogSummary['performance'];
  /** Level 5: redacted sample rows. */
  samples?: Row[];
  /** Findings per type redacted from what is disclosed (column and activity names, samples). */
  redactions: Record<string, number>;
}

/**
 * Builds the one object that may be sent at `level`, in a single pass over the rows
 * (arrays or async iterables). Level 5 checks the approval before reading any row and
 * throws `ApprovalRequiredError` without one; levels 3–4 need `roles`. Arguments of the
 * wrong shape (`rows` not iterable, options not an object, `roles` not naming the three
 * columns with strings, `topN`/`sampleSize` not whole numbers of 0 or more, `seed` not a
 * whole number, `runId`/`stage` not strings, `at` not a valid Date) are refused with
 * `INVALID_ARGUMENT` before anything is read; rows that are
 * not objects are counted in `shape.invalidRows`.
 */
export function buildDisclosure(rows: Iterable<Row>, options: BuildDisclosureOptions): Disclosure;
export function buildDisclosure(
  rows: AsyncIterable<Row>,
  options: BuildDisclosureOptions,
): Promise<Disclosure>;
export function buildDisclosure(
  rows: RowSource,
  options: BuildDisclosureOptions,
): Disclosure | Promise<Disclosure>;
export function buildDisclosure(
  rows: RowSource,
  options: BuildDisclosureOptions,
): Disclosure | Promise<Disclosure> {
  checkOptionsObject(options, 'buildDisclosure', "{ level: 2, profile: 'strict' }", OPTIONS);
  const { level } = options;
  if (![1, 2, 3, 4, 5].includes(level)) {
    // A number is shown; anything else by its type only (never echoed, its `toString`
    // never run): ladder errors do not carry values.
    const got = typeof level === 'number' ? String(level) : typeName(level);
    throw new PmError(
      'INVALID_ARGUMENT',
      `buildDisclosure: level must be 1 to 5, got ${got === 'undefined' ? 'nothing' : got}; pass e.g. level: 2 (shape), or 5 with an approval for samples.`,
      {
        details: {
          function: 'buildDisclosure',
          argument: 'level',
          type: typeof level,
          ...(typeof level === 'number' ? { level } : {}),
        },
      },
    );
  }
  checkRowSource(rows, 'buildDisclosure');
  if (options.roles !== undefined) checkRoles(options.roles, 'buildDisclosure', 'roles');
  const topN = resolveTopN(options.topN);
  const sampleSize = resolveCount(options.sampleSize, 'buildDisclosure', 'sampleSize', 20);
  const seed = resolveSeed(options.seed, 'buildDisclosure');
  checkApprovalContext(options, 'buildDisclosure');
  if (level === 5) requireSamplesApproval(options.approval, options);
  if (level >= 3 && options.roles === undefined) {
    throw new PmError(
      'INVALID_ARGUMENT',
      `Disclosure level ${level} is made of event-log aggregates: pass roles { caseId, activity, timestamp } naming the columns, or use level 2.`,
      { details: { level } },
    );
  }
  const redactor = toRedactor(options.profile, options.hashKey, 'buildDisclosure');
  const profiler = new TableProfiler();
  const log =
    options.roles === undefined || level < 2 ? undefined : new EventLogAccumulator(options.roles);
  const reservoir = level === 5 ? new Reservoir<Row>(sampleSize, seed) : undefined;
  return consumeRows(
    rows,
    (row) => {
      profiler.add(row);
      log?.add(row);
      if (isRow(row)) reservoir?.add(row);
    },
    () => {
      const table = profiler.result();
      const redactions: Record<string, number> = {};
      const out: Disclosure = {
        level,
        profile: redactor.profile,
        schema: redactSchema(redactor, table.columns, redactions),
        redactions,
      };
      const summary = log?.result(topN);
      if (level >= 2) {
        out.shape = {
          rows: table.rowCount,
          invalidRows: table.invalidRows,
          columns: table.columnCount,
          columnsCapped: table.columnsCapped,
          timeRanges: redactTimeRanges(redactor, table.timeRanges, redactions),
        };
        if (summary !== undefined)
          out.shape.eventLog = {
            ...summary.shape,
            timeRange: summary.timeRange === null ? null : toDayRange(summary.timeRange),
          };
      }
      if (level >= 3 && summary !== undefined) {
        out.frequencies = {
          activities: redactActivities(redactor, summary.activities, redactions),
          variants: redactVariants(redactor, summary.variants, redactions),
        };
      }
      if (level >= 4 && summary !== undefined) out.performance = summary.performance;
      if (reservoir !== undefined) {
        const { value, counts } = redactor.redactValue(reservoir.result().items);
        out.samples = value as Row[];
        for (const [t, n] of Object.entries(counts)) redactions[t] = (redactions[t] ?? 0) + n;
      }
      return out;
    },
  );
}

import type { LedgerRecordType } from '@pm/envelope-schemas';
import type { LineVerdict } from './line-inspector.js';

type RecordVerdict = Extract<LineVerdict, { kind: 'record' }>;

/**
 * Consecutive lines that are all valid records of one run, each hashing to the hash it
 * carries and linking to the one before it (`seq` one more, `prev` its hash), with no
 * `run_end` before the last. Such lines can only have problems that depend on what came
 * before them, so a helper thread sends this instead of a verdict per line, and
 * `ChainChecker.linkRun` links them all at once.
 */
export interface LinkedRun {
  /** The first line's verdict, linked like any other. */
  first: RecordVerdict;
  /** Lines in the run (>= 1). */
  count: number;
  /** The last record's hash: what the line after the run must link to. */
  lastHash: string;
  /** The last record's type (a `run_end` there ends the run). */
  lastType: LedgerRecordType;
}

/** The verdicts as one {@link LinkedRun}, or null when they are not one (damage, or none). */
export function linkedRunOf(verdicts: readonly LineVerdict[]): LinkedRun | null {
  const first = verdicts[0];
  if (first?.kind !== 'record' || !first.hashMatches) return null;
  let previous = first;
  for (let i = 1; i < verdicts.length; i++) {
    const verdict = verdicts[i]!;
    if (
      verdict.kind !== 'record' ||
      !verdict.hashMatches ||
      verdict.seq !== previous.seq + 1 ||
      verdict.prev !== previous.hash ||
      verdict.runId !== first.runId ||
      previous.type === 'run_end'
    ) {
      return null;
    }
    previous = verdict;
  }
  return { first, count: verdicts.length, lastHash: previous.hash, lastType: previous.type };
}

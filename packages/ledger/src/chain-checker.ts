import type { LedgerRecordType, LedgerRecordV1 } from '@pm/envelope-schemas';
import { GENESIS_PREV } from './hash-chain.js';
import type { LedgerProblem } from './ledger-problem.js';
import { LineInspector, type LineVerdict } from './line-inspector.js';
import type { LedgerLine } from './line-reader.js';
import type { LinkedRun } from './linked-run.js';

/**
 * Checks ledger lines in order: JSON, the hash of each line's body, the schema, the run,
 * `seq` without gaps and `prev` linking to the previous record. Shared by `openLedger`
 * (which refuses a damaged ledger) and `verifyLedger` (which reports every problem).
 * After a problem it resynchronises on the next record, so one edit is reported once
 * rather than cascading through every later record.
 */
export class ChainChecker {
  /** The seq the next record must have. */
  nextSeq = 0;
  /** The hash the next record's `prev` must hold (null right after an unreadable line). */
  head: string | null = GENESIS_PREV;
  /** Hash of the last record read (what a new record would link to). */
  lastHash: string = GENESIS_PREV;
  /** Records read (valid or not). */
  count = 0;
  /** The run id of the ledger: given, or taken from the first record. */
  runId: string | null;
  /** Seq of the `run_end` record once read: nothing may follow it. */
  endedAt: number | null = null;
  private readonly inspector = new LineInspector();
  /** Where a given run id comes from, for messages (e.g. "the run directory's name"). */
  private readonly runIdFrom: string | null;

  /**
   * @param runId the run every record must belong to, or null to take it from the first
   *   record.
   * @param runIdFrom where that run id comes from, said in the message of a record of
   *   another run (only a given id is named: one taken from a record is a ledger value).
   */
  constructor(runId: string | null, runIdFrom?: string) {
    this.runId = runId;
    this.runIdFrom = runId === null ? null : (runIdFrom ?? 'the run opened');
  }

  /**
   * Checks one line. Returns the record when it parsed and validated (even if its hash
   * or links are wrong, so a verifier can still read what it claims), else null; pushes
   * any problem to `problems`.
   */
  check(line: LedgerLine, problems: LedgerProblem[]): LedgerRecordV1 | null {
    const { verdict, record } = this.inspector.inspect(line);
    this.link(verdict, problems);
    return record;
  }

  /**
   * Links the verdict of the next line (inspected here or elsewhere) to the lines before
   * it: pushes its problems, and the seq, run and `prev` problems only order can tell.
   */
  link(verdict: LineVerdict, problems: LedgerProblem[]): void {
    const expectedSeq = this.nextSeq;
    const line = verdict.line;
    this.count++;
    if (verdict.kind === 'bad_json') {
      problems.push({
        kind: 'bad_json',
        seq: expectedSeq,
        line,
        message: verdict.oversized
          ? `line ${line} is ${verdict.bytes} bytes, longer than any record the ledger writes`
          : verdict.notUtf8
            ? `line ${line} is not valid UTF-8 (the ledger writes only UTF-8): its bytes were changed`
            : verdict.startsWithBom
              ? `line ${line} is not JSON: it starts with a byte order mark, which the ledger never writes (an editor added it); restore the original file and verify again`
              : `line ${line} is not JSON`,
      });
      this.nextSeq = expectedSeq + 1;
      this.head = null;
      return;
    }
    if (verdict.kind === 'schema_invalid') {
      const seq = verdict.seq ?? expectedSeq;
      problems.push({
        kind: 'schema_invalid',
        seq,
        line,
        message: `record ${seq} (line ${line}) is not a valid LedgerRecordV1: ${verdict.detail}`,
      });
      this.nextSeq = seq + 1;
      this.head = verdict.claimed;
      if (verdict.claimed !== null) this.lastHash = verdict.claimed;
      return;
    }
    const { seq } = verdict;
    if (!verdict.hashMatches) {
      problems.push({
        kind: 'hash_mismatch',
        seq,
        line,
        message: verdict.endsInCr
          ? `record ${seq} (line ${line}) does not match the hash it carries: it ends in a carriage return, so the file was most likely converted to CRLF line ends (git autocrlf, a Windows editor); the ledger ends lines with LF alone: restore the original file and verify again`
          : `record ${seq} (line ${line}) does not match the hash it carries: it was changed after it was written`,
      });
    }
    if (this.runId === null) this.runId = verdict.runId;
    this.checkRunMembership(verdict.runId, verdict.type, seq, line, problems);
    if (seq !== expectedSeq) {
      problems.push({
        kind: 'seq_gap',
        seq,
        line,
        message: `record at line ${line} has seq ${seq}, expected ${expectedSeq}`,
      });
    }
    if (this.head !== null && verdict.prev !== this.head) {
      problems.push({
        kind: 'prev_mismatch',
        seq,
        line,
        message: `record ${seq} (line ${line}) does not link to the record before it`,
      });
    }
    this.nextSeq = seq + 1;
    this.head = verdict.hash;
    this.lastHash = verdict.hash;
  }

  /**
   * Links a {@link LinkedRun} (checked on a helper thread) exactly as {@link link} would
   * link its lines one by one. Its lines link to each other, so only the first can break
   * the chain; the others can still belong to another run than the ledger's, or follow a
   * `run_end`, which is checked line by line only when it is so (`lineOf(i)`: the number
   * of the run's line `i`).
   */
  linkRun(run: LinkedRun, lineOf: (i: number) => number, problems: LedgerProblem[]): void {
    const { first, count } = run;
    this.link(first, problems);
    const lastSeq = first.seq + count - 1;
    if (count > 1 && (first.runId !== this.runId || this.endedAt !== null)) {
      for (let i = 1; i < count - 1; i++) {
        this.checkRunMembership(first.runId, 'other', first.seq + i, lineOf(i), problems);
      }
      this.checkRunMembership(first.runId, run.lastType, lastSeq, lineOf(count - 1), problems);
    } else if (count > 1 && run.lastType === 'run_end') {
      this.endedAt = lastSeq;
    }
    this.count += count - 1;
    this.nextSeq = lastSeq + 1;
    this.head = run.lastHash;
    this.lastHash = run.lastHash;
  }

  /**
   * The record belongs to the ledger's run and does not follow its `run_end` (and, when
   * it is the `run_end`, later records must not follow it).
   */
  private checkRunMembership(
    runId: string,
    type: LedgerRecordType | 'other',
    seq: number,
    line: number,
    problems: LedgerProblem[],
  ): void {
    if (runId !== this.runId) {
      problems.push({
        kind: 'schema_invalid',
        seq,
        line,
        message:
          this.runIdFrom === null
            ? `record ${seq} (line ${line}) belongs to another run than the records before it`
            : `record ${seq} (line ${line}) belongs to another run, not ${this.runId} (${this.runIdFrom})`,
      });
    }
    if (this.endedAt !== null) {
      problems.push({
        kind: 'schema_invalid',
        seq,
        line,
        message: `record ${seq} (line ${line}) follows the run_end record (seq ${this.endedAt}): a closed run takes no more records`,
      });
    } else if (type === 'run_end') {
      this.endedAt = seq;
    }
  }
}

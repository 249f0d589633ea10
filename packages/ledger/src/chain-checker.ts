import { type LedgerRecordV1, safeParseLedgerRecord } from '@pm/envelope-schemas';
import { GENESIS_PREV, hashRecordBody } from './hash-chain.js';
import type { LedgerProblem } from './ledger-problem.js';
import type { LedgerLine } from './line-reader.js';
import { splitRecordLine } from './record-line.js';
import { LedgerRecordValidator } from './record-validator.js';

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
  private readonly validator = new LedgerRecordValidator();

  constructor(runId: string | null) {
    this.runId = runId;
  }

  /**
   * Checks one line. Returns the record when it parsed and validated (even if its hash
   * or links are wrong, so a verifier can still read what it claims), else null; pushes
   * any problem to `problems`.
   */
  check(line: LedgerLine, problems: LedgerProblem[]): LedgerRecordV1 | null {
    const expectedSeq = this.nextSeq;
    this.count++;
    let parsed: unknown;
    try {
      if (line.oversized) throw new Error('oversized');
      parsed = JSON.parse(line.text);
    } catch {
      problems.push({
        kind: 'bad_json',
        seq: expectedSeq,
        line: line.number,
        message: line.oversized
          ? `line ${line.number} is ${line.bytes} bytes, longer than any record the ledger writes`
          : `line ${line.number} is not JSON`,
      });
      this.nextSeq = expectedSeq + 1;
      this.head = null;
      return null;
    }
    const split = splitRecordLine(line.text);
    const claimed = split?.hash ?? null;
    const hashMatches = split !== null && hashRecordBody(split.body) === claimed;
    const linked = (typeof parsed === 'object' ? parsed : null) as {
      hash?: unknown;
      prev?: unknown;
    } | null;
    const digestsMatched =
      hashMatches && linked?.hash === claimed && this.head !== null && linked.prev === this.head;
    if (!this.validator.isValid(parsed, digestsMatched)) {
      // The whole schema again, only to word what is wrong.
      const result = safeParseLedgerRecord(parsed);
      const detail = result.success ? [] : result.problems.slice(0, 5);
      const seq = readSeq(parsed) ?? expectedSeq;
      problems.push({
        kind: 'schema_invalid',
        seq,
        line: line.number,
        message: `record ${seq} (line ${line.number}) is not a valid LedgerRecordV1: ${detail
          .map((p) => `${p.path} ${p.message}`)
          .join('; ')}`,
      });
      this.nextSeq = seq + 1;
      this.head = claimed;
      if (claimed !== null) this.lastHash = claimed;
      return null;
    }
    // Valid, and the schema has no defaults or transforms: the parsed value is the record.
    const record = parsed as LedgerRecordV1;
    if (!hashMatches || record.hash !== claimed) {
      problems.push({
        kind: 'hash_mismatch',
        seq: record.seq,
        line: line.number,
        message: `record ${record.seq} (line ${line.number}) does not hash to its hash: it was changed after it was written`,
      });
    }
    if (this.runId === null) this.runId = record.run_id;
    else if (record.run_id !== this.runId) {
      problems.push({
        kind: 'schema_invalid',
        seq: record.seq,
        line: line.number,
        message: `record ${record.seq} (line ${line.number}) belongs to another run`,
      });
    }
    if (this.endedAt !== null) {
      problems.push({
        kind: 'schema_invalid',
        seq: record.seq,
        line: line.number,
        message: `record ${record.seq} (line ${line.number}) follows the run_end record (seq ${this.endedAt}): a closed run takes no more records`,
      });
    } else if (record.type === 'run_end') {
      this.endedAt = record.seq;
    }
    if (record.seq !== expectedSeq) {
      problems.push({
        kind: 'seq_gap',
        seq: record.seq,
        line: line.number,
        message: `record at line ${line.number} has seq ${record.seq}, expected ${expectedSeq}`,
      });
    }
    if (this.head !== null && record.prev !== this.head) {
      problems.push({
        kind: 'prev_mismatch',
        seq: record.seq,
        line: line.number,
        message: `record ${record.seq} (line ${line.number}) does not link to the record before it`,
      });
    }
    this.nextSeq = record.seq + 1;
    this.head = record.hash;
    this.lastHash = record.hash;
    return record;
  }
}

function readSeq(value: unknown): number | null {
  if (typeof value !== 'object' || value === null) return null;
  const seq = (value as { seq?: unknown }).seq;
  return typeof seq === 'number' && Number.isInteger(seq) && seq >= 0 ? seq : null;
}

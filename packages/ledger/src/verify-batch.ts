import type { LedgerRecordV1 } from '@pm/envelope-schemas';
import { type ArtifactRefSink, hexOfArtifactRef, isArtifactRef } from './artifact-store.js';
import { BatchSecretScan } from './batch-secret-scan.js';
import type { LedgerProblem } from './ledger-problem.js';
import { LineInspector, type LineVerdict } from './line-inspector.js';
import type { LedgerLine } from './line-reader.js';
import type { LinkedRun } from './linked-run.js';
import { findSecretsIn } from './scrub-secrets.js';

/** What a verification checks besides the chain. */
export interface BatchChecks {
  /** Scan records for secrets. */
  secrets: boolean;
  /** Collect the artifacts records name. */
  artifacts: boolean;
}

/** What the lines of one batch are, on their own (plain data: it crosses threads). */
export interface BatchResult {
  /**
   * One verdict per line, in order, for the chain checker to link; or, from a helper
   * thread, the lines as one {@link LinkedRun} when they are one (one object to send and
   * link instead of one per line).
   */
  verdicts: LineVerdict[] | LinkedRun;
  /** `secret_found` problems of the batch's records. */
  secretProblems: LedgerProblem[];
  /**
   * `[hex, seq, line]` for each artifact named, with the seq and line of the first record
   * naming it in the batch (so a problem with the artifact can point at that record).
   */
  artifactRefs: [string, number, number][];
}

/**
 * The per-line half of verification: each line's verdict, secrets and artifact refs.
 * Needs nothing from other lines, so batches can be checked on several threads and
 * linked in order afterwards. Keeps its caches across the batches it is given.
 */
export class BatchVerifier {
  private readonly inspector = new LineInspector();
  private readonly secrets = new BatchSecretScan((record, line) =>
    this.reportSecrets(record, line),
  );
  private verdicts: LineVerdict[] = [];
  private secretProblems: LedgerProblem[] = [];
  /** Hex of each artifact named, with the seq and line of the first record naming it. */
  private refs = new Map<string, [seq: number, line: number]>();
  /** The seq and line of the record whose refs {@link onRef} is getting. */
  private refSeq = 0;
  private refLine = 0;
  private readonly onRef: ArtifactRefSink | null;

  constructor(private readonly checks: BatchChecks) {
    this.onRef = checks.artifacts ? (ref) => this.noteRef(ref) : null;
  }

  /** Checks the next line of the batch being built (lines come in file order). */
  add(line: LedgerLine): void {
    const { verdict, record, invalid } = this.inspector.inspect(line);
    this.verdicts.push(verdict);
    if (record === null) {
      // Not a valid record, but on disk all the same: its secrets are reported too.
      if (this.checks.secrets && verdict.kind === 'schema_invalid') {
        this.reportInvalidSecrets(invalid, verdict.seq, line.number);
      }
      return;
    }
    this.refSeq = record.seq;
    this.refLine = line.number;
    // One walk of the record's data serves both checks when both are on.
    if (this.checks.secrets) this.secrets.add(record, line.number, this.onRef);
    else if (this.onRef !== null) forEachRef(record.data, this.onRef);
  }

  /** Keeps the first record (seq and line) naming each artifact. */
  private noteRef(ref: string): void {
    const hex = hexOfArtifactRef(ref);
    if (!this.refs.has(hex)) this.refs.set(hex, [this.refSeq, this.refLine]);
  }

  /** What the lines added since the last call are; starts the next batch. */
  take(): BatchResult {
    this.secrets.flush();
    const result: BatchResult = {
      verdicts: this.verdicts,
      secretProblems: this.secretProblems,
      artifactRefs: Array.from(this.refs, ([hex, [seq, line]]) => [hex, seq, line]),
    };
    this.verdicts = [];
    this.secretProblems = [];
    this.refs = new Map();
    return result;
  }

  /** Checks consecutive lines as one batch. */
  verify(lines: readonly LedgerLine[]): BatchResult {
    for (const line of lines) this.add(line);
    return this.take();
  }

  /** Secrets anywhere in a line that is JSON but not a valid record (rare: no batching). */
  private reportInvalidSecrets(value: unknown, seq: number | null, line: number): void {
    const which = seq === null ? `the record at line ${line}` : `record ${seq}`;
    findSecretsIn(value, '$', (path, kind) => {
      this.secretProblems.push({
        kind: 'secret_found',
        seq,
        line,
        message: `${which} (not a valid record) holds a ${kind} secret at ${path}`,
      });
    });
  }

  private reportSecrets(record: LedgerRecordV1, line: number): void {
    const report = (path: string, kind: string) => {
      this.secretProblems.push({
        kind: 'secret_found',
        seq: record.seq,
        line,
        message: `record ${record.seq} holds a ${kind} secret at ${path}`,
      });
    };
    findSecretsIn(record.run_id, '$.run_id', report);
    if (record.stage !== null) findSecretsIn(record.stage, '$.stage', report);
    findSecretsIn(record.data, '$.data', report);
    if (record.scrubbed !== undefined) findSecretsIn(record.scrubbed, '$.scrubbed', report);
  }
}

/** Hands `onRef` every artifact ref anywhere in a record's data. */
function forEachRef(value: unknown, onRef: ArtifactRefSink): void {
  if (typeof value === 'string') {
    if (isArtifactRef(value)) onRef(value);
  } else if (Array.isArray(value)) {
    for (const item of value) forEachRef(item, onRef);
  } else if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) {
      forEachRef((value as Record<string, unknown>)[key], onRef);
    }
  }
}

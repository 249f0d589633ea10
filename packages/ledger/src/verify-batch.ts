import type { LedgerRecordV1 } from '@pm/envelope-schemas';
import { parseArtifactRef } from './artifact-store.js';
import { BatchSecretScan } from './batch-secret-scan.js';
import type { LedgerProblem } from './ledger-problem.js';
import { LineInspector, type LineVerdict } from './line-inspector.js';
import type { LedgerLine } from './line-reader.js';
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
  /** One verdict per line, in order, for the chain checker to link. */
  verdicts: LineVerdict[];
  /** `secret_found` problems of the batch's records. */
  secretProblems: LedgerProblem[];
  /** `[hex, seq]` for each artifact named, with the first seq naming it in the batch. */
  artifactRefs: [string, number][];
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
  private refs = new Map<string, number>();

  constructor(private readonly checks: BatchChecks) {}

  /** Checks the next line of the batch being built (lines come in file order). */
  add(line: LedgerLine): void {
    const { verdict, record } = this.inspector.inspect(line);
    this.verdicts.push(verdict);
    if (record === null) return;
    if (this.checks.secrets) this.secrets.add(record, line.number);
    if (this.checks.artifacts) collectRefs(record.data, record.seq, this.refs);
  }

  /** What the lines added since the last call are; starts the next batch. */
  take(): BatchResult {
    this.secrets.flush();
    const result = {
      verdicts: this.verdicts,
      secretProblems: this.secretProblems,
      artifactRefs: [...this.refs],
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

/** Collects `artifact://` refs anywhere in a record's data, with the first seq naming each. */
function collectRefs(value: unknown, seq: number, out: Map<string, number>): void {
  if (typeof value === 'string') {
    if (value.startsWith('artifact://')) {
      const hex = parseArtifactRef(value);
      if (hex !== null && !out.has(hex)) out.set(hex, seq);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, seq, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value))
      collectRefs((value as Record<string, unknown>)[key], seq, out);
  }
}

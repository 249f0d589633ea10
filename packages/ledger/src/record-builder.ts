import {
  isLedgerRecordData,
  type LedgerRecordType,
  type LedgerRecordV1,
  StageName,
  safeParseLedgerRecord,
} from '@pm/envelope-schemas';
import { canonicalJson } from './canonical-json.js';
import { CleanStringCache } from './clean-string-cache.js';
import { InvalidLedgerArgumentError } from './errors/invalid-ledger-argument-error.js';
import { CanonicalEncoder } from './fast-canonical.js';
import { IsoClock } from './iso-clock.js';
import { MAX_LINE_BYTES } from './line-reader.js';
import { RecordEncoder, type ScrubbedEntry } from './record-line.js';
import { RememberedValid } from './remembered-valid.js';
import type { RunArtifacts } from './run-artifacts.js';
import { type ScrubReport, scrubValue } from './scrub-secrets.js';

/** A record built and checked but not yet written (`close()` holds `run_end` while it signs). */
export interface HeldLine {
  record: LedgerRecordV1;
  line: string;
  /** Bytes of `line`. */
  size: number;
  seq: number;
  hash: string;
}

/**
 * Builds the records of one run's writer: scrubs secrets, checks the artifacts named,
 * chains the record to `prev`, validates it and encodes it as one ledger line. Writes
 * nothing: the writer decides when the line goes to disk.
 */
export class RecordBuilder {
  /** Reused by every append for the strings of its record (no per-call array). */
  private readonly strings: string[] = [];
  private readonly cleanStrings = new CleanStringCache();
  private readonly canonical = new CanonicalEncoder();
  private readonly encoder: RecordEncoder;
  private readonly validStages = new RememberedValid(StageName);
  private readonly clock = new IsoClock();

  constructor(
    private readonly runId: string,
    private readonly artifacts: RunArtifacts,
  ) {
    this.encoder = new RecordEncoder(runId);
  }

  /**
   * The record of `type` that follows the last record of `chain`, as its line. Its `seq`
   * and `prev` are read once `data` is serialised: a `toJSON` there may append a record.
   *
   * @throws ArtifactNotFoundError when `data` names an artifact the store does not hold.
   * @throws SchemaValidationError when the record does not validate.
   * @throws InvalidLedgerArgumentError when its line would be over `MAX_LINE_BYTES`.
   */
  build(
    type: LedgerRecordType,
    stage: string | null,
    data: unknown,
    chain: { readonly records: number; readonly head: string },
  ): HeldLine {
    // Fast path: the data is plain JSON without secrets (the common case). One pass
    // canonicalises it and gathers its strings; one scan covers them all.
    const strings = this.strings;
    strings.length = 0;
    if (stage !== null) strings.push(stage);
    let clean: unknown = data;
    let safeStage = stage;
    let scrubbed: ScrubbedEntry[] | undefined;
    let dataJson = this.canonical.encode(data, strings);
    if (dataJson !== null) this.artifacts.takeArtifactRefs(strings);
    if (dataJson !== null && !this.cleanStrings.anySecret(strings)) {
      this.canonical.markScanned();
    } else {
      // Slow path: normalise a copy (toJSON, wrappers, undefined) and scrub string by string.
      const report: ScrubReport = { scrubbed: [], artifactRefs: [] };
      clean = scrubValue(data, '$.data', report);
      if (stage !== null) safeStage = scrubValue(stage, '$.stage', report) as string;
      dataJson = canonicalJson(clean);
      if (report.scrubbed.length > 0) scrubbed = report.scrubbed;
      strings.length = 0;
      strings.push(...report.artifactRefs);
      this.artifacts.takeArtifactRefs(strings);
    }
    const seq = chain.records;
    const prev = chain.head;
    const ts = this.clock.now();
    const { line, hash } = this.encoder.encode({
      seq,
      ts,
      type,
      stage: safeStage,
      dataJson,
      scrubbed,
      prev,
    });
    const record =
      scrubbed === undefined
        ? { v: 1, run_id: this.runId, seq, ts, type, stage: safeStage, data: clean, prev, hash }
        : {
            v: 1,
            run_id: this.runId,
            seq,
            ts,
            type,
            stage: safeStage,
            data: clean,
            scrubbed,
            prev,
            hash,
          };
    if (!this.isValid(type, safeStage, clean, scrubbed)) {
      // The parser's wrapper words the failure (paths and messages) for the caller.
      const checked = safeParseLedgerRecord(record);
      if (!checked.success) throw checked.error;
    }
    const size = Buffer.byteLength(line, 'utf8');
    if (size > MAX_LINE_BYTES) {
      throw new InvalidLedgerArgumentError(
        `This ${type} record would be ${size} bytes, over the ${MAX_LINE_BYTES}-byte limit of a ledger line. Store large content with putArtifact() and name the artifact in the record.`,
      );
    }
    return { record: record as LedgerRecordV1, line, size, seq, hash };
  }

  /**
   * Whether a record validates against `LedgerRecordV1`, checking only what the caller
   * supplied: `data` against its type's schema and `stage`. The other members are built
   * here (`seq`, `ts`, `prev`, `hash`, the run id checked at open) and valid by
   * construction; a record with `scrubbed` entries (rare) is checked whole.
   */
  private isValid(
    type: LedgerRecordType,
    stage: string | null,
    data: unknown,
    scrubbed: ScrubbedEntry[] | undefined,
  ): boolean {
    if (scrubbed !== undefined) return false;
    if (stage !== null && !this.validStages.has(stage)) return false;
    return isLedgerRecordData(type, data);
  }
}

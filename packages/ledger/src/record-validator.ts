import {
  isLedgerRecord,
  isLedgerRecordData,
  LEDGER_RECORD_TYPES,
  type LedgerRecordType,
  RunId,
  ScrubbedV1,
  StageName,
  Timestamp,
} from '@pm/envelope-schemas';
import { RememberedValid } from './remembered-valid.js';

const RECORD_TYPES = new Set<string>(LEDGER_RECORD_TYPES);
const MEMBERS = new Set([
  'v',
  'run_id',
  'seq',
  'ts',
  'type',
  'stage',
  'data',
  'scrubbed',
  'prev',
  'hash',
]);

const SCRUBBED = ScrubbedV1.array();

/**
 * Decides `LedgerRecordV1.safeParse(record).success` for records read back from a ledger,
 * faster than the whole schema: run ids, stages and timestamps repeat, so each distinct
 * one is checked once; `data` is checked by its type's schema; and `prev`/`hash` need no
 * pattern when the reader has already matched them against digests it computed (64 hex
 * digits by construction). Anything it does not settle goes to the whole schema, so the
 * answer is always the schema's (a property test holds the two together).
 */
export class LedgerRecordValidator {
  private readonly runIds = new RememberedValid(RunId);
  private readonly stages = new RememberedValid(StageName);
  /** The last timestamp found valid; null before the first (so `""` is never taken). */
  private lastTs: string | null = null;
  /**
   * The member names, in order, of the last record found to have only known members:
   * records of a run share a few layouts, so most are matched name by name against it
   * (interned names: pointer compares) instead of building `Object.keys` and looking
   * each name up.
   */
  private knownLayout: readonly string[] = [];

  /**
   * @param record a value parsed from a ledger line.
   * @param digestsMatched true when `record.hash` equals the digest computed from its line
   *   and `record.prev` equals the previous record's (or the genesis) hash.
   */
  isValid(record: unknown, digestsMatched: boolean): boolean {
    if (!digestsMatched || !this.envelopeValid(record)) {
      return isLedgerRecord(record);
    }
    const r = record as { type: LedgerRecordType; data: unknown };
    return isLedgerRecordData(r.type, r.data);
  }

  /** Every member but `data`, `prev` and `hash` (strings, known by the caller to be digests). */
  private envelopeValid(value: unknown): boolean {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const r = value as Record<string, unknown>;
    return (
      this.onlyKnownMembers(r) &&
      r.v === 1 &&
      typeof r.type === 'string' &&
      RECORD_TYPES.has(r.type) &&
      typeof r.seq === 'number' &&
      Number.isSafeInteger(r.seq) &&
      r.seq >= 0 &&
      typeof r.prev === 'string' &&
      typeof r.hash === 'string' &&
      'data' in r &&
      this.runIds.has(r.run_id) &&
      (r.stage === null || this.stages.has(r.stage)) &&
      this.timestampValid(r.ts) &&
      (r.scrubbed === undefined || SCRUBBED.safeParse(r.scrubbed).success)
    );
  }

  /** True when every member of `r` is one a record has. */
  private onlyKnownMembers(r: Record<string, unknown>): boolean {
    const layout = this.knownLayout;
    let i = 0;
    // for-in walks the same names as Object.keys here (a parsed object, nothing inherited
    // is enumerable) without building an array; anything else falls to the full check.
    for (const name in r) {
      if (name !== layout[i]) return this.learnLayout(r);
      i++;
    }
    return i === layout.length || this.learnLayout(r);
  }

  private learnLayout(r: Record<string, unknown>): boolean {
    const names = Object.keys(r);
    for (let i = 0; i < names.length; i++) if (!MEMBERS.has(names[i]!)) return false;
    this.knownLayout = names;
    return true;
  }

  /** Records written in the same millisecond share a timestamp: check each once. */
  private timestampValid(ts: unknown): boolean {
    if (typeof ts !== 'string') return false;
    if (ts === this.lastTs) return true;
    if (!Timestamp.safeParse(ts).success) return false;
    this.lastTs = ts;
    return true;
  }
}

import { type LedgerRecordV1, safeParseLedgerRecord } from '@pm/envelope-schemas';
import { GENESIS_PREV, hashRecordBody } from './hash-chain.js';
import type { LedgerLine } from './line-reader.js';
import { MAX_DATA_DEPTH, nestedDeeperThan } from './nesting-depth.js';
import { splitRecordLine } from './record-line.js';
import { LedgerRecordValidator } from './record-validator.js';
import { scrubText } from './scrub-secrets.js';

/**
 * What one line is, on its own: what a {@link ChainChecker} needs to link it to the lines
 * before it. Plain data, so a verification helper thread can send it back.
 */
export type LineVerdict =
  | {
      kind: 'bad_json';
      line: number;
      bytes: number;
      oversized: boolean;
      /** The line's bytes are not valid UTF-8. */
      notUtf8: boolean;
      /** It starts with a byte order mark (an editor added it: the ledger never writes one). */
      startsWithBom: boolean;
    }
  | {
      kind: 'schema_invalid';
      line: number;
      /** The seq the line claims, when it has a usable one. */
      seq: number | null;
      /** The hash the line claims, when it has one. */
      claimed: string | null;
      /** What the schema found wrong (paths and messages, never values). */
      detail: string;
    }
  | {
      kind: 'record';
      line: number;
      seq: number;
      prev: string;
      hash: string;
      runId: string;
      type: LedgerRecordV1['type'];
      /** The line's body hashes to the hash it claims. */
      hashMatches: boolean;
      /** It ends in a carriage return (the file was converted to CRLF line ends). */
      endsInCr: boolean;
    };

/** A line's verdict, and its record when it is one. */
export interface InspectedLine {
  verdict: LineVerdict;
  record: LedgerRecordV1 | null;
  /**
   * The parsed value of a line that is JSON but not a valid record (null otherwise): still
   * scanned for secrets by verification, since it is on disk all the same.
   */
  invalid: unknown;
}

/**
 * Checks ledger lines one at a time, each on its own: JSON, schema, and whether its body
 * hashes to the hash it claims. Whether the lines link up (`seq`, `prev`, one run) is the
 * {@link ChainChecker}'s part. Keeps only caches (what the validator remembers, the last
 * digest matched), so any run of consecutive lines can be inspected anywhere.
 */
export class LineInspector {
  private readonly validator = new LedgerRecordValidator();
  /**
   * A digest known to be 64 hex digits: the genesis, then the one computed for the last
   * line whose claim it matched. A `prev` equal to it needs no pattern check; any such
   * digest will do, so batches checked out of order on other threads lose nothing.
   */
  private lastDigest: string | null = GENESIS_PREV;

  inspect(line: LedgerLine): InspectedLine {
    let parsed: unknown;
    try {
      if (line.oversized || line.notUtf8) throw new Error('not a line of text');
      parsed = JSON.parse(line.text);
    } catch {
      this.lastDigest = null;
      const verdict = {
        kind: 'bad_json',
        line: line.number,
        bytes: line.bytes,
        oversized: line.oversized,
        notUtf8: line.notUtf8,
        startsWithBom: line.text.charCodeAt(0) === BYTE_ORDER_MARK,
      } as const;
      return { verdict, record: null, invalid: null };
    }
    const split = splitRecordLine(line.text);
    const claimed = split?.hash ?? null;
    const hashMatches = split !== null && hashRecordBody(split.body) === claimed;
    const members = (typeof parsed === 'object' ? parsed : null) as {
      hash?: unknown;
      prev?: unknown;
    } | null;
    // `prev` equal to a digest computed here and `hash` equal to this line's: both are
    // 64 hex digits without a pattern check.
    const digestsMatched =
      hashMatches &&
      members?.hash === claimed &&
      this.lastDigest !== null &&
      members.prev === this.lastDigest;
    this.lastDigest = hashMatches ? claimed : null;
    let detail: string | null = null;
    if (!this.validator.isValid(parsed, digestsMatched)) {
      // The whole schema again, only to word what is wrong. Paths and messages name
      // members, and a member name can be secret-shaped: it is scrubbed like a value.
      const result = safeParseLedgerRecord(parsed);
      detail = scrubText(
        (result.success ? [] : result.problems.slice(0, 5))
          .map((p) => `${p.path} ${p.message}`)
          .join('; '),
      ).text;
    } else if (
      (parsed as LedgerRecordV1).type === 'run_start' &&
      nestedDeeperThan((parsed as { data: { config: unknown } }).data.config, MAX_DATA_DEPTH - 1)
    ) {
      // `config` is the one member whose depth the schema leaves open (and only run_start
      // has it, so this costs nothing per line). The writer refuses deeper data, and
      // readers that walk records recursively must never meet it.
      detail = `$.data is nested deeper than the ${MAX_DATA_DEPTH} levels a ledger writes`;
    }
    if (detail !== null) {
      const verdict = {
        kind: 'schema_invalid',
        line: line.number,
        seq: readSeq(parsed),
        claimed,
        detail,
      } as const;
      return { verdict, record: null, invalid: parsed };
    }
    // Valid, and the schema has no defaults or transforms: the parsed value is the record.
    const record = parsed as LedgerRecordV1;
    const verdict = {
      kind: 'record',
      line: line.number,
      seq: record.seq,
      prev: record.prev,
      hash: record.hash,
      runId: record.run_id,
      type: record.type,
      hashMatches: hashMatches && record.hash === claimed,
      endsInCr: line.text.charCodeAt(line.text.length - 1) === CARRIAGE_RETURN,
    } as const;
    return { verdict, record, invalid: null };
  }
}

const BYTE_ORDER_MARK = 0xfeff;
const CARRIAGE_RETURN = 0x0d;

function readSeq(value: unknown): number | null {
  if (typeof value !== 'object' || value === null) return null;
  const seq = (value as { seq?: unknown }).seq;
  return typeof seq === 'number' && Number.isInteger(seq) && seq >= 0 ? seq : null;
}

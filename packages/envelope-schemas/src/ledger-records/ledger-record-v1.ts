import { z } from 'zod';
import { RunId, Sha256Hex, StageName, Timestamp } from '../common/identifiers.js';
import { createParser } from '../parse/create-parser.js';
import {
  AlertDataV1,
  ApprovalDataV1,
  ErrorDataV1,
  RecoveredDataV1,
  RequestDataV1,
  ResponseDataV1,
  RunEndDataV1,
  RunStartDataV1,
} from './record-data.js';

/** Where a secret was scrubbed out of a record before it was written (never the value). */
export const ScrubbedV1 = z.strictObject({
  /** JSON path of the string that held it, within the record. */
  path: z.string().min(1).max(1024),
  /** The kind of secret, e.g. `openai`, `private_key`. */
  kind: z.string().min(1).max(64),
});

function recordOf<T extends string, D extends z.ZodType>(type: T, data: D) {
  return z.strictObject({
    /** Record format version: always 1 here. */
    v: z.literal(1),
    /** The run the ledger belongs to. */
    run_id: RunId,
    /** Position in the ledger, from 0, without gaps. */
    seq: z.int().min(0),
    /** When the record was written. */
    ts: Timestamp,
    /** The record type. */
    type: z.literal(type),
    /** The pipeline stage, or null for run-level records. */
    stage: StageName.nullable(),
    /** The type's payload. */
    data,
    /** Present when secrets were scrubbed out of this record. */
    scrubbed: z.array(ScrubbedV1).optional(),
    /** Hash of the previous record (64 zeros for the first). */
    prev: Sha256Hex,
    /** SHA-256 over the domain tag and the canonical JSON of the record without `hash`. */
    hash: Sha256Hex,
  });
}

/** The record types a v1 ledger holds. */
export const LEDGER_RECORD_TYPES = [
  'run_start',
  'request',
  'approval',
  'response',
  'error',
  'alert',
  'run_end',
  'recovered',
] as const;
export type LedgerRecordType = (typeof LEDGER_RECORD_TYPES)[number];

/**
 * The payload schema of each record type: what a writer that builds the rest of the record
 * itself (the ledger) validates per append, without re-checking the members it computed.
 */
export const LedgerRecordDataV1 = {
  run_start: RunStartDataV1,
  request: RequestDataV1,
  approval: ApprovalDataV1,
  response: ResponseDataV1,
  error: ErrorDataV1,
  alert: AlertDataV1,
  run_end: RunEndDataV1,
  recovered: RecoveredDataV1,
} as const satisfies Record<LedgerRecordType, z.ZodType>;

/** One line of a v1 ledger (`ledger.jsonl`), discriminated by `type`. */
export const LedgerRecordV1 = z
  .discriminatedUnion('type', [
    recordOf('run_start', LedgerRecordDataV1.run_start),
    recordOf('request', LedgerRecordDataV1.request),
    recordOf('approval', LedgerRecordDataV1.approval),
    recordOf('response', LedgerRecordDataV1.response),
    recordOf('error', LedgerRecordDataV1.error),
    recordOf('alert', LedgerRecordDataV1.alert),
    recordOf('run_end', LedgerRecordDataV1.run_end),
    recordOf('recovered', LedgerRecordDataV1.recovered),
  ])
  .describe('Audit ledger record, version 1.');
export type LedgerRecordV1 = z.infer<typeof LedgerRecordV1>;

/** The payload type for each record type. */
export type LedgerRecordData<T extends LedgerRecordType> = Extract<
  LedgerRecordV1,
  { type: T }
>['data'];

const ledgerRecordParser = createParser('LedgerRecordV1', LedgerRecordV1);
/** Validates one ledger record; throws `SchemaValidationError` listing every problem. */
export const parseLedgerRecord = ledgerRecordParser.parse;
/** Validates one ledger record; returns a result instead of throwing. */
export const safeParseLedgerRecord = ledgerRecordParser.safeParse;
/**
 * True when `safeParseLedgerRecord(value)` would succeed, without building the parsed value
 * or any problem: what a verifier calls for every line of a ledger.
 */
export const isLedgerRecord = ledgerRecordParser.is;

const dataChecks = Object.fromEntries(
  LEDGER_RECORD_TYPES.map((type) => [
    type,
    createParser(`LedgerRecordDataV1.${type}`, LedgerRecordDataV1[type]).is,
  ]),
) as { [T in LedgerRecordType]: (data: unknown) => data is LedgerRecordData<T> };

/**
 * True when `data` is a valid payload for a `type` record (`LedgerRecordDataV1[type]`),
 * checked by the compiled schema: what a writer that builds the rest of the record itself
 * calls for every append. Never throws.
 */
export function isLedgerRecordData<T extends LedgerRecordType>(
  type: T,
  data: unknown,
): data is LedgerRecordData<T> {
  // `type` may come from untrusted input: a name such as `toString` must not reach
  // Object.prototype (it threw, or answered with a truthy string).
  return Object.hasOwn(dataChecks, type) && dataChecks[type](data);
}

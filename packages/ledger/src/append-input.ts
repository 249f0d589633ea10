import {
  LEDGER_RECORD_TYPES,
  type LedgerRecordData,
  type LedgerRecordType,
} from '@pm/envelope-schemas';

/** Record types a caller appends; `run_end` and `recovered` are written by the ledger itself. */
export type AppendableRecordType = Exclude<LedgerRecordType, 'run_end' | 'recovered'>;

/**
 * One record to append, discriminated by `type` (a union over the appendable types, so
 * `data` is checked against the payload of the `type` given).
 */
export type AppendInput<T extends AppendableRecordType = AppendableRecordType> =
  T extends AppendableRecordType
    ? {
        /** The record type. */
        type: T;
        /** The pipeline stage, or null/absent for run-level records. */
        stage?: string | null;
        /**
         * The payload, as the record type's schema describes it. Secret wrappers become
         * `[REDACTED]`; secrets found in strings become `[SECRET:<kind>]`.
         */
        data: LedgerRecordData<T>;
      }
    : never;

/** Options of one append. */
export interface AppendOptions {
  /**
   * Make this record (and every one before it) durable before `append` returns, whatever
   * the ledger's durability: what the pipeline asks for a request record before egress.
   */
  sync?: boolean;
}

/** Every record type but the two the ledger writes itself. */
export const APPENDABLE = new Set<string>(
  LEDGER_RECORD_TYPES.filter((type) => type !== 'run_end' && type !== 'recovered'),
);

/** The members of an {@link AppendInput}: any other is refused, not ignored. */
export const INPUT_MEMBERS: readonly string[] = ['type', 'stage', 'data'];

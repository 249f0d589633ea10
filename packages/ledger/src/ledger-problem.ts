/**
 * What verification can find wrong:
 * - `hash_mismatch`: a record's bytes do not hash to its `hash` (edited in place);
 * - `prev_mismatch`: a record does not link to the one before it (deleted, inserted,
 *   reordered, or re-hashed without its successors);
 * - `seq_gap`: `seq` is not the previous seq + 1 (records missing, duplicated or moved);
 * - `bad_json`: a complete line that is not JSON, or not valid UTF-8;
 * - `schema_invalid`: a record that is JSON but not a valid `LedgerRecordV1`, nested
 *   deeper than a writer allows (256 levels of `data`), or belonging to another run (in
 *   verification: another run than the run directory is named after);
 * - `missing_artifact`: a record names an artifact the store does not hold (`seq` and
 *   `line` are the first record naming it, as for every problem with a named artifact);
 * - `artifact_mismatch`: a stored artifact's bytes do not hash to its name, or it (or the
 *   store's folder) is not what it should be (a FIFO, a folder…);
 * - `secret_found`: a record (valid or not) or artifact holds something `detectSecrets`
 *   calls a secret;
 * - `checkpoint_mismatch`: the signed checkpoint is missing, badly signed, of another
 *   run, or names a size/head the ledger no longer has (truncated or rewritten up to it);
 * - `torn_tail`: the file ends in an unterminated line (a crash mid-write, not yet
 *   recovered: opening the ledger for writing cuts it off and records that; one longer
 *   than any record line is no crash's, and opening refuses it).
 */
export type LedgerProblemKind =
  | 'hash_mismatch'
  | 'prev_mismatch'
  | 'seq_gap'
  | 'bad_json'
  | 'schema_invalid'
  | 'missing_artifact'
  | 'artifact_mismatch'
  | 'secret_found'
  | 'checkpoint_mismatch'
  | 'torn_tail';

/** One problem found in a run directory. Never holds a secret value. */
export interface LedgerProblem {
  /** What is wrong. */
  kind: LedgerProblemKind;
  /**
   * The seq of the record concerned: the record's own seq when it could be read, else the
   * seq expected at that position; null for problems not tied to a record (e.g. an
   * artifact no record names, a checkpoint that cannot be read).
   */
  seq: number | null;
  /** 1-based line of `ledger.jsonl` concerned, or null. */
  line: number | null;
  /** A plain sentence saying what is wrong (never a value from the ledger). */
  message: string;
}

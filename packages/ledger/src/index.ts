export type { AppendableRecordType, AppendInput, AppendOptions } from './append-input.js';
export { type ArtifactRef, parseArtifactRef, readArtifact } from './artifact-store.js';
export { canonicalJson } from './canonical-json.js';
export {
  CHECKPOINT_FILE,
  CHECKPOINT_SIGN_TAG,
  checkpointMessage,
  type LedgerCheckpointV1,
} from './checkpoint.js';
export {
  DEFAULT_SIGN_TIMEOUT_MS,
  type LedgerSigner,
  type LedgerSignOptions,
  type SignerFailure,
} from './checkpoint-signer.js';
export {
  type BatchDurability,
  DEFAULT_BATCH_DELAY_MS,
  DEFAULT_BATCH_RECORDS,
  type DurabilityMode,
  type DurabilityOption,
  resolveDurability,
} from './durability.js';
export { ArtifactNotFoundError } from './errors/artifact-not-found-error.js';
export { InvalidLedgerArgumentError } from './errors/invalid-ledger-argument-error.js';
export { LedgerClosedError } from './errors/ledger-closed-error.js';
export { LedgerCorruptError } from './errors/ledger-corrupt-error.js';
export { LedgerLockedError } from './errors/ledger-locked-error.js';
export { LedgerWriteFailedError } from './errors/ledger-write-failed-error.js';
export { SignerUnavailableError } from './errors/signer-unavailable-error.js';
export { GENESIS_PREV, RECORD_HASH_TAG } from './hash-chain.js';
export { type CloseResult, Ledger } from './ledger.js';
export { LEDGER_FILE } from './ledger-files.js';
export type { LedgerProblem, LedgerProblemKind } from './ledger-problem.js';
export type { PutArtifactOptions } from './ledger-writer.js';
export { MAX_LINE_BYTES } from './line-reader.js';
export { LOCK_FILE } from './lock-file.js';
export { type OpenLedgerOptions, openLedger } from './open-ledger.js';
export { type ReadLedgerOptions, readLedger } from './read-ledger.js';
export type { LedgerSummary, RunEndData } from './run-summary.js';
export { type SummariseLedgerOptions, summariseLedger } from './summarise-ledger.js';
export {
  type VerifyLedgerOptions,
  type VerifyLedgerResult,
  verifyLedger,
} from './verify-ledger.js';

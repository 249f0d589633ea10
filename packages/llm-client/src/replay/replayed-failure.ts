import { PmError, type PmErrorCode } from '@pm/envelope-schemas';
import { ProviderUnavailableError } from '../provider/provider-unavailable-error.js';

// Every code, so a recorded code is rebuilt only if it is one a host can switch on; the
// `satisfies` makes the compiler flag this list when the union changes.
const CODES = {
  SCHEMA_INVALID: true,
  INVALID_ARGUMENT: true,
  OPTIONAL_DEPENDENCY_MISSING: true,
  APPROVAL_REQUIRED: true,
  APPROVAL_DENIED: true,
  REDACTION_KEY_REQUIRED: true,
  UNKNOWN_MODEL: true,
  UNKNOWN_MODEL_PRICE: true,
  BUDGET_EXCEEDED: true,
  CALL_LIMIT_EXCEEDED: true,
  BUDGET_STORE_UNAVAILABLE: true,
  RESERVATION_CLOSED: true,
  RUNTIME_EXCEEDED: true,
  LEDGER_LOCKED: true,
  LEDGER_CLOSED: true,
  LEDGER_CORRUPT: true,
  LEDGER_WRITE_FAILED: true,
  SIGNER_UNAVAILABLE: true,
  ARTIFACT_NOT_FOUND: true,
  MISSING_CREDENTIAL: true,
  EGRESS_DENIED: true,
  POLICY_DENIED: true,
  RUN_WINDOW_CLOSED: true,
  PROVIDER_UNAVAILABLE: true,
  OUTPUT_VALIDATION: true,
  UNSUPPORTED_SCHEMA: true,
  CALL_CANCELLED: true,
  REPLAY_MISS: true,
  INTERNAL_ERROR: true,
} satisfies Record<PmErrorCode, true>;

function isPmErrorCode(code: string): code is PmErrorCode {
  return Object.hasOwn(CODES, code);
}

/** What an `error` record says about a call that failed after its request was recorded. */
export interface RecordedFailure {
  code: string;
  message: string;
  attempts: number | undefined;
}

/**
 * The failure a recorded call ended with, to replay in its place. A provider failure is a
 * `ProviderUnavailableError`, not retryable: the record already covers every attempt the
 * recorded run made, and a retry would take the next recorded answer. The record keeps no
 * HTTP status, so none is given. Any other recorded code is rebuilt as a `PmError` with that
 * code. The message (scrubbed when recorded) says it is a replay.
 */
export function replayedFailure(recorded: RecordedFailure): PmError {
  // The recording pipeline added this; the replaying one adds its own.
  const message = recorded.message.replace(/\s*Gave up after \d+ attempt\(s\)\.$/, '');
  const after = recorded.attempts ? ` after ${recorded.attempts} attempt(s)` : '';
  const text = `Replayed: the recorded call failed here${after} (${recorded.code}): ${message}`;
  const details = {
    replayed: true,
    recordedCode: recorded.code,
    ...(recorded.attempts ? { recordedAttempts: recorded.attempts } : {}),
  };
  if (recorded.code !== 'PROVIDER_UNAVAILABLE' && isPmErrorCode(recorded.code)) {
    return new PmError(recorded.code, text, { details });
  }
  return new ProviderUnavailableError(text, { retryable: false }, { details });
}

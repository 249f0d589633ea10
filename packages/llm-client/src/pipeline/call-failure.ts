import { isPmError, PmError } from '@pm/envelope-schemas';
import { ProviderUnavailableError } from '../provider/provider-unavailable-error.js';
import { thrownKind } from '../thrown-kind.js';
import { failureWithoutSecrets } from './failure-without-secrets.js';
import type { CallPhase } from './prepare-call.js';

/** Where a call stood when it failed. */
export interface FailedCallFacts {
  /** The step it was in. */
  phase: CallPhase;
  /** Requests sent to the provider. */
  attempts: number;
  /** The provider's `call` threw something other than a `PmError` (against its contract). */
  providerThrew: boolean;
  /** The provider's name. */
  provider: string;
}

/**
 * The error a failed call ends with, for the host, its events and the call's error record:
 * a `PmError` as thrown (a provider's failure says how many attempts it took); anything
 * else an `INTERNAL_ERROR` saying whose code broke. Never with a secret in its message.
 */
export function callFailure(error: unknown, facts: FailedCallFacts): PmError {
  // A provider of the host's own may quote its upstream, key and all: not to the host nor
  // its events (the ledger scrubs its records as well).
  return failureWithoutSecrets(typedFailure(error, facts));
}

function typedFailure(
  error: unknown,
  { phase, attempts, providerThrew, provider }: FailedCallFacts,
) {
  if (error instanceof ProviderUnavailableError && attempts > 0) {
    return error.afterAttempts(attempts);
  }
  if (isPmError(error)) return error;
  if (providerThrew) {
    // Host code (a provider of its own) broke its contract: say whose, not "report a bug".
    return new PmError(
      'INTERNAL_ERROR',
      `Provider "${provider}" threw ${thrownKind(error)} instead of a ProviderUnavailableError; the attempt is booked at its worst case, since it may have been sent. Fix the provider to report its failures as ProviderUnavailableError.`,
    );
  }
  return new PmError(
    'INTERNAL_ERROR',
    `The ${phase} step failed unexpectedly; the ledger records it. Please report this as a bug.`,
  );
}

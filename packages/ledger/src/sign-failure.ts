import { InvalidLedgerArgumentError } from './errors/invalid-ledger-argument-error.js';
import { SignerUnavailableError } from './errors/signer-unavailable-error.js';

/** What became of the writer when its signer failed, by the call that signed. */
export const AFTER_SIGN_FAILED = {
  close:
    'close() wrote nothing (no run_end) and released the run without ending it: open it again with openLedger() and a signer that works, then close() it.',
  detach:
    'detach() released the run without a new checkpoint: open it again with openLedger() and a signer that works to sign one.',
  checkpoint: 'The ledger stays open: call checkpoint() again once the signer works.',
  checkpointAsync: 'The ledger stays open: call checkpointAsync() again once the signer works.',
} as const;

/**
 * A signer's failure with what became of the writer said after it (`afterFailure`); other
 * errors as they are.
 */
export function withAfterFailure(error: unknown, afterFailure: string): unknown {
  const Failure =
    error instanceof SignerUnavailableError
      ? SignerUnavailableError
      : error instanceof InvalidLedgerArgumentError
        ? InvalidLedgerArgumentError
        : undefined;
  if (Failure === undefined) return error;
  const failed = error as SignerUnavailableError | InvalidLedgerArgumentError;
  return new Failure(`${failed.message} ${afterFailure}`, {
    cause: failed,
    ...(failed.details === undefined ? {} : { details: failed.details }),
  });
}

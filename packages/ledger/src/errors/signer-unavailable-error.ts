import { PmError, type PmErrorOptions } from '@pm/envelope-schemas/core';

/**
 * The host's checkpoint signer threw, rejected or did not answer in time (a KMS or HSM that
 * cannot be reached): an operational failure, not a wrong argument, so hosts can page on it
 * apart from bugs. Nothing was signed or written; `details.signer` says which failure.
 */
export class SignerUnavailableError extends PmError {
  constructor(message: string, options?: PmErrorOptions) {
    super('SIGNER_UNAVAILABLE', message, options);
  }
}

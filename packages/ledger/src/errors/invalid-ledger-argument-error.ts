import { PmError, type PmErrorOptions } from '@pm/envelope-schemas/core';

/** An argument given to a ledger function is missing or malformed; the message says which. */
export class InvalidLedgerArgumentError extends PmError {
  constructor(message: string, options?: PmErrorOptions) {
    super('INVALID_ARGUMENT', message, options);
  }
}

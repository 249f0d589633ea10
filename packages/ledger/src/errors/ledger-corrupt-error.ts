import { PmError, type PmErrorOptions } from '@pm/envelope-schemas/core';

/** The ledger (or an artifact) on disk is damaged somewhere other than a torn last line. */
export class LedgerCorruptError extends PmError {
  constructor(message: string, options?: PmErrorOptions) {
    super('LEDGER_CORRUPT', message, options);
  }
}

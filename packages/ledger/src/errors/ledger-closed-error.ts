import { PmError } from '@pm/envelope-schemas';

/** The ledger was closed (or failed) and takes no more records. */
export class LedgerClosedError extends PmError {
  constructor(runDir: string, reason: string) {
    super(
      'LEDGER_CLOSED',
      `The ledger of ${runDir} ${reason}; it takes no more records. Open it again with openLedger() to continue the run.`,
      { details: { runDir } },
    );
  }
}

import { PmError } from '@pm/envelope-schemas/core';

/** What to do with a ledger closed without ending its run (detached, or a write failed). */
const CONTINUE = 'Open it again with openLedger() to continue the run.';

/**
 * What to do once the run has ended (`close()` wrote `run_end`): `openLedger` refuses an
 * ended run, so opening it again is no way on.
 */
export const RUN_ENDED_NEXT =
  'The run has ended (run_end written): start a new run, openLedger() with another runId, to record more.';

/** The ledger was closed (or failed) and takes no more records. */
export class LedgerClosedError extends PmError {
  /**
   * @param reason what happened, after "The ledger of <runDir>".
   * @param next what to do: by default, open the ledger again to continue the run.
   */
  constructor(runDir: string, reason: string, next: string = CONTINUE) {
    super('LEDGER_CLOSED', `The ledger of ${runDir} ${reason}; it takes no more records. ${next}`, {
      details: { runDir },
    });
  }
}

import { isPmError } from '@pm/envelope-schemas';
import type { AppendInput, Ledger } from '@pm/ledger';

/**
 * Appends an alert the budget raised (a tier reached, an overspend) to the run's ledger
 * unless the ledger is closed: a settle still in flight at `run.end()` can raise one after
 * it closed (and a ledger that failed to write is closed too; the call's own records fail
 * closed then), and its event still goes out. Anything else (a record the schema refuses)
 * is thrown, and the budget reports a throwing callback as a process warning instead of
 * the record being lost in silence.
 */
export function appendUnlessEnded(ledger: Ledger | undefined, input: AppendInput<'alert'>): void {
  try {
    ledger?.append(input);
  } catch (error) {
    if (!(isPmError(error) && error.code === 'LEDGER_CLOSED')) throw error;
  }
}

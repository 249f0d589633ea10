import { join } from 'node:path';

/** The ledger file of a run directory. */
export const LEDGER_FILE = 'ledger.jsonl';

/** Path of `ledger.jsonl` in a run directory. */
export function ledgerFile(runDir: string): string {
  return join(runDir, LEDGER_FILE);
}

import { basename } from 'node:path';
import { readLedger } from './read-ledger.js';
import { type LedgerSummary, RunSummary } from './run-summary.js';

/**
 * The per-run figures of a ledger (spec 000 §3 and more): request count, estimated and
 * actual tokens in and out, models, cost, stages, approvals, errors, alerts. Computed from
 * the records themselves (a `run_end` record's own figures are not trusted over them).
 *
 * @throws LedgerCorruptError when a record is damaged: verify the ledger first.
 */
export async function summariseLedger(runDir: string): Promise<LedgerSummary> {
  const summary = new RunSummary();
  let runId: string | null = null;
  await readLedger(runDir, (record) => {
    runId ??= record.run_id;
    summary.add(record);
  });
  return summary.toSummary(runId ?? basename(runDir));
}

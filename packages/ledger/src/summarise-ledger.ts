import { LedgerCorruptError } from './errors/ledger-corrupt-error.js';
import { checkKnownOptions } from './known-options.js';
import { expectedRun } from './ledger-files.js';
import { OutputScrubber, secretsFoundMessage } from './output-scrubber.js';
import { readLedger } from './read-ledger.js';
import { checkRunDir } from './run-dir-argument.js';
import { type LedgerSummary, RunSummary } from './run-summary.js';

/** Options of {@link summariseLedger}. */
export interface SummariseLedgerOptions {
  /** The run the records must belong to: see `ReadLedgerOptions.runId`. */
  runId?: string;
}

/**
 * The per-run figures of a ledger (spec 000 §3 and more): request count, estimated and
 * actual tokens in and out, models, cost, stages, approvals, errors, alerts. Computed from
 * the records themselves (a `run_end` record's own figures are not trusted over them).
 *
 * @throws InvalidLedgerArgumentError as `readLedger` does (a `runDir` that is not a path
 *   string or holds no ledger, a bad option).
 * @throws LedgerCorruptError when a record is damaged or belongs to another run, or the
 *   figures would name a secret (records the writer could not have written): verify the
 *   ledger first.
 */
export async function summariseLedger(
  runDir: string,
  options: SummariseLedgerOptions = {},
): Promise<LedgerSummary> {
  // Checked first: a bad option is the caller's mistake, whatever the ledger holds.
  checkRunDir(runDir, 'summariseLedger');
  checkKnownOptions(options, ['runId'], 'summariseLedger');
  const { runId } = expectedRun(runDir, options.runId, 'summariseLedger');
  const summary = new RunSummary();
  await readLedger(runDir, (record) => summary.add(record), options);
  const figures = summary.toSummary(runId);
  // A stage, model or error code naming a secret comes from a record the writer could not
  // have written (it scrubs every one): the ledger was altered. Refused as damage is, so no
  // caller prints or forwards the secret.
  const { kinds } = new OutputScrubber().scrub(figures);
  if (kinds.length > 0) {
    throw new LedgerCorruptError(
      secretsFoundMessage(runDir, 'The stages, models or error codes', 'no figures returned'),
      { details: { kinds } },
    );
  }
  return figures;
}

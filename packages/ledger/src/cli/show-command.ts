import type { LedgerRecordV1 } from '@pm/envelope-schemas';
import { LedgerCorruptError } from '../errors/ledger-corrupt-error.js';
import { OutputScrubber, secretsFoundMessage } from '../output-scrubber.js';
import { readLedger } from '../read-ledger.js';
import type { CliIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';
import { NO_STAGE } from './parse-command-line.js';
import { excerpt, terminalSafeJson } from './terminal-text.js';

/** Longest data excerpt in human output. */
const EXCERPT = 100;

/**
 * `pm-ledger show <runDir> [--type T] [--stage S] [--run-id R] [--json]`; `--stage -`
 * lists the records without a stage (shown as `-`).
 */
export async function showCommand(
  runDir: string,
  flags: { type?: string; stage?: string; runId?: string; json: boolean },
  io: CliIo,
): Promise<number> {
  const keep = (r: LedgerRecordV1) =>
    (flags.type === undefined || r.type === flags.type) &&
    (flags.stage === undefined || (r.stage ?? NO_STAGE) === flags.stage);
  // Records printed with a secret scrubbed out: the listing goes on, then fails as damage.
  const scrubber = new OutputScrubber();
  let withSecrets = 0;
  let firstSeq = -1;
  await readLedger(
    runDir,
    (read) => {
      if (!keep(read)) return;
      const { value: record, kinds } = scrubber.scrub(read);
      if (kinds.length > 0 && withSecrets++ === 0) firstSeq = record.seq;
      if (flags.json) {
        io.out(`${JSON.stringify(record)}\n`);
        return;
      }
      // The other columns are checked by the schema (a seq, a timestamp, names); the data is anything.
      const data = excerpt(terminalSafeJson(JSON.stringify(record.data)), EXCERPT);
      io.out(`${record.seq}\t${record.ts}\t${record.type}\t${record.stage ?? NO_STAGE}\t${data}\n`);
    },
    { runId: flags.runId },
  );
  if (withSecrets > 0) {
    const where =
      withSecrets === 1 ? `record ${firstSeq}` : `${withSecrets} records (first: ${firstSeq})`;
    throw new LedgerCorruptError(secretsFoundMessage(runDir, where, 'printed as [SECRET:<kind>]'), {
      details: { records: withSecrets, first_seq: firstSeq },
    });
  }
  return EXIT.ok;
}

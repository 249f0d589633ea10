import type { LedgerRecordV1 } from '@pm/envelope-schemas';
import { readLedger } from '../read-ledger.js';
import type { CliIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';

/** Longest data excerpt in human output. */
const EXCERPT = 100;

/** `pm-ledger show <runDir> [--type T] [--stage S] [--run-id R] [--json]`. */
export async function showCommand(
  runDir: string,
  flags: { type?: string; stage?: string; runId?: string; json: boolean },
  io: CliIo,
): Promise<number> {
  const keep = (r: LedgerRecordV1) =>
    (flags.type === undefined || r.type === flags.type) &&
    (flags.stage === undefined || r.stage === flags.stage);
  await readLedger(
    runDir,
    (record) => {
      if (!keep(record)) return;
      if (flags.json) {
        io.out(`${JSON.stringify(record)}\n`);
        return;
      }
      const data = JSON.stringify(record.data);
      const excerpt = data.length > EXCERPT ? `${data.slice(0, EXCERPT - 1)}…` : data;
      io.out(`${record.seq}\t${record.ts}\t${record.type}\t${record.stage ?? '-'}\t${excerpt}\n`);
    },
    { runId: flags.runId },
  );
  return EXIT.ok;
}

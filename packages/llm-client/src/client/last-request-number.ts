import { readLedger } from '@pm/ledger';

const REQUEST_ID = /^req-(\d+)$/;

/**
 * The highest request number (`req-0042` -> 42) any record of a run names, 0 when none. A
 * run started again under its id after a crash continues from it, so no id repeats in one
 * ledger: the ids identify calls for the audit and for replay.
 */
export async function lastRequestNumber(runDir: string, runId: string): Promise<number> {
  let last = 0;
  await readLedger(
    runDir,
    (record) => {
      const id = (record.data as { request_id?: unknown } | null)?.request_id;
      const match = typeof id === 'string' ? REQUEST_ID.exec(id) : null;
      if (match) last = Math.max(last, Number(match[1]));
    },
    { runId },
  );
  return last;
}

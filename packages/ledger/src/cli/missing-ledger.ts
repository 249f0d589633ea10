import { join } from 'node:path';
import {
  CHECKPOINT_FILE,
  isCheckpointShape,
  type LedgerCheckpointV1,
  readCheckpointFile,
} from '../checkpoint.js';
import { GENESIS_PREV } from '../hash-chain.js';
import { LEDGER_FILE, ledgerFile } from '../ledger-files.js';
import { fileKind } from '../regular-file.js';
import type { VerifyLedgerResult } from '../verify-ledger.js';

/**
 * The verdict on a run directory whose `ledger.jsonl` is gone while a checkpoint says what
 * it held (the run's own `checkpoint.json`, or one given with `--checkpoint`): the ledger
 * was deleted or moved, which is the strongest truncation there is, and a failed check
 * (exit 1), not "pass a run directory" (exit 3) as for a folder that never held a run.
 * Null when the ledger is there, or when there is no checkpoint to hold it to (verification
 * then says what it says of a folder without a ledger).
 */
export function missingLedgerVerdict(
  runDir: string,
  given: LedgerCheckpointV1 | undefined,
): VerifyLedgerResult | null {
  if (kindOf(ledgerFile(runDir)) !== 'missing') return null;
  let covers: string;
  if (given !== undefined) {
    covers = `the checkpoint given covers ${given.size} bytes up to record ${given.seq}`;
  } else {
    if (kindOf(join(runDir, CHECKPOINT_FILE)) === 'missing') return null;
    const own = readOwnCheckpoint(runDir);
    covers =
      own === null
        ? 'the run directory holds a checkpoint.json'
        : `its checkpoint.json covers ${own.size} bytes up to record ${own.seq}`;
  }
  return {
    ok: false,
    records: 0,
    head: GENESIS_PREV,
    size: 0,
    problems: [
      {
        kind: 'checkpoint_mismatch',
        seq: given?.seq ?? null,
        line: null,
        message: `${LEDGER_FILE} is missing, while ${covers}: the ledger was deleted or moved. Restore it from a backup and verify again (or, if this is not the run's folder, pass the one holding ${LEDGER_FILE})`,
      },
    ],
    problemsOmitted: 0,
    checkpoint: null,
  };
}

/** What is at `path`; a path that cannot be looked at is left to verification to report. */
function kindOf(path: string): string {
  try {
    return fileKind(path);
  } catch {
    return 'unknown';
  }
}

/** The run's own checkpoint when it reads as one; null otherwise (its figures unknown). */
function readOwnCheckpoint(runDir: string): LedgerCheckpointV1 | null {
  try {
    const parsed = readCheckpointFile(runDir);
    return isCheckpointShape(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

import { closeSync, realpathSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { errnoCode } from './errno-code.js';
import { InvalidLedgerArgumentError } from './errors/invalid-ledger-argument-error.js';
import { LedgerCorruptError } from './errors/ledger-corrupt-error.js';
import { noLedgerMessage } from './no-ledger-message.js';
import { fileKind, openRegularSync } from './regular-file.js';

/** The ledger file of a run directory. */
export const LEDGER_FILE = 'ledger.jsonl';

/** Path of `ledger.jsonl` in a run directory. */
export function ledgerFile(runDir: string): string {
  return join(runDir, LEDGER_FILE);
}

/**
 * The `ledger.jsonl` of a run directory, for reading: it must be a regular file (a FIFO
 * would block the reader forever, a folder cannot be read).
 *
 * @throws InvalidLedgerArgumentError when there is none (not a run directory), or it
 *   cannot be opened for reading (no permission).
 * @throws LedgerCorruptError when something other than a regular file is in its place.
 */
export function existingLedgerFile(runDir: string): string {
  const file = ledgerFile(runDir);
  let kind: string;
  try {
    kind = fileKind(file);
  } catch (error) {
    throw new InvalidLedgerArgumentError(
      `${file} cannot be read (${errnoCode(error)}): check the run directory's permissions.`,
    );
  }
  if (kind === 'missing') {
    throw new InvalidLedgerArgumentError(noLedgerMessage(runDir));
  }
  if (kind !== 'file') {
    throw new LedgerCorruptError(
      `${file} is ${kind}, not a regular file: the run directory was changed and holds no readable ledger. Restore it from a backup.`,
      { details: { file } },
    );
  }
  // Opened once here, so that a file the process may not read (EACCES) is refused with
  // what to do, as a folder it may not list is, instead of Node's bare errno message
  // from the open deep in the reader.
  try {
    closeSync(openRegularSync(file));
  } catch (error) {
    throw new InvalidLedgerArgumentError(
      `${file} cannot be read (${errnoCode(error)}): check the permissions of the run directory and its ledger.jsonl.`,
    );
  }
  return file;
}

/** The run a reader holds a run directory's records to, and where it comes from (for messages). */
export interface ExpectedRun {
  runId: string;
  /** E.g. "the run directory's name". */
  from: string;
}

/**
 * The run `runDir` must hold: `runId` when given, else the directory's name (`openLedger`
 * keeps run R in `<dir>/R/`, and refuses records of another run there). Holding readers
 * to it means another run's ledger copied in whole, its chain intact, is not read as this
 * run's.
 *
 * @param caller names the function in the error, e.g. `readLedger`.
 * @throws InvalidLedgerArgumentError when `runId` is given but not a non-empty string.
 */
export function expectedRun(runDir: string, runId: unknown, caller: string): ExpectedRun {
  if (runId === undefined) return { runId: runDirName(runDir), from: "the run directory's name" };
  if (typeof runId !== 'string' || runId === '') {
    throw new InvalidLedgerArgumentError(
      `${caller}: runId must be the run id the ledger holds (a non-empty string), or left out to use the run directory's name.`,
    );
  }
  return { runId, from: 'the runId asked for' };
}

/**
 * The name of the folder `runDir` is: through a link to it (a `latest` link to the run
 * reads as the run), and without a trailing `/` or `.`.
 */
function runDirName(runDir: string): string {
  try {
    return basename(realpathSync.native(runDir));
  } catch {
    return basename(resolve(runDir));
  }
}

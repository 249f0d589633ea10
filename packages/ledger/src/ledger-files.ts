import { join } from 'node:path';
import { InvalidLedgerArgumentError } from './errors/invalid-ledger-argument-error.js';
import { LedgerCorruptError } from './errors/ledger-corrupt-error.js';
import { fileKind } from './regular-file.js';

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
 * @throws InvalidLedgerArgumentError when there is none (not a run directory).
 * @throws LedgerCorruptError when something other than a regular file is in its place.
 */
export function existingLedgerFile(runDir: string): string {
  const file = ledgerFile(runDir);
  let kind: string;
  try {
    kind = fileKind(file);
  } catch (error) {
    throw new InvalidLedgerArgumentError(
      `${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'I/O error'}): check the run directory's permissions.`,
    );
  }
  if (kind === 'missing') {
    throw new InvalidLedgerArgumentError(
      `${runDir} holds no ledger.jsonl: pass a run directory (<dir>/<runId>).`,
    );
  }
  if (kind !== 'file') {
    throw new LedgerCorruptError(
      `${file} is ${kind}, not a regular file: the run directory was changed and holds no readable ledger. Restore it from a backup.`,
      { details: { file } },
    );
  }
  return file;
}

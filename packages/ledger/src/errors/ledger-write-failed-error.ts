import { PmError } from '@pm/envelope-schemas/core';

/**
 * A ledger file could not be created, written, synced or renamed: a full disk, a folder
 * the process may not write, a read-only file system. Its own code, so a host can tell a
 * storage fault (free space, fix permissions) from a mistake in its own arguments.
 * `details.errno` is the file system's code (`ENOSPC`, `EACCES`, …).
 */
export class LedgerWriteFailedError extends PmError {
  constructor(message: string, errno: string, cause: unknown) {
    super('LEDGER_WRITE_FAILED', message, { cause, details: { errno } });
  }
}

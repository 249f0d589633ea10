import { PmError } from '@pm/envelope-schemas/core';

/** Another writer holds the run's ledger: one writer per run. */
export class LedgerLockedError extends PmError {
  /** The lock file that is held. */
  readonly lockFile: string;
  /** Process id of the holder, as it recorded it in the lock file (null if unreadable). */
  readonly holderPid: number | null;

  /**
   * @param by `true`: the holder is the calling process itself (the run is open in it
   *   already): the way out is that ledger's close() or detach(), not the lock file.
   *   `{ takingOver }`: `lockFile` is another process's claim to take over the stale lock
   *   `takingOver`, not a lock: the way out is to try again, or delete a dead claim.
   */
  constructor(
    lockFile: string,
    holderPid: number | null,
    holderHost: string | null,
    by: boolean | { takingOver: string } = false,
  ) {
    const who =
      holderPid === null
        ? 'an unknown process'
        : `process ${holderPid}${holderHost ? ` on ${holderHost}` : ''}`;
    super(
      'LEDGER_LOCKED',
      by === true
        ? `The ledger is locked by ${who}, this process itself (lock file ${lockFile}): the run is open in it already, and one writer per run. Use that Ledger, or call its close() or detach() before opening the run again.`
        : by !== false
          ? `The ledger is not free: ${who} is taking over the stale lock ${by.takingOver} (its claim ${lockFile}). Open the run again in a moment. If the claim stays, and ${holderPid === null ? 'its process' : `process ${holderPid}`} is gone (it ran on another host or in another container, so this process cannot check it), delete ${lockFile} and open again.`
          : `The ledger is locked by ${who} (lock file ${lockFile}). Wait for that run to close its ledger, or, if that process is gone, delete the lock file and open again.`,
      { details: { lockFile, holderPid, holderHost } },
    );
    this.lockFile = lockFile;
    this.holderPid = holderPid;
  }
}

import { PmError } from '@pm/envelope-schemas';

/** Another writer holds the run's ledger: one writer per run. */
export class LedgerLockedError extends PmError {
  /** The lock file that is held. */
  readonly lockFile: string;
  /** Process id of the holder, as it recorded it in the lock file (null if unreadable). */
  readonly holderPid: number | null;

  /**
   * @param byThisProcess the holder is the calling process itself (the run is open in it
   *   already): the way out is that ledger's close() or detach(), not the lock file.
   */
  constructor(
    lockFile: string,
    holderPid: number | null,
    holderHost: string | null,
    byThisProcess = false,
  ) {
    const who =
      holderPid === null
        ? 'an unknown process'
        : `process ${holderPid}${holderHost ? ` on ${holderHost}` : ''}`;
    super(
      'LEDGER_LOCKED',
      byThisProcess
        ? `The ledger is locked by ${who}, this process itself (lock file ${lockFile}): the run is open in it already, and one writer per run. Use that Ledger, or call its close() or detach() before opening the run again.`
        : `The ledger is locked by ${who} (lock file ${lockFile}). Wait for that run to close its ledger, or, if that process is gone, delete the lock file and open again.`,
      { details: { lockFile, holderPid, holderHost } },
    );
    this.lockFile = lockFile;
    this.holderPid = holderPid;
  }
}

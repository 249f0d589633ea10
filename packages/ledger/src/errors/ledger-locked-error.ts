import { PmError } from '@pm/envelope-schemas';

/** Another writer holds the run's ledger: one writer per run. */
export class LedgerLockedError extends PmError {
  /** The lock file that is held. */
  readonly lockFile: string;
  /** Process id of the holder, as it recorded it in the lock file (null if unreadable). */
  readonly holderPid: number | null;

  constructor(lockFile: string, holderPid: number | null, holderHost: string | null) {
    const who =
      holderPid === null
        ? 'an unknown process'
        : `process ${holderPid}${holderHost ? ` on ${holderHost}` : ''}`;
    super(
      'LEDGER_LOCKED',
      `The ledger is locked by ${who} (lock file ${lockFile}). Wait for that run to close its ledger, or, if that process is gone, delete the lock file and open again.`,
      { details: { lockFile, holderPid, holderHost } },
    );
    this.lockFile = lockFile;
    this.holderPid = holderPid;
  }
}

import { errnoCode } from './errno-code.js';
import { LedgerWriteFailedError } from './errors/ledger-write-failed-error.js';

/**
 * The error for a ledger file that could not be created, written, synced or renamed (a
 * full disk, a folder the process may not write): a PmError naming what failed, the
 * errno code and what to do, rather than Node's bare error, which names neither the step
 * nor a way out.
 *
 * @param what the step that failed, e.g. "openLedger: cannot create the lock file in /x".
 */
export function writeFailure(what: string, error: unknown): LedgerWriteFailedError {
  const code = errnoCode(error);
  return new LedgerWriteFailedError(
    `${what} (${code}): ${writeAdvice(code)}, then try again.`,
    code,
    error,
  );
}

/** What is wrong and what to do about a write that failed with errno `code` (no full stop). */
export function writeAdvice(code: string): string {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return 'the disk, quota or file-size limit is full: free space (or raise the limit)';
    case 'EACCES':
    case 'EPERM':
      return 'this process has no permission to write there: give its user write permission on the folder, or pass another dir';
    case 'EROFS':
      return 'the file system is read-only: pass a dir on a writable file system';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files: close some, or raise the limit (ulimit -n)';
    default:
      return "check the disk and the folder's permissions";
  }
}

/**
 * Exit codes of `pm-ledger` (stable; documented in the README):
 * 0 ok; 1 the ledger has problems (verify) or is damaged (summary, show); 2 usage error;
 * 3 could not read (no ledger in the folder, unreadable key or file); 70 an internal error
 * (a bug); 141 the reader of the output went away.
 */
export const EXIT = {
  ok: 0,
  problems: 1,
  usage: 2,
  unreadable: 3,
  /**
   * An error that is neither the package's own nor the system's: a bug in pm-ledger. 70 is
   * sysexits' EX_SOFTWARE; 3 would tell a script the ledger could not be read, and 1 that
   * it is damaged, when neither is known.
   */
  internal: 70,
  /**
   * Stdout (or stderr) was closed before everything was written (`| head`). 128 + SIGPIPE
   * (13): the status a shell reports for `git log | head` or `ls | head`, whose writers a
   * closed pipe ends quietly. Only a `set -o pipefail` script sees it, and there, as for
   * those tools, it is a failure: 0 would claim a check that never finished was fine,
   * and 1 that the ledger is damaged.
   */
  readerGone: 141,
} as const;

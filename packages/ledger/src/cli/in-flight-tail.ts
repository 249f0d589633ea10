import { closeSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ledgerFile } from '../ledger-files.js';
import { MAX_LINE_BYTES } from '../line-reader.js';
import { LOCK_FILE } from '../lock-file.js';
import { fileKind, openRegularSync } from '../regular-file.js';

/**
 * How long a line seen unfinished may take to be finished while `ledger.lock` is there.
 * A writer writes each line with one `write(2)`, which other readers can see half done for
 * microseconds (milliseconds for a 16 MiB line on a busy machine); a second is ample, and
 * is waited only when a lock is there and the line is still unfinished.
 */
export const IN_FLIGHT_GRACE_MS = 1_000;

/** Pause between two looks at the unfinished line. */
const POLL_MS = 10;

/** Bytes read per look for the line's `\n`. */
const CHUNK = 64 * 1024;
const NEWLINE = 0x0a;

/**
 * Whether the unterminated bytes a verification found at byte `offset` of the run's
 * `ledger.jsonl` were a line being written, not a crash's torn tail: they have been
 * finished since (a `\n` follows them now). Verification reads the file while a live
 * writer may append to it, and can meet a line mid-`write(2)`; a crashed writer's tail is
 * never finished (a writer reopening the run cuts it off and records that, and its
 * `recovered` record is a finished line too: the file changed, and verifying again shows
 * how).
 *
 * Looks once at once; only while `ledger.lock` is there (someone holds the run, or held it
 * and crashed) does it look again for up to `graceMs`. Never reads more than one line's
 * worth: a tail longer than any record is damage, never a record in flight.
 */
export async function tailFinishedSince(
  runDir: string,
  offset: number,
  graceMs = IN_FLIGHT_GRACE_MS,
): Promise<boolean> {
  const file = ledgerFile(runDir);
  const deadline = Date.now() + (lockFilePresent(runDir) ? graceMs : 0);
  // Bytes after `offset` already looked through without a `\n`: each look reads only what
  // was appended since the last.
  let scanned = 0;
  for (;;) {
    const look = lookForNewline(file, offset, scanned);
    if (look.found) return true;
    scanned = look.scanned;
    if (scanned > MAX_LINE_BYTES || Date.now() >= deadline) return false;
    await sleep(POLL_MS);
  }
}

/** Whether the run has a `ledger.lock` (of any kind: a FIFO there is someone's doing too). */
function lockFilePresent(runDir: string): boolean {
  try {
    return fileKind(join(runDir, LOCK_FILE)) !== 'missing';
  } catch {
    // Cannot be looked at (EACCES): unknown, so no wait; the tail is reported as found.
    return false;
  }
}

/**
 * Reads from `offset + scanned` on, for at most one line's worth of bytes past `offset`,
 * looking for a `\n`. A file that cannot be opened any more (replaced, removed) has no
 * finished line to show.
 */
function lookForNewline(
  file: string,
  offset: number,
  scanned: number,
): { found: boolean; scanned: number } {
  let fd: number;
  try {
    fd = openRegularSync(file);
  } catch {
    return { found: false, scanned };
  }
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    let at = scanned;
    while (at <= MAX_LINE_BYTES) {
      const n = readSync(fd, buffer, 0, CHUNK, offset + at);
      if (n === 0) break;
      if (buffer.subarray(0, n).includes(NEWLINE)) return { found: true, scanned: at };
      at += n;
    }
    return { found: false, scanned: at };
  } finally {
    closeSync(fd);
  }
}

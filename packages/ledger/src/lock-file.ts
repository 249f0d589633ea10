import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LedgerLockedError } from './errors/ledger-locked-error.js';

/** Name of the advisory lock file in a run directory. */
export const LOCK_FILE = 'ledger.lock';

/** A held lock; `release` is idempotent. */
export interface HeldLock {
  /** Absolute path of the lock file. */
  file: string;
  /** Removes the lock file if it is still ours. */
  release(): void;
}

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/**
 * Takes the run's writer lock: creates `ledger.lock` exclusively (O_CREAT|O_EXCL) with the
 * holder's pid and host. A lock left by a process that no longer exists on this host (a
 * crash, SIGKILL) is taken over; a live holder, or one on another host (which cannot be
 * checked), gets {@link LedgerLockedError}. Advisory: it keeps @pm writers apart, not
 * other programs.
 */
export function acquireLock(runDir: string): HeldLock {
  const file = join(runDir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  const content = `${JSON.stringify(me)}\n`;
  // The lock appears complete or not at all: written under a private name, then hard-linked
  // into place (link(2) fails with EEXIST atomically). A crash can never leave it half-written.
  const draft = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(draft, content, { flag: 'wx' });
  try {
    return takeLock(file, draft, content, me.host);
  } finally {
    unlinkQuietly(draft);
  }
}

function takeLock(file: string, draft: string, content: string, host: string): HeldLock {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const raw = readLock(file);
      const owner = parseOwner(raw);
      if (raw !== null && owner !== null && owner.host === host && !isAlive(owner.pid)) {
        // Stale: its writer died. Remove it only if it still holds what we read, which keeps
        // two recovering openers from deleting each other's fresh locks in all but a tiny window.
        if (readLock(file) === raw) unlinkQuietly(file);
        continue;
      }
      if (raw === null) continue; // vanished between open and read: try again
      throw new LedgerLockedError(file, owner?.pid ?? null, owner?.host ?? null);
    }
    let released = false;
    return {
      file,
      release() {
        if (released) return;
        released = true;
        if (readLock(file) === content) unlinkQuietly(file);
      },
    };
  }
  const owner = parseOwner(readLock(file));
  throw new LedgerLockedError(file, owner?.pid ?? null, owner?.host ?? null);
}

function readLock(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function parseOwner(raw: string | null): LockOwner | null {
  if (raw === null) return null;
  try {
    const owner = JSON.parse(raw) as Partial<LockOwner>;
    if (typeof owner.pid === 'number' && typeof owner.host === 'string') return owner as LockOwner;
  } catch {
    // Not ours to interpret: written by something else. Treated as held.
  }
  return null;
}

/** `kill(pid, 0)`: ESRCH means no such process; EPERM means it exists (someone else's). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}

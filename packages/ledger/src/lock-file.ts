import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { LedgerLockedError } from './errors/ledger-locked-error.js';
import { processStart } from './process-start.js';
import { readRegularFileSync } from './regular-file.js';
import { writeFailure } from './write-failure.js';

/**
 * The content of every lock this copy of the module holds, so that opening a run this
 * process has open already is named as such (not "wait, or delete the lock"). Only for
 * the message: a lock of our pid not in here may be another thread's, never stale.
 */
const heldHere = new Set<string>();

/** Name of the advisory lock file in a run directory. */
export const LOCK_FILE = 'ledger.lock';

/**
 * Start of a takeover claim's name, `ledger.lock.claim.<pid>.<random>`: a process about to
 * remove a stale lock announces it so (see {@link removeStaleLock}).
 */
const CLAIM_PREFIX = `${LOCK_FILE}.claim.`;

/** A lock's draft, `ledger.lock.<pid>.<random>` (see {@link acquireLock}). */
const DRAFT_NAME = /^ledger\.lock\.\d+\.[0-9a-z]+$/;

/** Attempts at the lock: each may meet a stale lock or another process taking one over. */
const ATTEMPTS = 8;

/** A held lock; `release` is idempotent. */
export interface HeldLock {
  /** Absolute path of the lock file. */
  file: string;
  /** Removes the lock file if it is still ours. */
  release(): void;
}

/** What a lock file holds. `boot_id` and `pid_ns` are absent in locks of older versions and where the system has no such thing. */
interface LockOwner {
  pid: number;
  host: string;
  since: string;
  /** `/proc/sys/kernel/random/boot_id`: changes at every boot of the machine. */
  boot_id?: string;
  /** The target of `/proc/self/ns/pid` (`pid:[4026531836]`): whose pids `pid` counts in. */
  pid_ns?: string;
  /** When the holder started ({@link processStart}): a live process of `pid` that started otherwise is another. */
  start?: string;
  /** The target of `/proc/self/ns/time`: `start` is comparable only read in the same one. */
  time_ns?: string;
}

/**
 * Takes the run's writer lock: creates `ledger.lock` exclusively with the holder's pid,
 * host, and (where the system has them, as Linux does) its boot id and PID namespace. A
 * lock is taken over only when it is provably stale:
 * - same host and another boot id: the machine rebooted since, so its writer is gone;
 * - same host, same boot, same PID namespace, and no process has its pid any more (a
 *   crash, SIGKILL);
 * - same host, boot, PID namespace and time namespace, and the process with its pid
 *   started at another time than the lock records: the holder died and its pid was
 *   reused by another process;
 * - a lock without a PID namespace (written by a version that did not record one, or on
 *   a system without namespaces): same host and no process with its pid, as before.
 *
 * A lock without a start time (an older version's, or from a system without `/proc`) is
 * judged by its pid alone.
 *
 * Anything else is held ({@link LedgerLockedError}): a live holder; another host (cannot
 * be checked); another PID namespace, e.g. a second container with the same host name
 * sharing the volume, whose pids mean nothing here. Delete a lock known to be stale by
 * hand. Advisory: it keeps @pm writers apart, not other programs. Of several processes
 * that find the same stale lock, one takes it over (see {@link removeStaleLock}).
 *
 * @throws LedgerWriteFailedError when the lock cannot be written (a full disk, a
 *   folder the process may not write), saying what to do.
 */
export function acquireLock(runDir: string): HeldLock {
  const file = join(runDir, LOCK_FILE);
  const me: LockOwner = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    ...processSpace(),
  };
  const content = `${JSON.stringify(me)}\n`;
  // The lock appears complete or not at all: written under a private name, then hard-linked
  // into place (link(2) fails with EEXIST atomically). A crash can never leave it half-written.
  const draft = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  try {
    // Inside the try: a write that fails (a full disk) has created the draft already.
    writeDraft(draft, content);
    return takeLock(file, draft, content, me);
  } catch (error) {
    if (error instanceof LedgerLockedError) throw error;
    throw writeFailure(`openLedger: cannot write the lock file ${file}`, error);
  } finally {
    unlinkQuietly(draft);
  }
}

/**
 * Writes the lock's content under its private name, fsynced before it is linked into
 * place: otherwise a power loss can keep the name and lose the content (delayed
 * allocation), and an empty lock names no holder, so it could never be judged stale.
 */
function writeDraft(draft: string, content: string): void {
  const fd = openSync(draft, 'wx');
  try {
    writeFileSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function takeLock(file: string, draft: string, content: string, me: LockOwner): HeldLock {
  /** A live claim that kept this process from removing a stale lock, if the last did. */
  let blockedBy: { claim: string; owner: LockOwner | null } | null = null;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    try {
      linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const raw = readLock(file);
      const owner = parseOwner(raw);
      if (raw !== null && owner !== null && isStale(owner, me)) {
        // Stale: its writer is gone.
        blockedBy = removeStaleLock(file, draft, raw, me);
        if (blockedBy !== null) pause(1 + Math.random() * 4 * (attempt + 1));
        continue;
      }
      if (raw === null) continue; // vanished between open and read: try again
      throw new LedgerLockedError(file, owner?.pid ?? null, owner?.host ?? null, heldHere.has(raw));
    }
    let released = false;
    heldHere.add(content);
    return {
      file,
      release() {
        if (released) return;
        released = true;
        heldHere.delete(content);
        if (readLock(file) === content) unlinkQuietly(file);
      },
    };
  }
  if (blockedBy !== null) {
    const { claim, owner } = blockedBy;
    throw new LedgerLockedError(claim, owner?.pid ?? null, owner?.host ?? null, {
      takingOver: file,
    });
  }
  const owner = parseOwner(readLock(file));
  throw new LedgerLockedError(file, owner?.pid ?? null, owner?.host ?? null);
}

/**
 * Removes the stale lock `raw` at `file`, unless another process is removing it too.
 * Reading the lock and removing it are two steps: two processes that both read the same
 * stale lock could each remove it, the second removing the first's fresh lock, and both
 * write. So a process first announces its removal with a claim (its draft, hard-linked as
 * `ledger.lock.claim.<pid>.<random>`: complete or absent), then looks for claims of others;
 * of two that claim, whichever looks later sees the other's claim (it was made before), so
 * at most one sees none. That one removes the lock if it still holds `raw`; the others
 * back off and try again, to find its fresh lock (held) or, if it backed off too, the stale
 * one. A claim whose process is provably gone (judged like a lock) is a crash's leftover:
 * ignored and removed; any other (another host's, unreadable) is taken as live. Lock
 * drafts of processes that are gone are removed on the way (the listing is made anyway).
 *
 * @returns null when this process removed the lock or found it changed; otherwise the
 *   other live claim (this process backs off).
 */
function removeStaleLock(
  file: string,
  draft: string,
  raw: string,
  me: LockOwner,
): { claim: string; owner: LockOwner | null } | null {
  const runDir = dirname(file);
  const claimName = `${CLAIM_PREFIX}${basename(draft).slice(LOCK_FILE.length + 1)}`;
  const claim = join(runDir, claimName);
  linkSync(draft, claim);
  try {
    for (const name of readdirSync(runDir)) {
      if (DRAFT_NAME.test(name)) {
        removeDeadDraft(join(runDir, name), me);
        continue;
      }
      if (!name.startsWith(CLAIM_PREFIX) || name === claimName) continue;
      const other = join(runDir, name);
      const owner = parseOwner(readLock(other));
      if (owner !== null && isStale(owner, me)) {
        unlinkQuietly(other); // its process is gone: it will never act on it
        continue;
      }
      if (readLock(other) === null) continue; // removed meanwhile: that process is done
      return { claim: other, owner };
    }
    // The only claimant: nobody else removes a lock now, and a writer only creates one
    // where none is, so what is read here is still there when it is removed.
    if (readLock(file) === raw) unlinkQuietly(file);
    return null;
  } finally {
    unlinkQuietly(claim);
  }
}

/**
 * Removes a lock draft its process left when it was killed (SIGKILL while taking the
 * lock): nothing else ever would. Judged like a lock by the holder it names; one that
 * names nobody (it died writing it) or a live process is left alone.
 */
function removeDeadDraft(draft: string, me: LockOwner): void {
  const owner = parseOwner(readLock(draft));
  if (owner !== null && isStale(owner, me)) unlinkQuietly(draft);
}

/** Blocks this thread for `ms` (the lock is taken synchronously; this wait is rare and short). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** See {@link acquireLock} for what "provably stale" means. */
function isStale(owner: LockOwner, me: LockOwner): boolean {
  if (owner.host !== me.host) return false;
  if (owner.boot_id !== undefined && me.boot_id !== undefined && owner.boot_id !== me.boot_id) {
    return true; // rebooted since: nothing of that boot still runs
  }
  // A lock without a namespace was written by an older version (or where there are no
  // namespaces): judged by its pid, as that version judged it.
  if (owner.pid_ns === undefined) return !isAlive(owner.pid);
  if (owner.pid_ns !== me.pid_ns) return false; // another namespace: its pid means nothing here
  if (owner.boot_id !== me.boot_id) return false; // one side cannot say which boot
  if (!isAlive(owner.pid)) return true;
  return isReused(owner, me);
}

/**
 * Whether the live process with the lock's pid is another than the one that wrote it
 * (the holder died and its pid was reused). Only when both start times are known and
 * read in the same time namespace; otherwise the live pid counts as the holder.
 */
function isReused(owner: LockOwner, me: LockOwner): boolean {
  if (owner.start === undefined || owner.time_ns !== me.time_ns) return false;
  const start = processStart(owner.pid);
  return start !== undefined && start !== owner.start;
}

/** This process's boot id, namespaces and start time, where the system exposes them (Linux). */
function processSpace(): Pick<LockOwner, 'boot_id' | 'pid_ns' | 'start' | 'time_ns'> {
  const out: Pick<LockOwner, 'boot_id' | 'pid_ns' | 'start' | 'time_ns'> = {};
  try {
    const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    if (bootId !== '') out.boot_id = bootId;
  } catch {
    // No /proc (macOS, Windows) or not readable: the lock says nothing about the boot.
  }
  try {
    out.pid_ns = readlinkSync('/proc/self/ns/pid');
  } catch {
    // No PID namespaces here.
  }
  const start = processStart(process.pid);
  if (start !== undefined) out.start = start;
  try {
    out.time_ns = readlinkSync('/proc/self/ns/time');
  } catch {
    // No time namespaces (kernels before 5.6): start times are read alike everywhere.
  }
  return out;
}

function readLock(file: string): string | null {
  try {
    // Never blocks: a FIFO put in the lock's place reads as an unknown holder.
    return readRegularFileSync(file).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTREG') return '';
    return null;
  }
}

/** The holder a lock file names (any version's: the namespace members are optional). */
function parseOwner(raw: string | null): LockOwner | null {
  if (raw === null) return null;
  try {
    const owner = JSON.parse(raw) as Partial<LockOwner>;
    if (typeof owner.pid !== 'number' || typeof owner.host !== 'string') return null;
    const parsed: LockOwner = { pid: owner.pid, host: owner.host, since: String(owner.since) };
    if (typeof owner.boot_id === 'string') parsed.boot_id = owner.boot_id;
    if (typeof owner.pid_ns === 'string') parsed.pid_ns = owner.pid_ns;
    if (typeof owner.start === 'string') parsed.start = owner.start;
    if (typeof owner.time_ns === 'string') parsed.time_ns = owner.time_ns;
    return parsed;
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

import { closeSync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Makes a directory's entries durable (a file just created or renamed into it). Without
 * this, a power loss can forget a file whose own contents were fsynced.
 */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch (error) {
    // Some platforms (Windows) cannot open or fsync a directory; their rename is durable enough.
    if ((error as NodeJS.ErrnoException).code !== 'EISDIR' && process.platform !== 'win32') {
      throw error;
    }
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Makes the folders `mkdirSync(last, { recursive: true })` created durable. A folder's
 * entry lives in its parent, so each parent from `first`'s (the first folder created, as
 * that call returns it; undefined when none was) down to `last`'s is fsynced: without
 * that, a power loss can forget a new folder, and every file fsynced inside it.
 */
export function fsyncNewFolders(first: string | undefined, last: string): void {
  if (first === undefined) return;
  const top = dirname(first);
  for (let dir = dirname(last); ; dir = dirname(dir)) {
    try {
      fsyncDir(dir);
    } catch (error) {
      // A parent this process may write but not read (mode -wx) cannot be opened to fsync:
      // best effort there, rather than refusing a run it can write.
      if ((error as NodeJS.ErrnoException).code !== 'EACCES') throw error;
    }
    if (dir === top || dir === dirname(dir)) return;
  }
}

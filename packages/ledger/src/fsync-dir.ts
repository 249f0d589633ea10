import { closeSync, fsyncSync, openSync } from 'node:fs';

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

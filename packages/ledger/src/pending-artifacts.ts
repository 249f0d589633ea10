import { closeSync, fsyncSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { fsyncDir } from './fsync-dir.js';
import { describe, NotRegularFileError, openRegularSync, READ_NO_WAIT } from './regular-file.js';

/**
 * Artifacts written without fsync (`batch`, `none`), made durable before the ledger's next
 * flush, so no record the flush makes durable names an artifact that is not. With `batch`
 * each one's fsync starts in the background as soon as it is stored; the flush then waits
 * on nothing and fsyncs on the calling thread only those whose background fsync has not
 * finished (and the folder once). Without that head start a flush fsynced every artifact
 * of its window in a row and stalled the event loop for tens of milliseconds. `none`
 * defers all of it to `flush()`/`close()`, like its records.
 */
export class PendingArtifacts {
  /** Stored since the last flush, not yet known durable. */
  private readonly pending = new Set<string>();
  /** Whether an artifact was renamed into the folder since its last fsync. */
  private folderDirty = false;

  constructor(private readonly dir: string) {}

  /** Artifacts not yet known durable. */
  get waiting(): number {
    return this.pending.size;
  }

  /**
   * An artifact stored at `path` (renamed into the folder) without fsync; `inBackground`
   * starts its fsync in the threadpool now.
   */
  add(path: string, inBackground: boolean): void {
    this.pending.add(path);
    this.folderDirty = true;
    if (!inBackground) return;
    fsyncInBackground(path).then(
      () => this.pending.delete(path),
      // Left pending: the next flush fsyncs it here and reports what fails.
      () => {},
    );
  }

  /**
   * fsyncs every artifact still pending, then the folder.
   *
   * @throws NotRegularFileError when something else (a FIFO, a link) was put in an
   *   artifact's place since it was stored: opened as it is, it would not be checked, or
   *   a FIFO would block this thread for good.
   */
  flush(): void {
    for (const path of this.pending) {
      const fd = openRegularSync(path);
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      this.pending.delete(path);
    }
    if (this.folderDirty) {
      fsyncDir(this.dir);
      this.folderDirty = false;
    }
  }
}

async function fsyncInBackground(path: string): Promise<void> {
  // Not 'r': a FIFO swapped in would hold a threadpool thread until a writer came.
  const handle = await open(path, READ_NO_WAIT);
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new NotRegularFileError(path, describe(stat));
    await handle.sync();
  } finally {
    await handle.close();
  }
}

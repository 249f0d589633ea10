import { closeSync, fsyncSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { fsyncDir } from './fsync-dir.js';
import { describe, NotRegularFileError, openRegularSync, READ_NO_WAIT } from './regular-file.js';

/**
 * Artifacts written without fsync (`batch`, `none`), made durable before the ledger's next
 * flush, so no record the flush makes durable names an artifact that is not. With `batch`
 * each one is queued for an fsync in the background as soon as it is stored; the flush
 * then waits on nothing and fsyncs on the calling thread only those whose background fsync
 * has not finished (and the folder once). Without that head start a flush fsynced every
 * artifact of its window in a row and stalled the event loop for tens of milliseconds.
 * `none` defers all of it to `flush()`/`close()`, like its records.
 *
 * The background fsyncs run one at a time, each artifact's after the last one's. Started
 * all at once (two per offline call), they kept the threadpool busy with fsyncs that each
 * forced a journal commit of their own, while the calling thread's next `open` of a temp
 * file waited on those commits: 872-1,228 offline calls/s against 1,156-1,635 one at a
 * time, where the first fsync of a queue commits what the rest then find committed
 * (decision 0008).
 */
export class PendingArtifacts {
  /** Stored since the last flush, not yet known durable. */
  private readonly pending = new Set<string>();
  /** Waiting for their background fsync, in the order stored. */
  private queued: string[] = [];
  /** Whether the background fsyncs are running (one loop at a time). */
  private syncing = false;
  /** Whether an artifact was renamed into the folder since its last fsync. */
  private folderDirty = false;

  /**
   * @param syncInBackground fsyncs one stored artifact off the calling thread (tests
   *   replace it to watch the order).
   */
  constructor(
    private readonly dir: string,
    private readonly syncInBackground: (path: string) => Promise<void> = fsyncInBackground,
  ) {}

  /** Artifacts not yet known durable. */
  get waiting(): number {
    return this.pending.size;
  }

  /**
   * An artifact stored at `path` (renamed into the folder) without fsync; `inBackground`
   * queues its fsync in the threadpool, started now unless others are ahead of it.
   */
  add(path: string, inBackground: boolean): void {
    this.pending.add(path);
    this.folderDirty = true;
    if (!inBackground) return;
    this.queued.push(path);
    if (!this.syncing) void this.syncQueued();
  }

  /** fsyncs the queued artifacts in the background, one at a time, until none is left. */
  private async syncQueued(): Promise<void> {
    this.syncing = true;
    try {
      while (this.queued.length > 0) {
        const paths = this.queued;
        this.queued = [];
        for (const path of paths) {
          // A flush made it durable meanwhile.
          if (!this.pending.has(path)) continue;
          try {
            await this.syncInBackground(path);
            this.pending.delete(path);
          } catch {
            // Left pending: the next flush fsyncs it here and reports what fails.
          }
        }
      }
    } finally {
      this.syncing = false;
    }
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

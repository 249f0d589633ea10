import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ArtifactFindings, ArtifactItem } from './artifact-file-check.js';
import { helperScript } from './helper-script.js';

/**
 * Files the artifact store must hold for verification to start an artifact helper thread:
 * a run with more stores about one per record, and then checking them costs more than the
 * lines; with fewer, they are checked before a helper would be ready.
 */
export const ARTIFACT_HELPER_FROM = 12_000;

/**
 * Whether verification may start an artifact helper thread: helper threads allowed
 * (`workers` is not 0) and a spare CPU.
 */
export function artifactHelperAllowed(workers: number | undefined): boolean {
  return workers !== 0 && availableParallelism() > 1;
}

/** Batches the helper holds at once: one being checked, one waiting, so it never idles. */
const MAX_BATCHES = 2;

/**
 * A helper thread that checks artifacts (read, hash, secret scan) while the calling thread
 * checks lines: a run stores about one artifact per record, and on a VM each costs more in
 * system calls than its record costs to check. Batches are answered in the order sent. When
 * the thread fails, every batch it still holds goes back to the caller (`onFailed`), which
 * checks them itself; the helper takes no more.
 */
export class ArtifactHelper {
  /** Batches the helper has answered so far. */
  batchesAnswered = 0;
  /** Settles true once the helper can take batches, false if it failed first. */
  readonly started: Promise<boolean>;
  private setStarted: (ready: boolean) => void = () => {};
  private ready = false;
  private failed = false;
  private readonly held: ArtifactItem[][] = [];
  private wake: (() => void) | null = null;

  private constructor(
    private readonly worker: Worker,
    onFindings: (findings: ArtifactFindings) => void,
    onFailed: (unanswered: ArtifactItem[][]) => void,
  ) {
    this.started = new Promise((resolve) => {
      this.setStarted = resolve;
    });
    worker.on('message', (message: ArtifactFindings | 'ready') => {
      if (message === 'ready') {
        this.ready = true;
        this.setStarted(true);
      } else {
        this.batchesAnswered++;
        this.held.shift();
        if (this.held.length === 0) worker.unref();
        onFindings(message);
      }
      this.notify();
    });
    const fail = () => {
      if (this.failed) return;
      this.failed = true;
      this.setStarted(false);
      onFailed(this.held.splice(0));
      this.notify();
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    // A helper keeps the host process alive only while it holds work someone waits for.
    worker.unref();
  }

  /**
   * Starts a helper for the artifacts of `runDir`, or returns null when this build ships no
   * helper script or the thread cannot be made (the caller then checks them all itself). It
   * takes batches once it has started: nobody waits for it.
   */
  static start(
    runDir: string,
    scanSecrets: boolean,
    onFindings: (findings: ArtifactFindings) => void,
    onFailed: (unanswered: ArtifactItem[][]) => void,
  ): ArtifactHelper | null {
    const script = helperScript('artifact-worker');
    if (script === null) return null;
    let worker: Worker;
    try {
      worker = new Worker(script.code, { eval: script.eval, workerData: { runDir, scanSecrets } });
    } catch {
      return null;
    }
    return new ArtifactHelper(worker, onFindings, onFailed);
  }

  /** True when the helper can take a batch now. */
  get hasRoom(): boolean {
    return this.ready && !this.failed && this.held.length < MAX_BATCHES;
  }

  /** Batches sent and not yet answered. */
  get holding(): number {
    return this.held.length;
  }

  /** Hands the helper a batch (check {@link hasRoom} first). */
  send(batch: ArtifactItem[]): void {
    if (this.held.length === 0) this.worker.ref();
    this.held.push(batch);
    this.worker.postMessage(batch);
  }

  /** Settles at the helper's next answer, or when it fails. */
  nextAnswer(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  /** Stops the helper thread. */
  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

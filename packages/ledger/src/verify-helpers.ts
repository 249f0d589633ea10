import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { InvalidLedgerArgumentError } from './errors/invalid-ledger-argument-error.js';
import { helperScript } from './helper-script.js';
import type { LineBatch } from './line-batch.js';
import type { BatchChecks, BatchResult } from './verify-batch.js';

/**
 * Smallest ledger worth starting helper threads for. A helper takes ~0.1 s to start and
 * warms its own JIT: in a fresh process (as `pm-ledger verify` runs) one helper broke even
 * from 64 to ~130 MB and gained 8-30% from 150 to 300 MB (decision 0008).
 */
const HELPERS_FROM_BYTES = 128 * 1024 * 1024;
/** Most helpers started by default. */
const MAX_DEFAULT_HELPERS = 3;
/** Batches a helper may hold at once: one being checked, one waiting, so it never idles. */
const MAX_JOBS_PER_HELPER = 2;

interface Job {
  resolve(result: BatchResult): void;
  reject(error: Error): void;
}

/** One helper thread and the batches it holds, answered in the order sent. */
interface Helper {
  worker: Worker;
  ready: boolean;
  failed: boolean;
  jobs: Job[];
}

/**
 * Helper threads for a large verification: the calling thread hands them batches of
 * lines while it checks others itself, and links every batch's verdicts in file order. A
 * helper takes batches once it has started (nobody waits for it) and while it holds fewer
 * than two. A helper that fails rejects what it holds (the caller checks those batches
 * itself) and takes no more.
 */
export class VerifyHelpers {
  /** Batches helpers have checked (and answered) so far. */
  batchesChecked = 0;

  private constructor(private readonly helpers: Helper[]) {}

  /**
   * The helpers for verifying `file`: `workers` of them, at most one per spare CPU (one
   * on a single CPU), or by default one per spare CPU (at most 3) for a ledger of
   * 128 MiB or more, and none below (null).
   */
  static forLedger(
    file: string,
    workers: number | undefined,
    checks: BatchChecks,
  ): VerifyHelpers | null {
    if (workers !== undefined && (!Number.isInteger(workers) || workers < 0)) {
      throw new InvalidLedgerArgumentError(
        'verifyLedger: workers must be a whole number >= 0 (0 checks everything on the calling thread).',
      );
    }
    const spareCpus = availableParallelism() - 1;
    // Asked for: capped, since a helper beyond the spare CPUs only competes for them while
    // costing a thread and heap of its own (999 helpers took 5 GB and 34 s for 8 lines).
    const count =
      workers !== undefined
        ? Math.min(workers, Math.max(spareCpus, 1))
        : statSync(file).size >= HELPERS_FROM_BYTES
          ? Math.min(spareCpus, MAX_DEFAULT_HELPERS)
          : 0;
    return count > 0 ? VerifyHelpers.start(count, checks) : null;
  }

  /**
   * Starts `count` helpers (fewer when no more threads can be made), or returns null when
   * this build ships no helper script or none can be made (the caller then checks
   * everything itself).
   */
  static start(count: number, checks: BatchChecks): VerifyHelpers | null {
    const script = helperScript('verify-worker');
    if (script === null) return null;
    const helpers: Helper[] = [];
    for (let i = 0; i < count; i++) {
      let worker: Worker;
      try {
        worker = new Worker(script.code, { eval: script.eval, workerData: checks });
      } catch {
        // No more threads to be had (a thread or resource limit): the rest is checked here.
        break;
      }
      // A helper must never keep the host process alive.
      worker.unref();
      const helper: Helper = { worker, ready: false, failed: false, jobs: [] };
      worker.on('message', (message: BatchResult | 'ready') => {
        if (message === 'ready') helper.ready = true;
        else helper.jobs.shift()?.resolve(message);
      });
      const fail = (error: Error) => {
        helper.failed = true;
        for (const job of helper.jobs.splice(0)) job.reject(error);
      };
      worker.on('error', fail);
      worker.on('exit', () => fail(new Error('the verification helper exited')));
      helpers.push(helper);
    }
    return helpers.length > 0 ? new VerifyHelpers(helpers) : null;
  }

  /** Helper threads started. */
  get threads(): number {
    return this.helpers.length;
  }

  /** True when a started helper can take a batch now. */
  hasRoom(): boolean {
    return this.withRoom() !== undefined;
  }

  /** Hands a copy of `batch` to a helper with room (call {@link hasRoom} first). */
  run(batch: LineBatch): Promise<BatchResult> {
    const helper = this.withRoom();
    if (helper === undefined) return Promise.reject(new Error('no verification helper has room'));
    return new Promise((resolve, reject) => {
      helper.jobs.push({
        resolve: (result) => {
          this.batchesChecked++;
          resolve(result);
        },
        reject,
      });
      helper.worker.postMessage(batch);
    });
  }

  private withRoom(): Helper | undefined {
    return this.helpers.find((h) => h.ready && !h.failed && h.jobs.length < MAX_JOBS_PER_HELPER);
  }

  /** Stops every helper. */
  async close(): Promise<void> {
    await Promise.all(this.helpers.map((h) => h.worker.terminate()));
  }
}

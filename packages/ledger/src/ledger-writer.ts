import { closeSync } from 'node:fs';
import type { LedgerRecordType, LedgerRecordV1 } from '@pm/envelope-schemas';
import { APPENDABLE, type AppendInput, type AppendOptions, INPUT_MEMBERS } from './append-input.js';
import { type ArtifactRef, artifactDir, readArtifact } from './artifact-store.js';
import type { CompiledSigner } from './checkpoint-signer.js';
import { type DurabilityMode, type DurabilityOption, SyncPolicy } from './durability.js';
import { errnoCode } from './errno-code.js';
import { InvalidLedgerArgumentError } from './errors/invalid-ledger-argument-error.js';
import { LedgerClosedError, RUN_ENDED_NEXT } from './errors/ledger-closed-error.js';
import { checkKnownOptions } from './known-options.js';
import type { HeldLock } from './lock-file.js';
import { PendingArtifacts } from './pending-artifacts.js';
import { type HeldLine, RecordBuilder } from './record-builder.js';
import { NotRegularFileError } from './regular-file.js';
import { RunArtifacts } from './run-artifacts.js';
import type { RunSummary } from './run-summary.js';
import { writeAllText } from './write-all.js';
import { writeAdvice } from './write-failure.js';

/** Options of {@link Ledger.putArtifact}. */
export interface PutArtifactOptions {
  /** The content's media type, e.g. `text/plain` (informative; all content is scanned). */
  mediaType?: string;
}

/** What `openLedger` found and opened, handed to the writer it makes. */
export interface LedgerInit {
  runId: string;
  runDir: string;
  file: string;
  fd: number;
  lock: HeldLock;
  durability: DurabilityOption | undefined;
  signer: CompiledSigner | null;
  summary: RunSummary;
  nextSeq: number;
  head: string;
  size: number;
  dropped: { bytes: number; sha256: string } | null;
  /** `fd` was opened with O_DSYNC: each write is durable when it returns. */
  writesAreDurable: boolean;
}

/**
 * The record-writing half of a run's writer: appends, artifacts, durability and letting go
 * of the run. Internal: {@link Ledger} holds one, exposes its public part, and adds
 * checkpoints and the two ways to stop (`close`, `detach`) on top of the members below
 * that it alone uses (`build`/`commit` write a line as given, without the input checks).
 */
export class LedgerWriter {
  /** The run. */
  readonly runId: string;
  /** The run directory (absolute). */
  readonly runDir: string;
  /** Path of `ledger.jsonl`. */
  readonly file: string;
  private readonly fd: number;
  private readonly lock: HeldLock;
  private readonly sync: SyncPolicy;
  /** The run's figures so far (`close()` writes them in `run_end`). */
  readonly summary: RunSummary;
  private readonly pendingArtifacts: PendingArtifacts;
  private readonly artifacts: RunArtifacts;
  private readonly builder: RecordBuilder;
  private nextSeq: number;
  private lastHash: string;
  private bytes: number;
  /** `closing`: `close()` or `detach()` runs (and may wait for a signature): no more records. */
  private state: 'open' | 'closing' | 'closed' | 'failed' = 'open';
  /** `close()` wrote `run_end`: the run is over, not only this writer. */
  private ended = false;
  /** Aborted when the writer lets go of the run: signatures still awaited are not waited for. */
  private readonly released = new AbortController();

  /** Not for callers: use {@link openLedger}. */
  constructor(init: LedgerInit) {
    this.runId = init.runId;
    this.runDir = init.runDir;
    this.file = init.file;
    this.fd = init.fd;
    this.lock = init.lock;
    this.summary = init.summary;
    this.nextSeq = init.nextSeq;
    this.lastHash = init.head;
    this.bytes = init.size;
    this.pendingArtifacts = new PendingArtifacts(artifactDir(this.runDir));
    // A failed fdatasync leaves durability unknown: stop taking records, free the run.
    this.sync = new SyncPolicy(init.fd, init.durability, () => this.shutdown('failed'), {
      beforeSync: () => this.pendingArtifacts.flush(),
      writesAreDurable: init.writesAreDurable,
    });
    this.artifacts = new RunArtifacts(this.runDir, this.pendingArtifacts, this.sync.mode);
    this.builder = new RecordBuilder(init.runId, this.artifacts);
    if (init.dropped !== null) {
      // The torn tail openLedger cut off is recorded (length and hash only), durably.
      const data = { dropped_bytes: init.dropped.bytes, dropped_sha256: init.dropped.sha256 };
      this.write('recovered', null, data, true);
    }
  }

  /** The durability mode in force. */
  get durability(): DurabilityMode {
    return this.sync.mode;
  }

  /** Records written so far (= the seq the next record gets). */
  get records(): number {
    return this.nextSeq;
  }

  /** Hash of the last record written (64 zeros before the first). */
  get head(): string {
    return this.lastHash;
  }

  /** Bytes of `ledger.jsonl` written so far. */
  get size(): number {
    return this.bytes;
  }

  /** See {@link Ledger.append}: the input is checked here, then built and written. */
  append(input: AppendInput, options?: AppendOptions): LedgerRecordV1 {
    if (typeof input !== 'object' || input === null || !APPENDABLE.has(input.type)) {
      throw new InvalidLedgerArgumentError(
        `append() takes { type, stage?, data } with type one of ${[...APPENDABLE].join(', ')} (run_end is written by close(), recovered by openLedger()).`,
      );
    }
    const member = Object.keys(input).find((key) => !INPUT_MEMBERS.includes(key));
    if (member !== undefined) {
      // A misspelt `stage` would file the record under the run, not its stage.
      throw new InvalidLedgerArgumentError(
        `append(): ${JSON.stringify(member.slice(0, 40))} is not a member of a record's input; append takes { type, stage?, data }.`,
        { details: { option: member.slice(0, 40) } },
      );
    }
    if (options !== undefined) checkKnownOptions(options, ['sync'], 'append()');
    const stage = input.stage ?? null;
    if (stage !== null && typeof stage !== 'string') {
      // Checked before anything reads it: the secret scan and the encoder take a string.
      throw new InvalidLedgerArgumentError(
        `append(): stage must be a string naming the pipeline stage (e.g. "draft-narrative"), or null/absent for a run-level record; got ${typeof stage}.`,
      );
    }
    return this.write(input.type, stage, input.data, options?.sync === true);
  }

  /** See {@link Ledger.flush}. */
  flush(): void {
    this.assertOpen();
    this.syncOrClose(() => this.sync.syncNow());
  }

  /** See {@link Ledger.putArtifact}. */
  async putArtifact(
    content: string | Uint8Array,
    options?: PutArtifactOptions,
  ): Promise<ArtifactRef> {
    this.assertOpen();
    checkKnownOptions(options, ['mediaType'], 'putArtifact');
    if (options?.mediaType !== undefined && typeof options.mediaType !== 'string') {
      throw new InvalidLedgerArgumentError(
        'putArtifact: mediaType must be a string such as "text/plain".',
      );
    }
    return this.artifacts.store(content);
  }

  /** See {@link Ledger.readArtifact}. */
  readArtifact(ref: string): Promise<Buffer> {
    return readArtifact(this.runDir, ref);
  }

  /** Writes a record of any type (the ledger's own `run_end`/`recovered` too). */
  private write(
    type: LedgerRecordType,
    stage: string | null,
    data: unknown,
    force: boolean,
  ): LedgerRecordV1 {
    return this.commit(this.build(type, stage, data), force);
  }

  /**
   * Builds and checks the next record's line without writing it: the caller writes it with
   * {@link commit} (`close()` signs its checkpoint in between).
   */
  build(type: LedgerRecordType, stage: string | null, data: unknown): HeldLine {
    this.assertOpen();
    const held = this.builder.build(type, stage, data, this);
    const figure = this.summary.figurePastRange(held.record);
    if (figure !== null) {
      throw new InvalidLedgerArgumentError(
        `append: this ${type} record would take the run's ${figure} past ${figure === 'cost_usd' ? 'any finite number' : `${Number.MAX_SAFE_INTEGER} (2^53 - 1)`}, which its run_end record could not hold, and the run could never be closed. Nothing was written: check the counts and costs passed (per call, not running totals).`,
      );
    }
    return held;
  }

  /** Writes a line built by {@link build} as the ledger's next record, and syncs as due. */
  commit(held: HeldLine, force: boolean): LedgerRecordV1 {
    const { record, line, size, seq, hash } = held;
    try {
      writeAllText(this.fd, line, size);
    } catch (error) {
      // A failed write may have left part of a line: stop here; reopening recovers it.
      this.shutdown('failed');
      const code = errnoCode(error);
      // Said before "open it again": reopened on a full disk it fails the same way.
      const advice = writeAdvice(code);
      throw new LedgerClosedError(
        this.runDir,
        `could not be written (${code}) and was closed`,
        `${advice[0]!.toUpperCase()}${advice.slice(1)}, then open it again with openLedger() to continue the run.`,
      );
    }
    this.nextSeq = seq + 1;
    this.lastHash = hash;
    this.bytes += size;
    this.summary.add(record);
    this.syncOrClose(() => this.sync.afterWrite(force));
    return record;
  }

  /** Runs a sync step; a failure (already closed the ledger) surfaces as LedgerClosedError. */
  private syncOrClose(step: () => void): void {
    try {
      step();
    } catch (error) {
      const why =
        error instanceof NotRegularFileError
          ? `an artifact it stored was replaced: ${error.message}`
          : `fdatasync: ${errnoCode(error)}`;
      throw new LedgerClosedError(this.runDir, `could not be made durable (${why}) and was closed`);
    }
  }

  /** Throws LedgerClosedError, saying why and what to do, unless the writer takes records. */
  assertOpen(): void {
    if (this.state === 'open') return;
    if (this.ended) throw new LedgerClosedError(this.runDir, 'was closed', RUN_ENDED_NEXT);
    if (this.state === 'closing') {
      throw new LedgerClosedError(
        this.runDir,
        'is being closed (close() or detach() was called and is waiting for its checkpoint signature)',
        'Append and sign before calling close() or detach(); after detach(), open it again with openLedger() to continue the run.',
      );
    }
    throw new LedgerClosedError(
      this.runDir,
      this.state === 'closed' ? 'was closed' : 'failed to write and was closed',
    );
  }

  /**
   * Throws when the writer let go of the run while a signature was awaited (a write or
   * sync failed and closed it): nothing may be written to a run it no longer holds.
   */
  assertHoldsRun(when: string): void {
    if (this.state === 'open' || this.state === 'closing') return;
    throw new LedgerClosedError(this.runDir, `failed to write and was closed ${when}`);
  }

  /** Aborted when the writer lets go of the run (given to signers still working). */
  get releasedSignal(): AbortSignal {
    return this.released.signal;
  }

  /** `close()` or `detach()` has begun: no more records, the lock is still held. */
  beginClosing(): void {
    this.state = 'closing';
  }

  /** `close()` wrote `run_end`: later calls are told the run is over. */
  markEnded(): void {
    this.ended = true;
  }

  /** Lets go of the run: syncs (when closing cleanly), closes the file, releases the lock. */
  shutdown(state: 'closed' | 'failed'): void {
    if (this.state === 'closed' || this.state === 'failed') return;
    this.state = state;
    // Signatures still awaited (the writer failed meanwhile) will write nothing: their
    // signers are told, and their timeouts no longer keep the process alive.
    this.released.abort(
      new LedgerClosedError(this.runDir, 'let go of the run while a signature was awaited'),
    );
    try {
      if (state === 'closed') this.sync.syncNow();
    } finally {
      this.sync.dispose();
      closeSync(this.fd);
      this.lock.release();
    }
  }
}

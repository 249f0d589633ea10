import type { LedgerRecordV1 } from '@pm/envelope-schemas';
import type { AppendInput, AppendOptions } from './append-input.js';
import type { ArtifactRef } from './artifact-store.js';
import {
  type CheckpointPayload,
  checkpointMessage,
  type LedgerCheckpointV1,
  signedCheckpoint,
  writeCheckpointFile,
} from './checkpoint.js';
import type { CompiledSigner } from './checkpoint-signer.js';
import type { DurabilityMode } from './durability.js';
import { InvalidLedgerArgumentError } from './errors/invalid-ledger-argument-error.js';
import { type LedgerInit, LedgerWriter, type PutArtifactOptions } from './ledger-writer.js';
import type { HeldLine } from './record-builder.js';
import type { RunEndData } from './run-summary.js';
import { AFTER_SIGN_FAILED, withAfterFailure } from './sign-failure.js';
import { writeFailure } from './write-failure.js';

/** What {@link Ledger.close} wrote. */
export interface CloseResult {
  /** The `run_end` record appended. */
  record: Extract<LedgerRecordV1, { type: 'run_end' }>;
  /** The run's figures (the record's data). */
  summary: RunEndData;
  /** The checkpoint signed, when the ledger has a signer. */
  checkpoint: LedgerCheckpointV1 | null;
}

/** Said when the writer let go of the run while `close()` awaited its signature. */
const CLOSE_RELEASED = 'while close() waited for its checkpoint signature; run_end was not written';

/**
 * The writer of one run's ledger. Get one from {@link openLedger}; one per run at a time
 * (an advisory lock keeps a second writer out).
 */
export class Ledger {
  /** Appends, artifacts and durability; this class adds checkpoints, `close` and `detach`. */
  private readonly writer: LedgerWriter;
  private readonly signer: CompiledSigner | null;
  /** `checkpointAsync()` calls not yet settled: `close()` and `detach()` wait for them. */
  private readonly signing = new Set<Promise<unknown>>();
  /** `size` of the checkpoint this writer last wrote: an older one never replaces it. */
  private checkpointSize = -1;
  private closing: Promise<CloseResult> | null = null;

  /** Not for callers: use {@link openLedger}. */
  constructor(init: LedgerInit) {
    this.writer = new LedgerWriter(init);
    this.signer = init.signer;
  }

  /** The run. */
  get runId(): string {
    return this.writer.runId;
  }

  /** The run directory (absolute). */
  get runDir(): string {
    return this.writer.runDir;
  }

  /** Path of `ledger.jsonl`. */
  get file(): string {
    return this.writer.file;
  }

  /** The durability mode in force. */
  get durability(): DurabilityMode {
    return this.writer.durability;
  }

  /** Records written so far (= the seq the next record gets). */
  get records(): number {
    return this.writer.records;
  }

  /** Hash of the last record written (64 zeros before the first). */
  get head(): string {
    return this.writer.head;
  }

  /** Bytes of `ledger.jsonl` written so far. */
  get size(): number {
    return this.writer.size;
  }

  /**
   * Appends one record: scrubs secrets, validates it against `LedgerRecordV1`, chains it
   * to the previous record, and writes it as one line with one `write(2)`. Returns once
   * the line is written (and, for `strict` or `{ sync: true }`, fdatasynced).
   *
   * @throws SchemaValidationError when the record does not validate (nothing is written).
   * @throws InvalidLedgerArgumentError when `type` is not appendable or `stage` is not a
   *   string (or null).
   * @throws ArtifactNotFoundError when `data` names an artifact the store does not hold, or
   *   holds damaged (a file at its address that does not hash to it): store it with
   *   `putArtifact` first.
   * @throws LedgerClosedError after `close()` or after a write failed.
   */
  append(input: AppendInput, options?: AppendOptions): LedgerRecordV1 {
    return this.writer.append(input, options);
  }

  /** Makes every record and artifact written so far durable now (fsync), whatever the mode. */
  flush(): void {
    this.writer.flush();
  }

  /**
   * Stores content in the run's content-addressed store and returns its address
   * `artifact://sha256:<hex>`. Secrets in it are replaced by `[SECRET:<kind>]` first (the
   * address is that of the bytes stored). Same content, same address, one copy. The
   * artifact is complete and in place when this resolves, and durable (fsynced) before
   * any record naming it is: at once with `strict`, with the next group commit with
   * `batch`, at `flush()`/`close()` with `none`.
   *
   * @throws LedgerWriteFailedError when the content cannot be written (a full disk, a
   *   folder the process may not write), saying what to do: nothing is stored, the ledger
   *   stays open.
   */
  putArtifact(content: string | Uint8Array, options?: PutArtifactOptions): Promise<ArtifactRef> {
    return this.writer.putArtifact(content, options);
  }

  /** Reads an artifact of this run back, checked against its address (for replay). */
  readArtifact(ref: string): Promise<Buffer> {
    return this.writer.readArtifact(ref);
  }

  /**
   * Signs a checkpoint of the ledger as it is now (after making it durable) and writes it
   * to `checkpoint.json`. Returns it, so the host can also keep it elsewhere. Needs a
   * synchronous signer (`{ privateKey }`, or a `sign` that returns the signature); with an
   * asynchronous one (a KMS client) use {@link Ledger.checkpointAsync}.
   *
   * @throws SignerUnavailableError when the signer throws: nothing is written and the
   *   ledger stays open.
   * @throws InvalidLedgerArgumentError when there is no signer, or it returns a Promise or
   *   no 64-byte signature (of `publicKey`'s key, when named): nothing is written and the
   *   ledger stays open.
   */
  checkpoint(): LedgerCheckpointV1 {
    this.writer.assertOpen();
    const signer = this.requireSigner();
    const payload = this.payloadNow();
    let signature: Uint8Array;
    try {
      signature = signer.signNow(checkpointMessage(payload));
    } catch (error) {
      throw withAfterFailure(error, AFTER_SIGN_FAILED.checkpoint);
    }
    const checkpoint = signedCheckpoint(payload, signature);
    this.storeCheckpoint(checkpoint);
    return checkpoint;
  }

  /**
   * Signs a checkpoint of the ledger as it is now, with a synchronous or an asynchronous
   * signer, and writes it to `checkpoint.json` once the signature is in and checked.
   * Appends may go on meanwhile: the checkpoint covers the records written when it was
   * called (its `seq`, `size` and `head` are taken together then, after making them
   * durable), not those appended while it waits. `close()` and `detach()` wait for it.
   * A checkpoint that covers less than one this writer wrote meanwhile (a later call that
   * settled first) is returned but does not replace that one in `checkpoint.json`.
   *
   * @throws SignerUnavailableError (rejects) when the signer throws, rejects or does not
   *   settle within its `timeoutMs`: nothing is written and the ledger stays open.
   * @throws InvalidLedgerArgumentError (rejects) when there is no signer, or it gives no
   *   64-byte signature (of `publicKey`'s key, when named): nothing is written and the
   *   ledger stays open.
   * @throws LedgerClosedError (rejects) when the ledger failed while the signature was
   *   awaited: nothing is written.
   */
  checkpointAsync(): Promise<LedgerCheckpointV1> {
    const done = this.checkpointAsyncOnce();
    this.signing.add(done);
    const forget = () => this.signing.delete(done);
    done.then(forget, forget);
    return done;
  }

  private async checkpointAsyncOnce(): Promise<LedgerCheckpointV1> {
    this.writer.assertOpen();
    const signer = this.requireSigner();
    // (size, head) are read together, before any await: the pair signed is one the ledger
    // really had, however many records are appended while the signer works.
    const payload = this.payloadNow();
    let signature: Uint8Array;
    const released = 'while its checkpoint was being signed; the checkpoint was not written';
    try {
      const pending = signer.sign(checkpointMessage(payload), this.writer.releasedSignal);
      signature = pending instanceof Uint8Array ? pending : await pending;
    } catch (error) {
      this.writer.assertHoldsRun(released); // the writer failing is the news, not the wait ending
      throw withAfterFailure(error, AFTER_SIGN_FAILED.checkpointAsync);
    }
    this.writer.assertHoldsRun(released);
    const checkpoint = signedCheckpoint(payload, signature);
    this.storeCheckpoint(checkpoint);
    return checkpoint;
  }

  /**
   * Ends the run: appends the `run_end` record with the run's figures, makes the ledger
   * durable, signs a checkpoint when there is a signer, and releases the lock. Calling it
   * again returns the same result. From the call on, the ledger takes no more records;
   * it waits for an asynchronous signer (up to its timeout) and for `checkpointAsync()`
   * calls still running.
   *
   * @throws SignerUnavailableError or InvalidLedgerArgumentError when the signer fails (as
   *   for {@link Ledger.checkpointAsync}): it signs before `run_end` is written, so nothing
   *   is written and the run is not ended (open it again to close it).
   */
  close(): Promise<CloseResult> {
    if (this.closing === null) this.closing = this.closeOnce();
    return this.closing;
  }

  private async closeOnce(): Promise<CloseResult> {
    const writer = this.writer;
    writer.assertOpen();
    try {
      const summary = writer.summary.toRunEnd(Date.now());
      // Built (its seq, hash and the ledger's size with it are known) but not written:
      // the checkpoint is signed first, so a signer that fails leaves nothing written and
      // the run not ended, to be closed again, instead of ended for good with no
      // checkpoint over it.
      const runEnd: HeldLine = writer.build('run_end', null, summary);
      // No record may come between: run_end's seq and prev are taken.
      writer.beginClosing();
      const signer = this.signer;
      let checkpoint = null as LedgerCheckpointV1 | null;
      if (signer !== null) {
        const payload = this.payloadAt(runEnd.seq, writer.size + runEnd.size, runEnd.hash);
        const pending = this.signAwaitingOthers(signer, payload, AFTER_SIGN_FAILED.close);
        // Awaited only when it is a Promise: with a synchronous signer close() ends the run
        // before it returns, as it always has.
        let signature: Uint8Array;
        try {
          signature = pending instanceof Uint8Array ? pending : await pending;
        } catch (error) {
          writer.assertHoldsRun(CLOSE_RELEASED);
          throw error;
        }
        checkpoint = signedCheckpoint(payload, signature);
      }
      writer.assertHoldsRun(CLOSE_RELEASED);
      const record = writer.commit(runEnd, true) as CloseResult['record'];
      writer.markEnded();
      // After the write's fsync: the checkpoint never covers bytes that are not durable.
      if (checkpoint !== null) this.storeCheckpoint(checkpoint);
      return { record, summary: record.data, checkpoint };
    } finally {
      writer.shutdown('closed');
    }
  }

  /**
   * Stops writing WITHOUT ending the run: makes the ledger durable, signs a checkpoint
   * when there is a signer (waiting for an asynchronous one, and for `checkpointAsync()`
   * calls still running), and releases the lock, so this or another process can
   * `openLedger` the run later and continue its chain. Use `close()` to end a run.
   */
  async detach(): Promise<{ checkpoint: LedgerCheckpointV1 | null }> {
    this.writer.assertOpen();
    try {
      const signer = this.signer;
      if (signer === null) return { checkpoint: null };
      const payload = this.payloadNow();
      this.writer.beginClosing();
      const pending = this.signAwaitingOthers(signer, payload, AFTER_SIGN_FAILED.detach);
      const signature = pending instanceof Uint8Array ? pending : await pending;
      this.writer.assertHoldsRun('while detach() waited for its checkpoint signature');
      const checkpoint = signedCheckpoint(payload, signature);
      this.storeCheckpoint(checkpoint);
      return { checkpoint };
    } finally {
      this.writer.shutdown('closed');
    }
  }

  /**
   * Signs `payload` for `close()`/`detach()`, once every `checkpointAsync()` still running
   * has settled too (they write their checkpoints while the lock is held). Synchronous,
   * without an await, when the signer is and none runs.
   */
  private signAwaitingOthers(
    signer: CompiledSigner,
    payload: CheckpointPayload,
    afterFailure: string,
  ): Uint8Array | Promise<Uint8Array> {
    let pending: Uint8Array | Promise<Uint8Array>;
    try {
      pending = signer.sign(checkpointMessage(payload), this.writer.releasedSignal);
    } catch (error) {
      if (this.signing.size === 0) throw withAfterFailure(error, afterFailure);
      // Failed at once, still after the others: released now, the run would drop their
      // checkpoints (they may not write to a run this writer no longer holds).
      pending = Promise.reject(error);
    }
    if (pending instanceof Uint8Array && this.signing.size === 0) return pending;
    // allSettled, not all: the others are waited for even when this signature fails, and
    // a rejection is always observed.
    return Promise.allSettled([pending, ...this.signing]).then(([own]) => {
      if (own!.status === 'fulfilled') return own!.value as Uint8Array;
      throw withAfterFailure(own!.reason, afterFailure);
    });
  }

  private requireSigner(): CompiledSigner {
    if (this.signer === null) {
      throw new InvalidLedgerArgumentError(
        'This ledger has no signer: pass openLedger({ signer: { privateKey } }) to sign checkpoints.',
      );
    }
    return this.signer;
  }

  /** The payload of a checkpoint of the ledger as it is now, made durable first. */
  private payloadNow(): CheckpointPayload {
    this.writer.flush();
    return this.payloadAt(this.records - 1, this.size, this.head);
  }

  /** The payload of a checkpoint of the ledger ending in record `seq` (hash `head`) at `size` bytes. */
  private payloadAt(seq: number, size: number, head: string): CheckpointPayload {
    return {
      v: 1,
      run_id: this.runId,
      seq,
      size,
      head,
      ts: new Date().toISOString(),
      alg: 'ed25519',
      ...(this.signer?.keyId === undefined ? {} : { key_id: this.signer.keyId }),
    };
  }

  /**
   * Writes a signed checkpoint to the run's `checkpoint.json`, unless this writer wrote one
   * covering more meanwhile (an asynchronous signer answered late): never a step back.
   */
  private storeCheckpoint(checkpoint: LedgerCheckpointV1): void {
    if (checkpoint.size < this.checkpointSize) return;
    try {
      writeCheckpointFile(this.runDir, checkpoint);
    } catch (error) {
      throw writeFailure(`cannot write the checkpoint of ${this.runDir}`, error);
    }
    this.checkpointSize = checkpoint.size;
  }
}

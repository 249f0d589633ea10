import { closeSync, constants, existsSync, mkdirSync, openSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  isLedgerRecordData,
  LEDGER_RECORD_TYPES,
  type LedgerRecordData,
  type LedgerRecordType,
  type LedgerRecordV1,
  RunId,
  StageName,
  safeParseLedgerRecord,
} from '@pm/envelope-schemas';
import { prepareArtifact } from './artifact-content.js';
import {
  ARTIFACT_REF_LENGTH,
  type ArtifactRef,
  artifactDir,
  artifactPath,
  artifactRefOf,
  fsyncStoredArtifact,
  parseArtifactRef,
  prepareArtifactStore,
  readArtifact,
  storeArtifactBytes,
  storedArtifactState,
} from './artifact-store.js';
import { canonicalJson } from './canonical-json.js';
import {
  type CheckpointPayload,
  checkpointMessage,
  type LedgerCheckpointV1,
  removeCheckpointLeftovers,
  signedCheckpoint,
  writeCheckpointFile,
} from './checkpoint.js';
import { type CompiledSigner, compileSigner, type LedgerSigner } from './checkpoint-signer.js';
import { CleanStringCache } from './clean-string-cache.js';
import {
  type DurabilityMode,
  type DurabilityOption,
  resolveDurability,
  SyncPolicy,
} from './durability.js';
import { errnoCode } from './errno-code.js';
import { ArtifactNotFoundError } from './errors/artifact-not-found-error.js';
import { InvalidLedgerArgumentError } from './errors/invalid-ledger-argument-error.js';
import { LedgerClosedError, RUN_ENDED_NEXT } from './errors/ledger-closed-error.js';
import { LedgerCorruptError } from './errors/ledger-corrupt-error.js';
import { SignerUnavailableError } from './errors/signer-unavailable-error.js';
import { CanonicalEncoder } from './fast-canonical.js';
import { fsyncDir, fsyncNewFolders } from './fsync-dir.js';
import { sha256Hex } from './hash-chain.js';
import { IsoClock } from './iso-clock.js';
import { ledgerFile } from './ledger-files.js';
import { MAX_LINE_BYTES } from './line-reader.js';
import { loadLedger } from './load-ledger.js';
import { acquireLock, type HeldLock } from './lock-file.js';
import { PendingArtifacts } from './pending-artifacts.js';
import { RecordEncoder, type ScrubbedEntry } from './record-line.js';
import { NotRegularFileError } from './regular-file.js';
import { RememberedValid } from './remembered-valid.js';
import type { RunEndData, RunSummary } from './run-summary.js';
import { type ScrubReport, scrubValue } from './scrub-secrets.js';
import { findSecretSpans } from './secret-spans.js';
import { writeAllText } from './write-all.js';
import { writeAdvice, writeFailure } from './write-failure.js';

/** Options of {@link openLedger}. */
export interface OpenLedgerOptions {
  /** The folder holding run directories; the ledger lives in `<dir>/<runId>/`. */
  dir: string;
  /** The run: a UUID or another id safe as a folder name (see `RunId`). */
  runId: string;
  /** How hard `append` works to survive power loss. Default `batch`; see {@link DurabilityMode}. */
  durability?: DurabilityOption;
  /**
   * Signs checkpoints (at `close()`, `detach()` and on `checkpoint()`/`checkpointAsync()`);
   * the key never lands on disk.
   */
  signer?: LedgerSigner;
}

/** Record types a caller appends; `run_end` and `recovered` are written by the ledger itself. */
export type AppendableRecordType = Exclude<LedgerRecordType, 'run_end' | 'recovered'>;

/**
 * One record to append, discriminated by `type` (a union over the appendable types, so
 * `data` is checked against the payload of the `type` given).
 */
export type AppendInput<T extends AppendableRecordType = AppendableRecordType> =
  T extends AppendableRecordType
    ? {
        /** The record type. */
        type: T;
        /** The pipeline stage, or null/absent for run-level records. */
        stage?: string | null;
        /**
         * The payload, as the record type's schema describes it. Secret wrappers become
         * `[REDACTED]`; secrets found in strings become `[SECRET:<kind>]`.
         */
        data: LedgerRecordData<T>;
      }
    : never;

/** Options of one append. */
export interface AppendOptions {
  /**
   * Make this record (and every one before it) durable before `append` returns, whatever
   * the ledger's durability: what the pipeline asks for a request record before egress.
   */
  sync?: boolean;
}

/** Options of {@link Ledger.putArtifact}. */
export interface PutArtifactOptions {
  /** The content's media type, e.g. `text/plain` (informative; all content is scanned). */
  mediaType?: string;
}

/** What {@link Ledger.close} wrote. */
export interface CloseResult {
  /** The `run_end` record appended. */
  record: Extract<LedgerRecordV1, { type: 'run_end' }>;
  /** The run's figures (the record's data). */
  summary: RunEndData;
  /** The checkpoint signed, when the ledger has a signer. */
  checkpoint: LedgerCheckpointV1 | null;
}

/** Flags of a ledger file opened for `strict`: appends that are durable when they return. */
const APPEND_DURABLY =
  constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_DSYNC ?? 0);

/** What became of the writer when its signer failed, by the call that signed. */
const AFTER_SIGN_FAILED = {
  close:
    'close() wrote nothing (no run_end) and released the run without ending it: open it again with openLedger() and a signer that works, then close() it.',
  detach:
    'detach() released the run without a new checkpoint: open it again with openLedger() and a signer that works to sign one.',
  checkpoint: 'The ledger stays open: call checkpoint() again once the signer works.',
  checkpointAsync: 'The ledger stays open: call checkpointAsync() again once the signer works.',
} as const;

/** Said when the writer let go of the run while `close()` awaited its signature. */
const CLOSE_RELEASED = 'while close() waited for its checkpoint signature; run_end was not written';

/** A record built and checked but not yet written (`close()` holds `run_end` while it signs). */
interface HeldLine {
  record: LedgerRecordV1;
  line: string;
  /** Bytes of `line`. */
  size: number;
  seq: number;
  hash: string;
}

/** Every record type but the two the ledger writes itself. */
const APPENDABLE = new Set<string>(
  LEDGER_RECORD_TYPES.filter((type) => type !== 'run_end' && type !== 'recovered'),
);

/**
 * The writer of one run's ledger. Get one from {@link openLedger}; one per run at a time
 * (an advisory lock keeps a second writer out).
 */
export class Ledger {
  /** The run. */
  readonly runId: string;
  /** The run directory (absolute). */
  readonly runDir: string;
  /** Path of `ledger.jsonl`. */
  readonly file: string;
  private readonly fd: number;
  private readonly lock: HeldLock;
  private readonly sync: SyncPolicy;
  private readonly signer: CompiledSigner | null;
  private readonly summary: RunSummary;
  /**
   * Artifacts this writer stored, or found stored and checked (hash) when a record first
   * named them, and made durable or queued to be: no second look, for `putArtifact` or
   * for records naming them.
   */
  private readonly storedArtifacts = new Set<string>();
  private readonly pendingArtifacts: PendingArtifacts;
  /** Reused by every append for the strings of its record (no per-call array). */
  private readonly strings: string[] = [];
  private readonly cleanStrings = new CleanStringCache();
  private readonly canonical = new CanonicalEncoder();
  private readonly encoder: RecordEncoder;
  private readonly validStages = new RememberedValid(StageName);
  private readonly clock = new IsoClock();
  private nextSeq: number;
  private lastHash: string;
  private bytes: number;
  /** `closing`: `close()` or `detach()` runs (and may wait for a signature): no more records. */
  private state: 'open' | 'closing' | 'closed' | 'failed' = 'open';
  /** `checkpointAsync()` calls not yet settled: `close()` and `detach()` wait for them. */
  private readonly signing = new Set<Promise<unknown>>();
  /** `size` of the checkpoint this writer last wrote: an older one never replaces it. */
  private checkpointSize = -1;
  /** `close()` wrote `run_end`: the run is over, not only this writer. */
  private ended = false;
  private closing: Promise<CloseResult> | null = null;
  /** Aborted when the writer lets go of the run: signatures still awaited are not waited for. */
  private readonly released = new AbortController();

  /** @internal Use {@link openLedger}. */
  constructor(init: {
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
  }) {
    this.runId = init.runId;
    this.encoder = new RecordEncoder(init.runId);
    this.runDir = init.runDir;
    this.file = init.file;
    this.fd = init.fd;
    this.lock = init.lock;
    this.signer = init.signer;
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
    if (typeof input !== 'object' || input === null || !APPENDABLE.has(input.type)) {
      throw new InvalidLedgerArgumentError(
        `append() takes { type, stage?, data } with type one of ${[...APPENDABLE].join(', ')} (run_end is written by close(), recovered by openLedger()).`,
      );
    }
    const stage = input.stage ?? null;
    if (stage !== null && typeof stage !== 'string') {
      // Checked before anything reads it: the secret scan and the encoder take a string.
      throw new InvalidLedgerArgumentError(
        `append(): stage must be a string naming the pipeline stage (e.g. "draft-narrative"), or null/absent for a run-level record; got ${typeof stage}.`,
      );
    }
    return this.write(input.type, stage, input.data, options?.sync === true);
  }

  /** Makes every record and artifact written so far durable now (fsync), whatever the mode. */
  flush(): void {
    this.assertOpen();
    this.syncOrClose(() => this.sync.syncNow());
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
  async putArtifact(
    content: string | Uint8Array,
    options?: PutArtifactOptions,
  ): Promise<ArtifactRef> {
    this.assertOpen();
    if (options?.mediaType !== undefined && typeof options.mediaType !== 'string') {
      throw new InvalidLedgerArgumentError(
        'putArtifact: mediaType must be a string such as "text/plain".',
      );
    }
    const prepared = prepareArtifact(content);
    // strict: durable now. batch: durable with the next group commit (its fsync starts in
    // the background now). none: at the next flush/close, like its records.
    const mode = this.sync.mode;
    const hex = sha256Hex(prepared.bytes);
    const ref = artifactRefOf(hex);
    // Stored by this writer already: complete, and durable or queued to be.
    if (this.storedArtifacts.has(ref)) return ref;
    const stored = storeArtifactBytes(this.runDir, prepared.bytes, mode === 'strict', hex);
    // Content found already stored is queued too: it may be the unsynced leftover of a
    // writer that crashed before its group commit.
    if (mode !== 'strict') this.pendingArtifacts.add(stored.path, mode === 'batch');
    this.storedArtifacts.add(stored.ref);
    return stored.ref;
  }

  /** Reads an artifact of this run back, checked against its address (for replay). */
  readArtifact(ref: string): Promise<Buffer> {
    return readArtifact(this.runDir, ref);
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
    this.assertOpen();
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
    this.assertOpen();
    const signer = this.requireSigner();
    // (size, head) are read together, before any await: the pair signed is one the ledger
    // really had, however many records are appended while the signer works.
    const payload = this.payloadNow();
    let signature: Uint8Array;
    const released = 'while its checkpoint was being signed; the checkpoint was not written';
    try {
      const pending = signer.sign(checkpointMessage(payload), this.released.signal);
      signature = pending instanceof Uint8Array ? pending : await pending;
    } catch (error) {
      this.assertHoldsRun(released); // the writer failing is the news, not the wait ending
      throw withAfterFailure(error, AFTER_SIGN_FAILED.checkpointAsync);
    }
    this.assertHoldsRun(released);
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
    this.assertOpen();
    try {
      const summary = this.summary.toRunEnd(Date.now());
      // Built (its seq, hash and the ledger's size with it are known) but not written:
      // the checkpoint is signed first, so a signer that fails leaves nothing written and
      // the run not ended, to be closed again, instead of ended for good with no
      // checkpoint over it.
      let held = null as HeldLine | null;
      this.write('run_end', null, summary, true, (line) => {
        held = line;
      });
      const runEnd = held as unknown as HeldLine;
      // No record may come between: run_end's seq and prev are taken.
      this.state = 'closing';
      const signer = this.signer;
      let checkpoint = null as LedgerCheckpointV1 | null;
      if (signer !== null) {
        const payload = this.payloadAt(runEnd.seq, this.bytes + runEnd.size, runEnd.hash);
        const pending = this.signAwaitingOthers(signer, payload, AFTER_SIGN_FAILED.close);
        // Awaited only when it is a Promise: with a synchronous signer close() ends the run
        // before it returns, as it always has.
        let signature: Uint8Array;
        try {
          signature = pending instanceof Uint8Array ? pending : await pending;
        } catch (error) {
          this.assertHoldsRun(CLOSE_RELEASED);
          throw error;
        }
        checkpoint = signedCheckpoint(payload, signature);
      }
      this.assertHoldsRun(CLOSE_RELEASED);
      const { record: built, line, size, seq, hash } = runEnd;
      const record = this.commit(built, line, size, seq, hash, true) as CloseResult['record'];
      this.ended = true;
      // After the write's fsync: the checkpoint never covers bytes that are not durable.
      if (checkpoint !== null) this.storeCheckpoint(checkpoint);
      return { record, summary: record.data, checkpoint };
    } finally {
      this.shutdown('closed');
    }
  }

  /**
   * Stops writing WITHOUT ending the run: makes the ledger durable, signs a checkpoint
   * when there is a signer (waiting for an asynchronous one, and for `checkpointAsync()`
   * calls still running), and releases the lock, so this or another process can
   * `openLedger` the run later and continue its chain. Use `close()` to end a run.
   */
  async detach(): Promise<{ checkpoint: LedgerCheckpointV1 | null }> {
    this.assertOpen();
    try {
      const signer = this.signer;
      if (signer === null) return { checkpoint: null };
      const payload = this.payloadNow();
      this.state = 'closing';
      const pending = this.signAwaitingOthers(signer, payload, AFTER_SIGN_FAILED.detach);
      const signature = pending instanceof Uint8Array ? pending : await pending;
      this.assertHoldsRun('while detach() waited for its checkpoint signature');
      const checkpoint = signedCheckpoint(payload, signature);
      this.storeCheckpoint(checkpoint);
      return { checkpoint };
    } finally {
      this.shutdown('closed');
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
      pending = signer.sign(checkpointMessage(payload), this.released.signal);
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
    this.syncOrClose(() => this.sync.syncNow());
    return this.payloadAt(this.nextSeq - 1, this.bytes, this.lastHash);
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

  /**
   * Writes a record of any type (the ledger's own `run_end`/`recovered` too). Given
   * `hold`, it builds and checks the line, hands it there and writes nothing: the caller
   * writes it with {@link commit} (`close()` signs its checkpoint in between).
   */
  private write(
    type: LedgerRecordType,
    stage: string | null,
    data: unknown,
    force: boolean,
    hold?: (line: HeldLine) => void,
  ): LedgerRecordV1 {
    this.assertOpen();
    // Fast path: the data is plain JSON without secrets (the common case). One pass
    // canonicalises it and gathers its strings; one scan covers them all.
    const strings = this.strings;
    strings.length = 0;
    if (stage !== null) strings.push(stage);
    let clean: unknown = data;
    let safeStage = stage;
    let scrubbed: ScrubbedEntry[] | undefined;
    let dataJson = this.canonical.encode(data, strings);
    if (dataJson !== null) this.takeArtifactRefs(strings);
    if (dataJson !== null && !this.cleanStrings.anySecret(strings)) {
      this.canonical.markScanned();
    } else {
      // Slow path: normalise a copy (toJSON, wrappers, undefined) and scrub string by string.
      const report: ScrubReport = { scrubbed: [], artifactRefs: [] };
      clean = scrubValue(data, '$.data', report);
      if (stage !== null) safeStage = scrubValue(stage, '$.stage', report) as string;
      dataJson = canonicalJson(clean);
      if (report.scrubbed.length > 0) scrubbed = report.scrubbed;
      strings.length = 0;
      strings.push(...report.artifactRefs);
      this.takeArtifactRefs(strings);
    }
    const seq = this.nextSeq;
    const prev = this.lastHash;
    const ts = this.clock.now();
    const { line, hash } = this.encoder.encode({
      seq,
      ts,
      type,
      stage: safeStage,
      dataJson,
      scrubbed,
      prev,
    });
    const record =
      scrubbed === undefined
        ? { v: 1, run_id: this.runId, seq, ts, type, stage: safeStage, data: clean, prev, hash }
        : {
            v: 1,
            run_id: this.runId,
            seq,
            ts,
            type,
            stage: safeStage,
            data: clean,
            scrubbed,
            prev,
            hash,
          };
    if (!this.isValid(type, safeStage, clean, scrubbed)) {
      // The parser's wrapper words the failure (paths and messages) for the caller.
      const checked = safeParseLedgerRecord(record);
      if (!checked.success) throw checked.error;
    }
    const size = Buffer.byteLength(line, 'utf8');
    if (size > MAX_LINE_BYTES) {
      throw new InvalidLedgerArgumentError(
        `This ${type} record would be ${size} bytes, over the ${MAX_LINE_BYTES}-byte limit of a ledger line. Store large content with putArtifact() and name the artifact in the record.`,
      );
    }
    if (hold !== undefined) {
      hold({ record: record as LedgerRecordV1, line, size, seq, hash });
      return record as LedgerRecordV1;
    }
    return this.commit(record as LedgerRecordV1, line, size, seq, hash, force);
  }

  /** Writes a line built by {@link write} as the ledger's next record, and syncs as due. */
  private commit(
    record: LedgerRecordV1,
    line: string,
    size: number,
    seq: number,
    hash: string,
    force: boolean,
  ): LedgerRecordV1 {
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
    const written = record as LedgerRecordV1;
    this.summary.add(written);
    this.syncOrClose(() => this.sync.afterWrite(force));
    return written;
  }

  /**
   * Whether a record validates against `LedgerRecordV1`, checking only what the caller
   * supplied: `data` against its type's schema and `stage`. The other members are built
   * here (`seq`, `ts`, `prev`, `hash`, the run id checked at open) and valid by
   * construction; a record with `scrubbed` entries (rare) is checked whole.
   */
  private isValid(
    type: LedgerRecordType,
    stage: string | null,
    data: unknown,
    scrubbed: ScrubbedEntry[] | undefined,
  ): boolean {
    if (scrubbed !== undefined) return false;
    if (stage !== null && !this.validStages.has(stage)) return false;
    return isLedgerRecordData(type, data);
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

  /**
   * Checks every artifact ref among `strings` names a stored artifact, and takes them out
   * of `strings`: a ref's hex is the address of content this run stored (and scanned), so
   * the secret scan has nothing to find in it, and every response names a new one.
   *
   * @throws ArtifactNotFoundError for a ref to content the store does not hold.
   */
  private takeArtifactRefs(strings: string[]): void {
    let kept = 0;
    for (let i = 0; i < strings.length; i++) {
      const s = strings[i]!;
      if (s.length === ARTIFACT_REF_LENGTH && s.startsWith('artifact://') && this.isStored(s)) {
        continue;
      }
      strings[kept++] = s;
    }
    strings.length = kept;
  }

  /**
   * True for a ref to a stored artifact, false for text that is not a ref; throws when
   * the artifact is missing or damaged. A ref this writer did not store is checked as
   * `putArtifact` checks content already at its address (the file must hash to it: a
   * writer that crashed can leave an empty or torn file there) and made durable as the
   * mode says, since the record about to name it may become durable first. Once per ref.
   */
  private isStored(ref: string): boolean {
    if (this.storedArtifacts.has(ref)) return true;
    const hex = parseArtifactRef(ref);
    if (hex === null) return false; // Not an artifact ref: the schema decides if it may be there.
    const state = storedArtifactState(this.runDir, hex);
    if (state !== 'intact') {
      const hint =
        state === 'missing'
          ? 'Store it with ledger.putArtifact() (and await it) before appending a record that names it.'
          : 'Store its content again with ledger.putArtifact() (and await it: the damaged file is replaced) before appending a record that names it.';
      throw new ArtifactNotFoundError(ref, this.runDir, hint, state);
    }
    const path = artifactPath(this.runDir, hex);
    const mode = this.sync.mode;
    if (mode === 'strict') fsyncStoredArtifact(this.runDir, path);
    else this.pendingArtifacts.add(path, mode === 'batch');
    this.storedArtifacts.add(ref);
    return true;
  }

  private assertOpen(): void {
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
  private assertHoldsRun(when: string): void {
    if (this.state === 'open' || this.state === 'closing') return;
    throw new LedgerClosedError(this.runDir, `failed to write and was closed ${when}`);
  }

  private shutdown(state: 'closed' | 'failed'): void {
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

/**
 * A signer's failure with what became of the writer said after it (`afterFailure`); other
 * errors as they are.
 */
function withAfterFailure(error: unknown, afterFailure: string): unknown {
  const Failure =
    error instanceof SignerUnavailableError
      ? SignerUnavailableError
      : error instanceof InvalidLedgerArgumentError
        ? InvalidLedgerArgumentError
        : undefined;
  if (Failure === undefined) return error;
  const failed = error as SignerUnavailableError | InvalidLedgerArgumentError;
  return new Failure(`${failed.message} ${afterFailure}`, {
    cause: failed,
    ...(failed.details === undefined ? {} : { details: failed.details }),
  });
}

/**
 * A key id as the checkpoint carries it. Control characters are refused: jq, which the
 * format doc uses to check a checkpoint by hand, writes U+007F as `\u007f` where RFC 8785
 * keeps the character, so the hand check would fail on a valid signature.
 */
function isKeyName(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length >= 1 &&
    value.length <= 128 &&
    // \p{Cc}: control characters; \p{Cs}: a lone surrogate, which RFC 8785 cannot encode.
    !/[\p{Cc}\p{Cs}]/u.test(value)
  );
}

/**
 * Refuses an id that `detectSecrets` takes for a credential: the run id is written on
 * every line (and names the folder), the key id in every checkpoint, and verification
 * would flag the writer's own ledger. The value is never echoed.
 */
function refuseSecretShaped(value: string, name: string, instead: string): void {
  const found = findSecretSpans(value);
  if (found.length === 0) return;
  throw new InvalidLedgerArgumentError(
    `openLedger: ${name} looks like a ${found[0]!.kind} secret, and it would be written to the ledger in clear. Use ${instead} instead (the value is not repeated here).`,
  );
}

/**
 * Creates the run directory; a `dir` (or run directory) that is a file is the caller's
 * mistake. Returns the first folder created (undefined when the run directory existed).
 */
function makeRunDir(dir: string, runDir: string): string | undefined {
  try {
    return mkdirSync(runDir, { recursive: true });
  } catch (error) {
    throw new InvalidLedgerArgumentError(
      `openLedger: cannot create the run directory ${runDir} (${errnoCode(error)}): dir must be a folder (or a path where one can be created), and nothing but a folder may be at ${runDir}. Check dir=${JSON.stringify(dir)}.`,
    );
  }
}

/** A write refused by the system (permissions, a full disk), not a damaged run directory. */
function isWriteRefused(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return (
    code === 'EACCES' ||
    code === 'EPERM' ||
    code === 'EROFS' ||
    code === 'ENOSPC' ||
    code === 'EDQUOT'
  );
}

/**
 * Opens (creating if needed) the ledger of run `runId` under `dir`:
 * `<dir>/<runId>/ledger.jsonl` and `<dir>/<runId>/artifacts/`. Takes the run's writer
 * lock; an existing ledger is checked record by record, and a torn last line (a crash
 * mid-write) is cut off and recorded in a `recovered` record.
 *
 * @throws LedgerLockedError when another live writer holds the run.
 * @throws LedgerCorruptError when an existing ledger is damaged anywhere but its tail, no
 *   longer holds what the run's own `checkpoint.json` covers (truncated or rewritten), or
 *   the run's files are not what they should be (a folder where a file belongs…).
 * @throws LedgerClosedError when the run was already closed (it holds a `run_end`).
 * @throws InvalidLedgerArgumentError for bad options: a `runId` or `signer.keyId` that
 *   looks like a secret (never echoed), a `dir` that is not a folder, a `durability` or
 *   `signer` that is not one of the forms described.
 * @throws LedgerWriteFailedError for a run directory the process cannot write (no
 *   permission, a full disk), saying what to do.
 */
export function openLedger(options: OpenLedgerOptions): Ledger {
  if (
    typeof options !== 'object' ||
    options === null ||
    typeof options.dir !== 'string' ||
    options.dir === ''
  ) {
    throw new InvalidLedgerArgumentError(
      'openLedger needs { dir, runId }: dir is the folder holding run directories.',
    );
  }
  if (!RunId.safeParse(options.runId).success) {
    throw new InvalidLedgerArgumentError(
      'openLedger: runId must be 1-128 letters, digits, ".", "_", ":" or "-", starting with a letter or digit (a UUID works).',
    );
  }
  refuseSecretShaped(options.runId, 'runId', 'a UUID');
  const signer = options.signer === undefined ? null : compileSigner(options.signer);
  if (signer?.keyId !== undefined) {
    if (!isKeyName(signer.keyId)) {
      throw new InvalidLedgerArgumentError(
        'openLedger: signer.keyId must be a name for the key: 1-128 characters, without control characters or lone surrogates.',
      );
    }
    refuseSecretShaped(signer.keyId, 'signer.keyId', 'a fingerprint or a name');
  }
  // Validate durability before anything touches the disk.
  const { mode } = resolveDurability(options.durability);
  // strict: one write(2) that returns once the record is on disk (O_DSYNC), instead of a
  // write and an fdatasync per record (what databases do for their logs).
  const writesAreDurable = mode === 'strict' && constants.O_DSYNC !== undefined;
  const runDir = resolve(options.dir, options.runId);
  // Every folder made, `dir` and those above it included, is made durable in its parent.
  fsyncNewFolders(makeRunDir(options.dir, runDir), runDir);
  const lock = acquireLock(runDir);
  let fd: number | undefined;
  try {
    try {
      prepareArtifactStore(runDir);
    } catch (error) {
      if (isWriteRefused(error)) {
        throw writeFailure(`openLedger: cannot prepare the artifact store of ${runDir}`, error);
      }
      throw new LedgerCorruptError(
        `The artifact store of ${runDir} cannot be prepared (${errnoCode(error)}): artifacts/, artifacts/sha256/ and artifacts/tmp/ must be folders. Run \`pm-ledger verify ${runDir}\`, and restore the run from a backup or start a new run.`,
        { details: { runDir } },
      );
    }
    removeCheckpointLeftovers(runDir);
    const file = ledgerFile(runDir);
    const loaded = loadLedger(file, runDir, options.runId);
    const isNew = !existsSync(file);
    try {
      fd = openSync(file, writesAreDurable ? APPEND_DURABLY : 'a');
    } catch (error) {
      throw writeFailure(`openLedger: cannot open ${file} for writing`, error);
    }
    if (isNew) fsyncDir(runDir);
    const ledger = new Ledger({
      runId: options.runId,
      runDir,
      file,
      fd,
      lock,
      durability: options.durability,
      signer,
      summary: loaded.summary,
      nextSeq: loaded.nextSeq,
      head: loaded.head,
      size: loaded.size,
      dropped: loaded.dropped,
      writesAreDurable,
    });
    return ledger;
  } catch (error) {
    try {
      if (fd !== undefined) closeSync(fd);
    } catch {
      // Already closed by a failed write.
    }
    lock.release();
    throw error;
  }
}

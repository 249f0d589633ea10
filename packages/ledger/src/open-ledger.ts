import { closeSync, constants, existsSync, mkdirSync, openSync } from 'node:fs';
import { resolve } from 'node:path';
import { RunId } from '@pm/envelope-schemas';
import { prepareArtifactStore } from './artifact-store.js';
import { removeCheckpointLeftovers } from './checkpoint.js';
import { compileSigner, type LedgerSigner } from './checkpoint-signer.js';
import { type DurabilityMode, type DurabilityOption, resolveDurability } from './durability.js';
import { errnoCode } from './errno-code.js';
import { InvalidLedgerArgumentError } from './errors/invalid-ledger-argument-error.js';
import { LedgerCorruptError } from './errors/ledger-corrupt-error.js';
import { fsyncDir, fsyncNewFolders } from './fsync-dir.js';
import { checkKnownOptions } from './known-options.js';
import { Ledger } from './ledger.js';
import { ledgerFile } from './ledger-files.js';
import { loadLedger } from './load-ledger.js';
import { acquireLock } from './lock-file.js';
import { writeFailure } from './write-failure.js';
import { isKeyName, refuseSecretShaped } from './written-ids.js';

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

/** Flags of a ledger file opened for `strict`: appends that are durable when they return. */
const APPEND_DURABLY =
  constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_DSYNC ?? 0);

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
  checkKnownOptions(options, ['dir', 'runId', 'durability', 'signer'], 'openLedger');
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

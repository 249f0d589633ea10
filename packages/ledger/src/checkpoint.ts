import { createPrivateKey, createPublicKey, KeyObject, randomBytes, verify } from 'node:crypto';
import {
  closeSync,
  constants,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from './canonical-json.js';
import { describeValue } from './describe-value.js';
import { errnoCode } from './errno-code.js';
import { InvalidLedgerArgumentError } from './errors/invalid-ledger-argument-error.js';
import { fsyncDir } from './fsync-dir.js';
import {
  FileTooLargeError,
  NotRegularFileError,
  readGivenFileSync,
  readRegularFileSync,
} from './regular-file.js';

/** File in the run directory holding the latest checkpoint. */
export const CHECKPOINT_FILE = 'checkpoint.json';

/** Domain tag signed before the checkpoint's canonical JSON (see docs/audit-log-format.md). */
export const CHECKPOINT_SIGN_TAG = 'pm-ledger/checkpoint/v1\n';

/**
 * A signed statement "run R's ledger was S bytes long with head H at time T". Hosts can
 * export it (to a log service, a ticket, another machine); verification with the public
 * key then detects truncation and rewrites of everything up to it.
 */
export interface LedgerCheckpointV1 {
  /** Checkpoint format version: 1. */
  v: 1;
  /** The run. */
  run_id: string;
  /** Seq of the last record covered (-1 for an empty ledger). */
  seq: number;
  /** Byte length of `ledger.jsonl` covered (ends just after the head record's `\n`). */
  size: number;
  /** Hash of the record at `seq` (the chain's head). */
  head: string;
  /** When the checkpoint was signed (RFC 3339). */
  ts: string;
  /** Signature algorithm: `ed25519`. */
  alg: 'ed25519';
  /** The host's name for the signing key, if it gave one (never the key). */
  key_id?: string;
  /** Base64 Ed25519 signature over the tag and the canonical JSON without `sig`. */
  sig: string;
}

/** What is signed: everything but `sig`. */
export type CheckpointPayload = Omit<LedgerCheckpointV1, 'sig'>;

/** The exact bytes signed for a checkpoint. */
export function checkpointMessage(payload: CheckpointPayload): Buffer {
  const { v, run_id, seq, size, head, ts, alg, key_id } = payload;
  const fields: Record<string, unknown> = { v, run_id, seq, size, head, ts, alg };
  if (key_id !== undefined) fields.key_id = key_id;
  return Buffer.from(CHECKPOINT_SIGN_TAG + canonicalJson(fields), 'utf8');
}

/** A checkpoint: the payload and its signature (base64). */
export function signedCheckpoint(
  payload: CheckpointPayload,
  signature: Uint8Array,
): LedgerCheckpointV1 {
  return { ...payload, sig: Buffer.from(signature).toString('base64') };
}

/**
 * Reads a public key given as a `KeyObject`, PEM text, or a path to a PEM file (a link
 * to one is followed; a FIFO or folder is refused without waiting).
 *
 * @throws InvalidLedgerArgumentError when it is neither text nor a KeyObject (a Buffer),
 *   cannot be read (Node's reason, first line), or is not an Ed25519 key.
 */
export function loadPublicKey(publicKey: KeyObject | string): KeyObject {
  if (typeof publicKey !== 'string' && !(publicKey instanceof KeyObject)) {
    // Said for what it is: the key in it may well be the right one, only not as text.
    const bytes = (publicKey as unknown) instanceof Uint8Array;
    throw new InvalidLedgerArgumentError(
      `The public key was given as ${bytes ? 'a Buffer' : describeValue(publicKey)}: pass the signer's Ed25519 public key as PEM text${bytes ? ' (read the file as text: readFileSync(file, "utf8"))' : ''}, a path to a PEM file, or a KeyObject.`,
    );
  }
  if (
    typeof publicKey === 'string' &&
    !publicKey.includes('-----BEGIN') &&
    BARE_KEY.test(publicKey)
  ) {
    // Taken for a path, it would be echoed in the error: it may be a private key.
    throw new InvalidLedgerArgumentError(
      "The public key is neither PEM text nor a file name: it looks like base64 key material without its PEM lines (not repeated here; if it is a private key, keep it out of this option). Pass the signer's Ed25519 public key as PEM text (-----BEGIN PUBLIC KEY-----), a path to a PEM file, or a KeyObject.",
    );
  }
  let key: KeyObject;
  try {
    key =
      typeof publicKey !== 'string'
        ? publicKey
        : createKey(
            publicKey.includes('-----BEGIN')
              ? publicKey
              : readGivenFileSync(publicKey, MAX_KEY_FILE_BYTES).toString('utf8'),
          );
  } catch (error) {
    if (error instanceof InvalidLedgerArgumentError) throw error;
    throw new InvalidLedgerArgumentError(
      `The public key could not be read: ${(error as Error).message.split('\n')[0]}. Pass the signer's Ed25519 public key: PEM text, a path to a PEM file, or a KeyObject.`,
    );
  }
  if (key?.type === 'private') {
    // Node derives the public half from a private key and would verify with it: refused,
    // so the private key is not copied to every verifier's configuration unnoticed.
    throw new InvalidLedgerArgumentError(
      "The public key given is a private key: a verifier needs, and should hold, only its public half. Pass crypto.createPublicKey(privateKey) (or its export({ type: 'spki', format: 'pem' })), and keep the private key with the signer only.",
    );
  }
  if (key?.asymmetricKeyType !== 'ed25519') {
    throw new InvalidLedgerArgumentError(
      `The public key is ${key?.asymmetricKeyType ?? 'not an asymmetric key'}, not Ed25519: pass the public half of the ledger's signer.`,
    );
  }
  return key;
}

/** Largest key file read: an Ed25519 PEM is ~113 bytes; a larger file is not a key. */
const MAX_KEY_FILE_BYTES = 64 * 1024;

/**
 * Base64 DER of a key without its PEM lines: 32+ base64 characters and nothing a file name
 * of a key would have (a `.`, `-`, `_`, a space). Ed25519 keys run 60-64 characters.
 */
const BARE_KEY = /^(?:[A-Za-z0-9+/]{4}){8,}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?\s*$/;

/** A key from PEM text: a private key too (refused by the caller, said for what it is). */
function createKey(pem: string): KeyObject {
  return pem.includes('PRIVATE KEY-----') ? createPrivateKey(pem) : createPublicKey(pem);
}

/** True when the checkpoint's signature is valid for `publicKey`. */
export function checkpointSignatureValid(
  checkpoint: LedgerCheckpointV1,
  publicKey: KeyObject,
): boolean {
  try {
    return verify(
      null,
      checkpointMessage(checkpoint),
      publicKey,
      Buffer.from(checkpoint.sig, 'base64'),
    );
  } catch {
    return false;
  }
}

/**
 * Flags of the checkpoint's temp file: created here or not at all (O_EXCL), never through
 * a symbolic link. Whatever already is at the name (a link to another file, a FIFO that
 * would block the open forever) makes the open fail at once instead of being written to.
 */
const CREATE_NEW =
  constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/**
 * Checkpoint temp files: the names {@link writeCheckpointFile} makes (6 random bytes in
 * hex) and the fixed `checkpoint.json.tmp` of older versions.
 */
const CHECKPOINT_TEMP = /^checkpoint\.json\.(?:[0-9a-f]{12}\.)?tmp$/;

/**
 * Removes the checkpoint temp files a crash left in `runDir` (a writer killed between
 * creating one and renaming it). Call it holding the run's writer lock: only a writer
 * writes checkpoints. Best effort: a leftover is never opened again (every write uses a
 * new random name), so one that cannot be removed only takes space.
 */
export function removeCheckpointLeftovers(runDir: string): void {
  for (const name of readdirSync(runDir)) {
    if (!CHECKPOINT_TEMP.test(name)) continue;
    try {
      rmSync(join(runDir, name), { force: true });
    } catch {
      // A folder planted at such a name: left as it is (see above).
    }
  }
}

/**
 * Writes `checkpoint.json` atomically: a temp file of a random name (nothing planted at a
 * predictable name is ever opened), fsync, rename over the checkpoint (which replaces a
 * link there rather than following it), fsync of the folder. The temp file is removed
 * when any step fails.
 */
export function writeCheckpointFile(runDir: string, checkpoint: LedgerCheckpointV1): void {
  const target = join(runDir, CHECKPOINT_FILE);
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, CREATE_NEW);
  try {
    try {
      writeFileSync(fd, `${JSON.stringify(checkpoint, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  fsyncDir(runDir);
}

/**
 * Largest checkpoint file read (64 KiB). A checkpoint is ~300 bytes (a `key_id` is at most
 * 128 characters); anything much larger is not one, and reading and parsing it whole (a
 * file of gigabytes put in its place) would take the reader's memory.
 */
export const MAX_CHECKPOINT_BYTES = 64 * 1024;

/**
 * Reads `checkpoint.json` of a run, or null when there is none. Throws on unreadable JSON,
 * `NotRegularFileError` when it is not a regular file (a FIFO there would otherwise
 * block the reader forever), `FileTooLargeError` beyond {@link MAX_CHECKPOINT_BYTES}, and
 * Node's error when it cannot be opened (EACCES): {@link checkpointReadProblem} words each.
 */
export function readCheckpointFile(runDir: string): unknown {
  try {
    const path = join(runDir, CHECKPOINT_FILE);
    return JSON.parse(readRegularFileSync(path, MAX_CHECKPOINT_BYTES).toString('utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Why a checkpoint file could not be read, in a few words for a message (never its
 * content): `it is a FIFO, not a regular file`, `it is not JSON`, `EACCES`….
 */
export function checkpointReadProblem(error: unknown): string {
  if (error instanceof NotRegularFileError) return `it is ${error.found}, not a regular file`;
  if (error instanceof FileTooLargeError) {
    return `it is ${error.size} bytes, while a checkpoint is under ${MAX_CHECKPOINT_BYTES}`;
  }
  if (error instanceof SyntaxError) return 'it is not JSON';
  return errnoCode(error);
}

/** Narrow check of an untrusted checkpoint's shape (before its signature is checked). */
export function isCheckpointShape(value: unknown): value is LedgerCheckpointV1 {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return (
    c.v === 1 &&
    typeof c.run_id === 'string' &&
    Number.isInteger(c.seq) &&
    Number.isInteger(c.size) &&
    (c.size as number) >= 0 &&
    typeof c.head === 'string' &&
    /^[0-9a-f]{64}$/.test(c.head) &&
    typeof c.ts === 'string' &&
    c.alg === 'ed25519' &&
    (c.key_id === undefined || typeof c.key_id === 'string') &&
    typeof c.sig === 'string'
  );
}

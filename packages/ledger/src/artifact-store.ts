import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ArtifactNotFoundError } from './errors/artifact-not-found-error.js';
import { InvalidLedgerArgumentError } from './errors/invalid-ledger-argument-error.js';
import { LedgerCorruptError } from './errors/ledger-corrupt-error.js';
import { fsyncDir } from './fsync-dir.js';
import { sha256Hex } from './hash-chain.js';
import { writeAll } from './write-all.js';

/** A content address: `artifact://sha256:<64 lowercase hex>`. */
export type ArtifactRef = `artifact://sha256:${string}`;

const REF_PREFIX = 'artifact://sha256:';
const REF_PATTERN = /^artifact:\/\/sha256:([0-9a-f]{64})$/;

/** The folder of a run holding artifacts, by algorithm: `<runDir>/artifacts/sha256/`. */
export function artifactDir(runDir: string): string {
  return join(runDir, 'artifacts', 'sha256');
}

/** Where artifacts are written before their rename into place. */
export function artifactTempDir(runDir: string): string {
  return join(runDir, 'artifacts', 'tmp');
}

/** The content address of bytes whose SHA-256 is `hex`. */
export function artifactRefOf(hex: string): ArtifactRef {
  return `${REF_PREFIX}${hex}` as ArtifactRef;
}

/** `artifact://sha256:` + 64 hex digits. */
export const ARTIFACT_REF_LENGTH = 18 + 64;

/** True for a well-formed ref, `artifact://sha256:` and 64 lowercase hex digits. */
export function isArtifactRef(text: string): boolean {
  return text.length === ARTIFACT_REF_LENGTH && REF_PATTERN.test(text);
}

/** Receives refs already found well-formed ({@link isArtifactRef}). */
export type ArtifactRefSink = (ref: string) => void;

/** The SHA-256 hex of a ref {@link isArtifactRef} accepted (no second match). */
export function hexOfArtifactRef(ref: string): string {
  return ref.slice(REF_PREFIX.length);
}

/** The SHA-256 hex of a well-formed ref, or null. */
export function parseArtifactRef(ref: string): string | null {
  const match = REF_PATTERN.exec(ref);
  return match ? match[1]! : null;
}

/** Path of the artifact with SHA-256 `hex` in `runDir`. */
export function artifactPath(runDir: string, hex: string): string {
  return join(artifactDir(runDir), hex);
}

/** Creates the store's folders (idempotent) and removes temp files a crash left behind. */
export function prepareArtifactStore(runDir: string): void {
  mkdirSync(artifactDir(runDir), { recursive: true });
  const tmp = artifactTempDir(runDir);
  mkdirSync(tmp, { recursive: true });
  for (const name of readdirSync(tmp)) rmSync(join(tmp, name), { force: true });
}

/** Where `storeArtifactBytes` put content, and whether it wrote new bytes. */
export interface StoredArtifact {
  ref: ArtifactRef;
  /** The artifact's file. */
  path: string;
  /** False when the same content was already stored. */
  written: boolean;
}

/**
 * Stores `bytes` under their SHA-256: written to a temp file and renamed into place, so it
 * is never seen half-written. With `fsync` the file and the folder are fsynced before this
 * returns (the artifact survives power loss); without it the caller makes it durable later,
 * before any record naming it becomes durable (the ledger's group commit). Content already
 * stored is not written again. Synchronous: artifacts are small, and a thread-pool round
 * trip per file cost more than the write itself.
 */
export function storeArtifactBytes(
  runDir: string,
  bytes: Uint8Array,
  fsync: boolean,
): StoredArtifact {
  const hex = sha256Hex(bytes);
  const target = artifactPath(runDir, hex);
  const ref = artifactRefOf(hex);
  if (existsSync(target)) return { ref, path: target, written: false };
  const temp = join(artifactTempDir(runDir), `${hex}.${randomBytes(6).toString('hex')}`);
  const fd = openSync(temp, 'wx');
  try {
    writeAll(fd, bytes);
    if (fsync) fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temp, target);
  if (fsync) fsyncDir(artifactDir(runDir));
  return { ref, path: target, written: true };
}

/**
 * Reads an artifact back (for replay), checking its bytes against its address.
 *
 * @throws ArtifactNotFoundError when the store does not hold it.
 * @throws LedgerCorruptError when the stored bytes do not hash to the address.
 */
export async function readArtifact(runDir: string, ref: string): Promise<Buffer> {
  const hex = parseArtifactRef(ref);
  if (hex === null) {
    throw new InvalidLedgerArgumentError(
      'That is not an artifact ref: expected "artifact://sha256:" and 64 lowercase hex digits, as putArtifact returns.',
    );
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(artifactPath(runDir, hex));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ArtifactNotFoundError(
        ref,
        runDir,
        'Check the run directory is complete (copied with its artifacts folder); run `pm-ledger verify` on it.',
      );
    }
    throw error;
  }
  if (sha256Hex(bytes) !== hex) {
    throw new LedgerCorruptError(
      `Artifact ${ref} in ${runDir} does not match its address: its bytes were changed. Restore it from a backup; run \`pm-ledger verify\` to see what else changed.`,
      { details: { ref, runDir } },
    );
  }
  return bytes;
}

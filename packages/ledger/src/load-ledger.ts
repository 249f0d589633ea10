import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, ftruncateSync, openSync, readSync } from 'node:fs';
import { ChainChecker } from './chain-checker.js';
import {
  checkpointReadProblem,
  isCheckpointShape,
  type LedgerCheckpointV1,
  readCheckpointFile,
} from './checkpoint.js';
import { LedgerClosedError, RUN_ENDED_NEXT } from './errors/ledger-closed-error.js';
import { LedgerCorruptError } from './errors/ledger-corrupt-error.js';
import { GENESIS_PREV } from './hash-chain.js';
import type { LedgerProblem } from './ledger-problem.js';
import { forEachLineSync, MAX_LINE_BYTES } from './line-reader.js';
import { fileKind } from './regular-file.js';
import { RunSummary } from './run-summary.js';
import { writeFailure } from './write-failure.js';

/** What a writer needs to continue an existing ledger. */
export interface LoadedLedger {
  /** The seq the next record gets. */
  nextSeq: number;
  /** Hash of the last record (the next record's `prev`). */
  head: string;
  /** Bytes of complete records (after any torn tail was cut off). */
  size: number;
  /** Figures of the records so far. */
  summary: RunSummary;
  /** The torn tail cut off, if there was one (its length and SHA-256; never the bytes). */
  dropped: { bytes: number; sha256: string } | null;
}

/**
 * Reads an existing ledger before a writer continues it: checks every record's hash,
 * link and seq, and cuts off a torn last line (a crash mid-write: at most one line's bytes).
 * Damage anywhere else, or a tail longer than a line, is refused, never repaired. A ledger that holds a `run_end` is finished.
 * When the run has a `checkpoint.json`, the ledger must still hold what it covers (at
 * least its size, ending in its seq and head): a writer that continued a truncated or
 * rewritten ledger would sign a new checkpoint over the damage and hide it.
 */
export function loadLedger(file: string, runDir: string, runId: string): LoadedLedger {
  const summary = new RunSummary();
  const kind = fileKind(file);
  if (kind !== 'missing' && kind !== 'file') {
    throw new LedgerCorruptError(
      `${file} is ${kind}, not a regular file: this is not a ledger a writer can continue. Move it aside and restore the run from a backup, or start a new run.`,
      { details: { file } },
    );
  }
  const checkpoint = runCheckpoint(runDir);
  if (kind === 'missing') {
    if (checkpoint !== null) refuseCheckpoint(file, runDir, checkpoint, 0);
    return { nextSeq: 0, head: new ChainChecker(runId).lastHash, size: 0, summary, dropped: null };
  }
  const checker = new ChainChecker(runId, 'the runId given to openLedger');
  const problems: LedgerProblem[] = [];
  let closed = false;
  let atCheckpoint: { seq: number; hash: string } | null = null;
  const tail = forEachLineSync(file, (line) => {
    const record = checker.check(line, problems);
    if (record !== null) {
      summary.add(record);
      if (record.type === 'run_end') closed = true;
    }
    if (checkpoint !== null && line.offset + line.bytes + 1 === checkpoint.size) {
      atCheckpoint = record === null ? null : { seq: record.seq, hash: record.hash };
    }
  });
  if (problems.length > 0) {
    const first = problems[0]!;
    throw new LedgerCorruptError(
      `The ledger ${file} is damaged (${problems.length} problem${problems.length === 1 ? '' : 's'}; first: ${first.kind} at line ${first.line}: ${first.message}). It is not repaired automatically: run \`pm-ledger verify ${runDir}\` to list every problem, and restore the file from a backup or start a new run.`,
      { details: { file, problems: problems.slice(0, 20) } },
    );
  }
  if (checkpoint !== null && !coversCheckpoint(checkpoint, runId, tail.offset, atCheckpoint)) {
    refuseCheckpoint(file, runDir, checkpoint, tail.offset);
  }
  if (closed) {
    throw new LedgerClosedError(
      runDir,
      'holds a run_end record: the run was closed',
      RUN_ENDED_NEXT,
    );
  }
  if (tail.bytes > MAX_LINE_BYTES) {
    // A crash mid-write leaves part of one line, and no line is longer than this: more is
    // something else's doing (a file appended to, two files joined), cut by no rule.
    throw new LedgerCorruptError(
      `The ledger ${file} ends in ${tail.bytes} bytes without a line end, more than any record line can be (${MAX_LINE_BYTES} bytes): not a crash mid-write, so they are not cut off. Run \`pm-ledger verify ${runDir}\`, keep the file as evidence, and restore the run from a backup or start a new run.`,
      { details: { file, tailBytes: tail.bytes } },
    );
  }
  let dropped: LoadedLedger['dropped'] = null;
  if (tail.bytes > 0) {
    try {
      dropped = cutTornTail(file, tail.offset, tail.bytes);
    } catch (error) {
      throw writeFailure(`openLedger: cannot cut the torn last line off ${file}`, error);
    }
  }
  return { nextSeq: checker.nextSeq, head: checker.lastHash, size: tail.offset, summary, dropped };
}

/** The run's own checkpoint, or null; one that cannot be read or is malformed is refused. */
function runCheckpoint(runDir: string): LedgerCheckpointV1 | null {
  let raw: unknown;
  try {
    raw = readCheckpointFile(runDir);
  } catch (error) {
    const why = checkpointReadProblem(error);
    throw new LedgerCorruptError(
      `The checkpoint of ${runDir} cannot be read (${why}), so the ledger cannot be checked against it and must not be written to. Run \`pm-ledger verify ${runDir}\`, and restore checkpoint.json (and the ledger) from a backup or start a new run.`,
      { details: { runDir } },
    );
  }
  if (raw === null) return null;
  if (!isCheckpointShape(raw)) {
    throw new LedgerCorruptError(
      `The checkpoint.json of ${runDir} is not a valid checkpoint (v1), so the ledger cannot be checked against it and must not be written to. Run \`pm-ledger verify ${runDir}\`, and restore it from a backup or start a new run.`,
      { details: { runDir } },
    );
  }
  return raw;
}

/**
 * Whether the ledger (`size` bytes of complete lines) still holds what the checkpoint
 * covers: the same check `verifyLedger` makes (without the signature: a writer holds no
 * public key; a forged checkpoint is verification's to find).
 */
function coversCheckpoint(
  cp: LedgerCheckpointV1,
  runId: string,
  size: number,
  at: { seq: number; hash: string } | null,
): boolean {
  if (cp.run_id !== runId || size < cp.size) return false;
  if (cp.size === 0) return cp.seq === -1 && cp.head === GENESIS_PREV;
  return at !== null && at.seq === cp.seq && at.hash === cp.head;
}

function refuseCheckpoint(
  file: string,
  runDir: string,
  cp: LedgerCheckpointV1,
  size: number,
): never {
  throw new LedgerCorruptError(
    `The ledger ${file} no longer matches its checkpoint.json (which covers ${cp.size} bytes up to record ${cp.seq}; the ledger holds ${size} bytes of records): it was truncated or rewritten. It must not be written to, since a new checkpoint would hide that. Keep it as evidence, run \`pm-ledger verify ${runDir} --public-key <signer.pub.pem>\`, and restore the run from a backup or start a new run.`,
    { details: { file, checkpoint: { seq: cp.seq, size: cp.size }, size } },
  );
}

/**
 * Cuts the file back to `offset` (durably) and returns the length and hash of what went.
 * The torn bytes are hashed a chunk at a time, never held whole.
 */
function cutTornTail(
  file: string,
  offset: number,
  bytes: number,
): { bytes: number; sha256: string } {
  const fd = openSync(file, 'r+');
  try {
    const hash = createHash('sha256');
    const chunk = Buffer.allocUnsafe(Math.min(bytes, 1 << 20));
    let at = 0;
    while (at < bytes) {
      const n = readSync(fd, chunk, 0, Math.min(chunk.length, bytes - at), offset + at);
      if (n === 0) break;
      hash.update(chunk.subarray(0, n));
      at += n;
    }
    ftruncateSync(fd, offset);
    fsyncSync(fd);
    return { bytes: at, sha256: hash.digest('hex') };
  } finally {
    closeSync(fd);
  }
}

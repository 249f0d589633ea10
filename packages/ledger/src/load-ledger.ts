import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readSync } from 'node:fs';
import { ChainChecker } from './chain-checker.js';
import { LedgerClosedError } from './errors/ledger-closed-error.js';
import { LedgerCorruptError } from './errors/ledger-corrupt-error.js';
import type { LedgerProblem } from './ledger-problem.js';
import { forEachLineSync } from './line-reader.js';
import { RunSummary } from './run-summary.js';

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
 * link and seq, and cuts off a torn last line (a crash mid-write). Damage anywhere else is
 * tampering and is refused, never repaired. A ledger that holds a `run_end` is finished.
 */
export function loadLedger(file: string, runDir: string, runId: string): LoadedLedger {
  const summary = new RunSummary();
  if (!existsSync(file)) {
    return { nextSeq: 0, head: new ChainChecker(runId).lastHash, size: 0, summary, dropped: null };
  }
  const checker = new ChainChecker(runId);
  const problems: LedgerProblem[] = [];
  let closed = false;
  const tail = forEachLineSync(file, (line) => {
    const record = checker.check(line, problems);
    if (record !== null) {
      summary.add(record);
      if (record.type === 'run_end') closed = true;
    }
  });
  if (problems.length > 0) {
    const first = problems[0]!;
    throw new LedgerCorruptError(
      `The ledger ${file} is damaged (${problems.length} problem${problems.length === 1 ? '' : 's'}; first: ${first.kind} at line ${first.line}: ${first.message}). It is not repaired automatically: run \`pm-ledger verify ${runDir}\` to list every problem, and restore the file from a backup or start a new run.`,
      { details: { file, problems: problems.slice(0, 20) } },
    );
  }
  if (closed) throw new LedgerClosedError(runDir, 'holds a run_end record: the run was closed');
  let dropped: LoadedLedger['dropped'] = null;
  if (tail.bytes > 0) dropped = cutTornTail(file, tail.offset, tail.bytes);
  return { nextSeq: checker.nextSeq, head: checker.lastHash, size: tail.offset, summary, dropped };
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

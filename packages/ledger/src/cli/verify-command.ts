import {
  checkpointReadProblem,
  isCheckpointShape,
  type LedgerCheckpointV1,
  loadPublicKey,
  MAX_CHECKPOINT_BYTES,
} from '../checkpoint.js';
import { InvalidLedgerArgumentError } from '../errors/invalid-ledger-argument-error.js';
import { isAnotherRunsRecord } from '../read-ledger.js';
import { readGivenFileSync } from '../regular-file.js';
import { type VerifyLedgerResult, verifyLedger } from '../verify-ledger.js';
import type { CliIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';
import { tailFinishedSince } from './in-flight-tail.js';
import { missingLedgerVerdict } from './missing-ledger.js';

/** `pm-ledger verify <runDir> [--public-key F] [--checkpoint F] [--workers N] [--run-id R] [--json]`. */
export async function verifyCommand(
  runDir: string,
  flags: {
    publicKey?: string;
    checkpoint?: string;
    workers?: number;
    runId?: string;
    json: boolean;
  },
  io: CliIo,
): Promise<number> {
  // Thrown, not printed here: the CLI's handler words it (on stdout too with --json).
  const checkpoint =
    flags.checkpoint === undefined ? undefined : readCheckpointArgument(flags.checkpoint);
  const missing = missingLedgerVerdict(runDir, checkpoint);
  // A key that cannot be used is the caller's mistake, said first as verifyLedger says it.
  if (missing !== null && flags.publicKey !== undefined) loadPublicKey(flags.publicKey);
  const verified =
    missing ??
    (await verifyLedger(runDir, {
      ...(flags.publicKey === undefined ? {} : { publicKey: flags.publicKey }),
      ...(checkpoint === undefined ? {} : { checkpoint }),
      ...(flags.workers === undefined ? {} : { workers: flags.workers }),
      ...(flags.runId === undefined ? {} : { runId: flags.runId }),
    }));
  const { result, inFlight } = await settleTornTail(runDir, verified);
  if (flags.json) {
    io.out(
      `${JSON.stringify({
        ok: result.ok,
        run_dir: runDir,
        records: result.records,
        head: result.head,
        size: result.size,
        checkpoint: result.checkpoint,
        problems: result.problems,
        problems_omitted: result.problemsOmitted,
        in_flight: inFlight,
      })}\n`,
    );
  } else {
    const cp = result.checkpoint
      ? `, checkpoint at seq ${result.checkpoint.seq}${result.checkpoint.signed ? ' (signature valid)' : ' (unsigned check: pass --public-key)'}`
      : '';
    // Said on the verdict's own line: "ok" covers the finished lines only.
    const live =
      inFlight === null
        ? ''
        : `; run being written: line ${inFlight.line} was being appended while verify read it and is not checked (verify again for it, or after close() for the final verdict)`;
    if (result.ok) {
      io.out(`ok: ${result.records} records, head ${result.head.slice(0, 16)}${cp}${live}\n`);
    } else {
      const n = result.problems.length + result.problemsOmitted;
      io.out(
        `FAILED: ${n} problem${n === 1 ? '' : 's'} in ${result.records} records${cp}${live}\n`,
      );
      for (const p of result.problems.slice(0, 50)) {
        const where = p.line === null ? '' : `line ${p.line}: `;
        io.out(`  ${p.kind.padEnd(19)} ${where}${p.message}\n`);
      }
      if (n > 50) {
        const listed = result.problemsOmitted > 0 ? `the first ${result.problems.length}` : 'all';
        io.out(`  … and ${n - 50} more (use --json for ${listed})\n`);
      }
      if (flags.runId === undefined && result.problems.some(isAnotherRunsRecord)) {
        io.out(
          '  hint: if this folder is a copy of the run kept under another name, pass --run-id with the run id its records hold.\n',
        );
      }
      if (result.problems.some((p) => p.kind === 'torn_tail')) {
        io.out(
          '  hint: a torn tail of at most one line is a crash mid-write; openLedger() on the run cuts it off.\n',
        );
      }
    }
  }
  return result.ok ? EXIT.ok : EXIT.problems;
}

/** The last line, when a writer was still appending it as verify read it (`--json`: `in_flight`). */
interface InFlightLine {
  /** Its 1-based line number. */
  line: number;
  /** The seq the next record gets: the one being written, if the line is a record. */
  seq: number | null;
}

/**
 * Takes back a `torn_tail` that was a line being written: verification reads the file while
 * a live writer may append to it, and can meet a line mid-`write(2)`. Such a line is
 * finished moments later (decision 0015), unlike a crash's torn tail, so it is not damage:
 * the verdict covers the finished lines, and the line in flight is named instead.
 */
async function settleTornTail(
  runDir: string,
  result: VerifyLedgerResult,
): Promise<{ result: VerifyLedgerResult; inFlight: InFlightLine | null }> {
  const torn = result.problems.find((p) => p.kind === 'torn_tail');
  if (torn === undefined || !(await tailFinishedSince(runDir, result.size))) {
    return { result, inFlight: null };
  }
  const problems = result.problems.filter((p) => p !== torn);
  return {
    result: { ...result, ok: problems.length === 0, problems },
    inFlight: { line: torn.line ?? result.records + 1, seq: torn.seq },
  };
}

/**
 * The checkpoint file given with `--checkpoint`: a regular file, or a link to one (never
 * waits on a FIFO), holding a v1 checkpoint. Its content is never echoed.
 *
 * @throws InvalidLedgerArgumentError when it cannot be read or is not a checkpoint.
 */
function readCheckpointArgument(path: string): LedgerCheckpointV1 {
  let text: string;
  try {
    text = readGivenFileSync(path, MAX_CHECKPOINT_BYTES).toString('utf8');
  } catch (error) {
    const why = checkpointReadProblem(error);
    throw new InvalidLedgerArgumentError(
      `--checkpoint ${path} could not be read (${why}): pass the checkpoint.json file the run's signer wrote.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!isCheckpointShape(parsed)) {
    throw new InvalidLedgerArgumentError(
      `--checkpoint ${path} is not a ledger checkpoint (v1): pass the checkpoint.json file the run's signer wrote.`,
    );
  }
  return parsed;
}

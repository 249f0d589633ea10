import type { KeyObject } from 'node:crypto';
import { ArtifactCheck } from './artifact-check.js';
import { ARTIFACT_HELPER_FROM, artifactHelperAllowed } from './artifact-helper.js';
import { ChainChecker } from './chain-checker.js';
import {
  checkpointReadProblem,
  checkpointSignatureValid,
  isCheckpointShape,
  type LedgerCheckpointV1,
  loadPublicKey,
  readCheckpointFile,
} from './checkpoint.js';
import { describeValue } from './describe-value.js';
import { InvalidLedgerArgumentError } from './errors/invalid-ledger-argument-error.js';
import { GENESIS_PREV } from './hash-chain.js';
import { checkKnownOptions } from './known-options.js';
import { type ExpectedRun, existingLedgerFile, expectedRun } from './ledger-files.js';
import type { LedgerProblem } from './ledger-problem.js';
import { MAX_LINE_BYTES } from './line-reader.js';
import { checkRunDir } from './run-dir-argument.js';
import { VerifyHelpers } from './verify-helpers.js';
import { checkLines, type LinesChecked } from './verify-lines.js';

/** Options of {@link verifyLedger}. */
export interface VerifyLedgerOptions {
  /**
   * The signer's Ed25519 public key (a `KeyObject`, PEM text, or a path to a PEM file).
   * With it, the checkpoint must exist and be validly signed, and the ledger must still
   * hold exactly what it covers: truncation and rewrites up to it are detected.
   */
  publicKey?: KeyObject | string;
  /** A checkpoint kept elsewhere, checked instead of the run's `checkpoint.json`. */
  checkpoint?: LedgerCheckpointV1;
  /** Scan records and artifacts for secrets (default true). */
  secrets?: boolean;
  /** Check artifacts exist and match their addresses (default true). */
  artifacts?: boolean;
  /**
   * Helper threads that check lines alongside the calling thread, at most one per spare
   * CPU (one on a single CPU): a larger number is lowered to that. Default: one per spare
   * CPU (at most 3) for a ledger of 128 MiB or more, none below. Unless it is 0, or there is
   * no spare CPU, one more thread checks artifacts when the run stores 12,000 or more. 0:
   * the calling thread only.
   */
  workers?: number;
  /**
   * The run every record and the checkpoint must belong to. Default: the name of the run
   * directory (`openLedger` keeps run R in `<dir>/R/`). Pass it to verify a copy kept
   * under another folder name.
   */
  runId?: string;
}

const VERIFY_OPTIONS: readonly (keyof VerifyLedgerOptions)[] = [
  'publicKey',
  'checkpoint',
  'secrets',
  'artifacts',
  'workers',
  'runId',
];

/** What {@link verifyLedger} found. */
export interface VerifyLedgerResult {
  /** True when no problem was found. */
  ok: boolean;
  /** Complete lines read (records, valid or not). */
  records: number;
  /** Hash of the last record (64 zeros for an empty ledger). */
  head: string;
  /** Bytes of complete lines. */
  size: number;
  /**
   * Every problem found, in file order (checkpoint and artifact problems last); of the
   * problems of lines, and of artifacts, the first 10,000 each (`problemsOmitted` counts
   * the rest).
   */
  problems: LedgerProblem[];
  /**
   * Problems found beyond the first 10,000 of lines and the first 10,000 of artifacts,
   * counted and not listed: a ledger damaged on every line would otherwise take memory in
   * proportion to its size.
   */
  problemsOmitted: number;
  /** The checkpoint checked, if any: its seq and whether its signature was checked. */
  checkpoint: { seq: number; size: number; signed: boolean } | null;
}

/**
 * Verifies a run directory: every record's hash, link, seq and schema; every record and
 * the checkpoint of the run the directory is named after (`openLedger` keeps run R in
 * `<dir>/R/`: a copy kept under another name is reported); artifacts named by
 * records (present, matching their address); no secret in any record or artifact; the
 * checkpoint (with `publicKey`); a torn tail. Streams the ledger a chunk at a time, so a
 * 1 GB ledger verifies in bounded memory. Never throws for what it finds: it reports.
 *
 * @throws InvalidLedgerArgumentError when `runDir` is not a path string, `secrets` or
 *   `artifacts` is not a boolean, `runDir` holds no `ledger.jsonl` (or one the
 *   process may not read), `publicKey` cannot be read or is not an Ed25519 public key
 *   (whether or not there is a checkpoint), or `checkpoint` is not an object (a path, say).
 * @throws LedgerCorruptError when `ledger.jsonl` is not a regular file (a folder, a FIFO).
 */
export async function verifyLedger(
  runDir: string,
  options: VerifyLedgerOptions = {},
): Promise<VerifyLedgerResult> {
  checkRunDir(runDir, 'verifyLedger');
  checkKnownOptions(options, VERIFY_OPTIONS, 'verifyLedger');
  // `secrets: 'no'` would scan (only `false` turns a check off): said, not guessed at.
  for (const name of ['secrets', 'artifacts'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'boolean') {
      throw new InvalidLedgerArgumentError(
        `verifyLedger: ${name} must be true or false (default true); got ${describeValue(options[name])}.`,
      );
    }
  }
  const file = existingLedgerFile(runDir);
  const checks = { secrets: options.secrets !== false, artifacts: options.artifacts !== false };
  const problems: LedgerProblem[] = [];
  // Another run's ledger copied in whole (its chain and checkpoint consistent) must not
  // verify as this run's.
  const expected = expectedRun(runDir, options.runId, 'verifyLedger');
  const checker = new ChainChecker(expected.runId, expected.from);
  // Loaded before anything else is looked at: a key that cannot be used is the caller's
  // mistake whether or not the run has a checkpoint, never reported as ledger damage.
  const publicKey = options.publicKey === undefined ? null : loadPublicKey(options.publicKey);
  if (options.checkpoint != null && typeof options.checkpoint !== 'object') {
    // A path, most likely: reported as a bad checkpoint it would read as ledger damage.
    throw new InvalidLedgerArgumentError(
      `verifyLedger: checkpoint must be the checkpoint itself (JSON.parse of a checkpoint.json file), not a ${typeof options.checkpoint}.`,
    );
  }
  const cpCandidate = checkpointToCheck(runDir, options.checkpoint, publicKey, problems);
  const helpers = VerifyHelpers.forLedger(file, options.workers, checks);
  const artifacts = checks.artifacts
    ? ArtifactCheck.start(runDir, checks.secrets, {
        helperFrom: artifactHelperAllowed(options.workers) ? ARTIFACT_HELPER_FROM : null,
      })
    : null;
  let lines: LinesChecked;
  try {
    lines = await checkLines(file, checker, problems, checks, {
      helpers,
      checkpointSize: cpCandidate?.size ?? null,
      artifacts,
    });
  } catch (error) {
    await artifacts?.close();
    throw error;
  } finally {
    await helpers?.close();
  }
  const { tail, lastLine, atCheckpoint, problemsOmitted } = lines;
  if (tail.bytes > 0) {
    problems.push({
      kind: 'torn_tail',
      seq: checker.nextSeq,
      line: lastLine + 1,
      message:
        tail.bytes > MAX_LINE_BYTES
          ? `the file ends in ${tail.bytes} bytes without a line end, more than any record line can be: not a crash mid-write, and opening the ledger for writing refuses them`
          : `the file ends in ${tail.bytes} bytes of an unfinished line (a crash mid-write); opening the ledger for writing cuts them off and records it`,
    });
  }
  if (artifacts !== null) {
    await artifacts.checkUnnamed();
    problems.push(...artifacts.problems);
  }
  if (cpCandidate !== null) {
    checkCheckpoint(cpCandidate, tail.offset, expected, atCheckpoint, problems);
  }
  return {
    ok: problems.length === 0,
    records: checker.count,
    head: checker.count === 0 ? GENESIS_PREV : checker.lastHash,
    size: tail.offset,
    problems,
    problemsOmitted: problemsOmitted + (artifacts?.omitted ?? 0),
    checkpoint:
      cpCandidate === null
        ? null
        : { seq: cpCandidate.seq, size: cpCandidate.size, signed: options.publicKey !== undefined },
  };
}

/** The checkpoint to hold the ledger to, or null; signature problems are reported here. */
function checkpointToCheck(
  runDir: string,
  given: LedgerCheckpointV1 | undefined,
  publicKey: KeyObject | null,
  problems: LedgerProblem[],
): LedgerCheckpointV1 | null {
  let raw: unknown;
  try {
    raw = given ?? readCheckpointFile(runDir);
  } catch (error) {
    // Said as it is: a file the verifier may not read is not evidence of tampering.
    const why = checkpointReadProblem(error);
    problems.push(
      cpProblem(
        why.startsWith('it is ')
          ? `checkpoint.json ${why.slice(3)}`
          : `checkpoint.json cannot be read (${why}): check its permissions; the ledger was not checked against it`,
      ),
    );
    return null;
  }
  if (raw === null) {
    if (publicKey !== null) {
      problems.push(
        cpProblem(
          'no checkpoint: a public key was given but the run has no checkpoint.json (deleted?)',
        ),
      );
    }
    return null;
  }
  if (!isCheckpointShape(raw)) {
    problems.push(cpProblem('the checkpoint is not a valid checkpoint (v1)'));
    return null;
  }
  if (publicKey !== null) {
    if (!checkpointSignatureValid(raw, publicKey)) {
      problems.push(cpProblem('the checkpoint signature is not valid for this public key'));
      return null;
    }
  }
  return raw;
}

function checkCheckpoint(
  cp: LedgerCheckpointV1,
  size: number,
  expected: ExpectedRun,
  at: { seq: number; hash: string } | null,
  problems: LedgerProblem[],
): void {
  if (cp.run_id !== expected.runId) {
    // Not echoed: the checkpoint's run_id is whatever the file holds.
    problems.push(
      cpProblem(
        `the checkpoint is for another run, not ${expected.runId} (${expected.from})`,
        cp.seq,
      ),
    );
    return;
  }
  if (size < cp.size) {
    problems.push(
      cpProblem(
        `the ledger is ${size} bytes, shorter than the ${cp.size} bytes the checkpoint covers: it was truncated`,
        cp.seq,
      ),
    );
    return;
  }
  const matches =
    cp.size === 0
      ? cp.seq === -1 && cp.head === GENESIS_PREV
      : at !== null && at.seq === cp.seq && at.hash === cp.head;
  if (!matches) {
    problems.push(
      cpProblem(
        `the ledger's first ${cp.size} bytes do not end in record ${cp.seq} with the checkpoint's head hash: records up to it were rewritten`,
        cp.seq,
      ),
    );
  }
}

function cpProblem(message: string, seq: number | null = null): LedgerProblem {
  return { kind: 'checkpoint_mismatch', seq, line: null, message };
}

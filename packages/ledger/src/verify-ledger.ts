import type { KeyObject } from 'node:crypto';
import { type Dirent, readdirSync } from 'node:fs';
import { setImmediate } from 'node:timers/promises';
import { prepareArtifact } from './artifact-content.js';
import { artifactDir, artifactPath } from './artifact-store.js';
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
import { errnoCode } from './errno-code.js';
import { InvalidLedgerArgumentError } from './errors/invalid-ledger-argument-error.js';
import { GENESIS_PREV, sha256Hex } from './hash-chain.js';
import { checkKnownOptions } from './known-options.js';
import { type ExpectedRun, existingLedgerFile, expectedRun } from './ledger-files.js';
import type { LedgerProblem } from './ledger-problem.js';
import { MAX_LINE_BYTES } from './line-reader.js';
import { describe, NotRegularFileError, readRegularFileSync } from './regular-file.js';
import { checkRunDir } from './run-dir-argument.js';
import { scrubText } from './scrub-secrets.js';
import { VerifyHelpers } from './verify-helpers.js';
import { type ArtifactNamer, checkLines, type LinesChecked } from './verify-lines.js';

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
   * CPU (at most 3) for a ledger of 128 MiB or more, none below. 0: the calling thread only.
   */
  workers?: number;
  /**
   * The run every record and the checkpoint must belong to. Default: the name of the run
   * directory (`openLedger` keeps run R in `<dir>/R/`). Pass it to verify a copy kept
   * under another folder name.
   */
  runId?: string;
}

/** Artifact problems listed; more are counted in `problemsOmitted` (as lines' are). */
const MAX_ARTIFACT_PROBLEMS = 10_000;

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
  let lines: LinesChecked;
  try {
    lines = await checkLines(file, checker, problems, checks, {
      helpers,
      checkpointSize: cpCandidate?.size ?? null,
    });
  } finally {
    await helpers?.close();
  }
  const { tail, lastLine, atCheckpoint, referenced, problemsOmitted } = lines;
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
  const artifactsOmitted = checks.artifacts
    ? await checkArtifactStore(runDir, referenced, checks.secrets, problems)
    : 0;
  if (cpCandidate !== null) {
    checkCheckpoint(cpCandidate, tail.offset, expected, atCheckpoint, problems);
  }
  return {
    ok: problems.length === 0,
    records: checker.count,
    head: checker.count === 0 ? GENESIS_PREV : checker.lastHash,
    size: tail.offset,
    problems,
    problemsOmitted: problemsOmitted + artifactsOmitted,
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

const HEX64 = /^[0-9a-f]{64}$/;

/** How long the artifact check runs before letting the event loop turn (ms). */
const YIELD_EVERY_MS = 10;

/**
 * Every artifact named is present; every stored artifact (named or not) hashes to its
 * name and holds no secret. Each is read once, synchronously (a threadpool round trip per
 * small file cost ~10x the read itself), and hashed and scanned from that one read; the
 * event loop gets a turn every few milliseconds.
 */
async function checkArtifactStore(
  runDir: string,
  referenced: Map<string, ArtifactNamer>,
  scanSecrets: boolean,
  problems: LedgerProblem[],
): Promise<number> {
  // The first MAX_ARTIFACT_PROBLEMS are listed, the rest counted: a run naming a million
  // artifacts, all gone, would otherwise hold a problem for each.
  let found = 0;
  const report = (problem: LedgerProblem) => {
    if (found++ < MAX_ARTIFACT_PROBLEMS) problems.push(problem);
  };
  const dir = artifactDir(runDir);
  let entries: Dirent[] = [];
  // False when the folder is there but cannot be listed: what it holds is unknown.
  let listed = true;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') {
      listed = false;
      report({
        kind: 'artifact_mismatch',
        seq: null,
        line: null,
        message: `artifacts/sha256/ cannot be listed (${code === 'ENOTDIR' ? 'it is not a folder' : (code ?? 'I/O error')}): no artifact can be checked`,
      });
    }
  }
  // The file type comes with the listing: no stat per artifact.
  const stored = entries.map((entry) => entry.name);
  const present = new Set(stored);
  // Unlisted, every artifact would read as missing: the problem above says why none was checked.
  for (const [hex, { seq, line }] of listed ? referenced : []) {
    if (!present.has(hex)) {
      report({
        kind: 'missing_artifact',
        seq,
        line,
        message: `record ${seq} names artifact sha256:${hex}, which is not in artifacts/sha256/`,
      });
    }
  }
  let turnStarted = performance.now();
  for (const entry of entries) {
    const name = entry.name;
    if (performance.now() - turnStarted > YIELD_EVERY_MS) {
      await setImmediate();
      turnStarted = performance.now();
    }
    // Problems with a named artifact point at the first record naming it.
    const namer = referenced.get(name);
    const seq = namer?.seq ?? null;
    const line = namer?.line ?? null;
    const mismatch = (message: string) => report({ kind: 'artifact_mismatch', seq, line, message });
    if (!HEX64.test(name)) {
      // Scrubbed before it is cut short: anyone who can write to the folder chooses the
      // name, and a key used as one must not reach the report (a cut key may not scan).
      mismatch(
        `artifacts/sha256/ holds a file that is not named by a SHA-256 (${JSON.stringify(scrubText(name).text.slice(0, 80))})`,
      );
      continue;
    }
    let bytes: Buffer;
    try {
      // Never read a FIFO (it would block forever) or a folder: a regular file only. The
      // listing says what each entry is (no stat per artifact); the read checks again.
      if (!entry.isFile()) throw new NotRegularFileError(name, describe(entry));
      bytes = readRegularFileSync(artifactPath(runDir, name));
    } catch (error) {
      if (error instanceof NotRegularFileError) {
        mismatch(`artifact sha256:${name} is ${error.found}, not a regular file`);
      } else {
        const code = errnoCode(error);
        mismatch(`artifact sha256:${name} could not be read (${code})`);
      }
      continue;
    }
    if (sha256Hex(bytes) !== name) {
      mismatch(`artifact sha256:${name} does not hash to its name: its bytes were changed`);
    }
    if (scanSecrets) {
      // Scanned exactly as putArtifact scans before storing (UTF-8 text, else Latin-1).
      for (const kind of new Set(prepareArtifact(bytes).scrubbedKinds)) {
        report({
          kind: 'secret_found',
          seq,
          line,
          message: `artifact sha256:${name} holds a ${kind} secret`,
        });
      }
    }
  }
  return Math.max(0, found - MAX_ARTIFACT_PROBLEMS);
}

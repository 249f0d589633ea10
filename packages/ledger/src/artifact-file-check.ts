import { prepareArtifact, utf8Text } from './artifact-content.js';
import { artifactPath } from './artifact-store.js';
import { holdsSecret } from './clean-string-cache.js';
import { errnoCode } from './errno-code.js';
import { sha256Hex } from './hash-chain.js';
import type { LedgerProblem } from './ledger-problem.js';
import { NotRegularFileError, readRegularFileInto } from './regular-file.js';
import { scrubText } from './scrub-secrets.js';

/**
 * One artifact to check: its place in the order problems are reported in, its SHA-256, and
 * the record that names it (`seq` and `line` null for a file of the store no record named,
 * or named too long ago to be remembered). Plain data: it crosses to a helper thread.
 */
export type ArtifactItem = [tag: number, hex: string, seq: number | null, line: number | null];

/** The problems of a batch's artifacts that have any, by item tag and SHA-256. */
export type ArtifactFindings = [tag: number, hex: string, problems: LedgerProblem[]][];

/** Characters of artifact text gathered before one secret scan covers them all. */
const SCAN_CHARS = 64 * 1024;

/**
 * Where each artifact that fits is read, one at a time (checks are synchronous, and each
 * thread has its own): no Buffer allocated per artifact. Most artifacts (a prompt, an
 * output) are far smaller; a larger one gets a Buffer of its own.
 */
const scratch = Buffer.allocUnsafeSlow(64 * 1024);

/**
 * Reads artifacts of `runDir` and says what is wrong with each: missing, not a regular file,
 * unreadable, not hashing to its name, holding a secret. Their text is scanned for secrets
 * many at a time (one `detectSecrets` call for ~64 KB, where one per artifact cost ~4 µs
 * more each); only texts scanned together with a finding are scanned one by one, to say
 * which artifact holds what. The problems point at the record naming each artifact, when
 * one does. Pure apart from the reads, so the calling thread and an artifact helper thread
 * give the same answer.
 */
export function checkArtifactFiles(
  runDir: string,
  items: readonly ArtifactItem[],
  scanSecrets: boolean,
): ArtifactFindings {
  const problemsOf: LedgerProblem[][] = [];
  const texts: string[] = [];
  /** For each of `texts`: the item and its problems. */
  const owners: [ArtifactItem, LedgerProblem[]][] = [];
  let chars = 0;
  const scanTexts = (): void => {
    if (texts.length > 0 && holdsSecret(texts)) {
      texts.forEach((text, i) => {
        const [item, problems] = owners[i]!;
        problems.push(...secretProblems(item, scrubText(text).kinds));
      });
    }
    texts.length = 0;
    owners.length = 0;
    chars = 0;
  };
  for (const item of items) {
    const problems: LedgerProblem[] = [];
    problemsOf.push(problems);
    // A view of `scratch` at most: used up (hashed, decoded) before the next read.
    const bytes = readArtifactFile(runDir, item, problems);
    if (bytes === null || !scanSecrets) continue;
    // Scanned exactly as putArtifact scans before storing (UTF-8 text, else Latin-1).
    const text = utf8Text(bytes);
    if (text === null) {
      problems.push(...secretProblems(item, prepareArtifact(bytes).scrubbedKinds));
      continue;
    }
    texts.push(text);
    owners.push([item, problems]);
    chars += text.length;
    if (chars >= SCAN_CHARS) scanTexts();
  }
  scanTexts();
  const findings: ArtifactFindings = [];
  items.forEach(([tag, hex], i) => {
    if (problemsOf[i]!.length > 0) findings.push([tag, hex, problemsOf[i]!]);
  });
  return findings;
}

/**
 * Reads one artifact and checks that it hashes to its name; its bytes (in `scratch` when
 * they fit), or null (with the problem added to `problems`) when it is missing, not a
 * regular file or unreadable.
 */
function readArtifactFile(
  runDir: string,
  [, hex, seq, line]: ArtifactItem,
  problems: LedgerProblem[],
): Buffer | null {
  let bytes: Buffer;
  try {
    // Never a FIFO (it would block forever), a link or a folder: a regular file only.
    bytes = readRegularFileInto(artifactPath(runDir, hex), scratch);
  } catch (error) {
    if (error instanceof NotRegularFileError) {
      problems.push(
        mismatch(seq, line, `artifact sha256:${hex} is ${error.found}, not a regular file`),
      );
    } else if (seq !== null && errnoCode(error) === 'ENOENT') {
      const message = `record ${seq} names artifact sha256:${hex}, which is not in artifacts/sha256/`;
      problems.push({ kind: 'missing_artifact', seq, line, message });
    } else {
      problems.push(
        mismatch(seq, line, `artifact sha256:${hex} could not be read (${errnoCode(error)})`),
      );
    }
    return null;
  }
  if (sha256Hex(bytes) !== hex) {
    problems.push(
      mismatch(
        seq,
        line,
        `artifact sha256:${hex} does not hash to its name: its bytes were changed`,
      ),
    );
  }
  return bytes;
}

/** One `secret_found` problem per kind of secret found in an artifact. */
function secretProblems(
  [, hex, seq, line]: ArtifactItem,
  kinds: readonly string[],
): LedgerProblem[] {
  return [...new Set(kinds)].map((kind) => ({
    kind: 'secret_found',
    seq,
    line,
    message: `artifact sha256:${hex} holds a ${kind} secret`,
  }));
}

/** An `artifact_mismatch` problem. */
export function mismatch(seq: number | null, line: number | null, message: string): LedgerProblem {
  return { kind: 'artifact_mismatch', seq, line, message };
}

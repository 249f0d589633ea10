import { prepareArtifact } from './artifact-content.js';
import { artifactPath } from './artifact-store.js';
import { errnoCode } from './errno-code.js';
import { sha256Hex } from './hash-chain.js';
import type { LedgerProblem } from './ledger-problem.js';
import { NotRegularFileError, readRegularFileSync } from './regular-file.js';

/**
 * One artifact to check: its place in the order problems are reported in, its SHA-256, and
 * the record that names it (`seq` and `line` null for a file of the store no record named,
 * or named too long ago to be remembered). Plain data: it crosses to a helper thread.
 */
export type ArtifactItem = [tag: number, hex: string, seq: number | null, line: number | null];

/**
 * Reads one artifact of `runDir` and says what is wrong with it (nothing: an empty list):
 * missing, not a regular file, unreadable, not hashing to its name, holding a secret. The
 * problems point at the record naming it, when one does. Pure apart from the read, so the
 * calling thread and an artifact helper thread give the same answer.
 */
export function checkArtifactFile(
  runDir: string,
  [, hex, seq, line]: ArtifactItem,
  scanSecrets: boolean,
): LedgerProblem[] {
  let bytes: Buffer;
  try {
    // Never a FIFO (it would block forever), a link or a folder: a regular file only.
    bytes = readRegularFileSync(artifactPath(runDir, hex));
  } catch (error) {
    if (error instanceof NotRegularFileError) {
      return [mismatch(seq, line, `artifact sha256:${hex} is ${error.found}, not a regular file`)];
    }
    if (seq !== null && errnoCode(error) === 'ENOENT') {
      const message = `record ${seq} names artifact sha256:${hex}, which is not in artifacts/sha256/`;
      return [{ kind: 'missing_artifact', seq, line, message }];
    }
    return [mismatch(seq, line, `artifact sha256:${hex} could not be read (${errnoCode(error)})`)];
  }
  const problems: LedgerProblem[] = [];
  if (sha256Hex(bytes) !== hex) {
    problems.push(
      mismatch(
        seq,
        line,
        `artifact sha256:${hex} does not hash to its name: its bytes were changed`,
      ),
    );
  }
  if (scanSecrets) {
    // Scanned exactly as putArtifact scans before storing (UTF-8 text, else Latin-1).
    for (const kind of new Set(prepareArtifact(bytes).scrubbedKinds)) {
      const message = `artifact sha256:${hex} holds a ${kind} secret`;
      problems.push({ kind: 'secret_found', seq, line, message });
    }
  }
  return problems;
}

/** An `artifact_mismatch` problem. */
export function mismatch(seq: number | null, line: number | null, message: string): LedgerProblem {
  return { kind: 'artifact_mismatch', seq, line, message };
}

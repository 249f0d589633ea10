import { type Dir, opendirSync } from 'node:fs';
import { setImmediate } from 'node:timers/promises';
import { prepareArtifact } from './artifact-content.js';
import { artifactDir, artifactPath } from './artifact-store.js';
import { errnoCode } from './errno-code.js';
import { sha256Hex } from './hash-chain.js';
import type { LedgerProblem } from './ledger-problem.js';
import { RecentSet } from './recent-set.js';
import { describe, NotRegularFileError, readRegularFileSync } from './regular-file.js';
import { scrubText } from './scrub-secrets.js';

/** Artifact problems listed; more are counted in `problemsOmitted` (as lines' are). */
export const MAX_ARTIFACT_PROBLEMS = 10_000;

/**
 * Artifacts remembered as checked (~14 MB of hex at most). A run names about one new
 * artifact per record, so remembering every one would grow with the ledger; an artifact
 * named again after it was forgotten is read and checked again, nothing is missed.
 */
export const REMEMBERED_ARTIFACTS = 131_072;

/** How long artifacts are checked before the event loop gets a turn (ms). */
const YIELD_EVERY_MS = 10;

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * The artifact half of verification, in bounded memory. Each artifact a record names is
 * checked when it is first named (present, a regular file, hashing to its name, no secret),
 * so a problem with it points at that record; then {@link checkUnnamed} walks the store for
 * the files no record named (or named too long ago to be remembered), which are on disk all
 * the same. Each is read once, synchronously: a threadpool round trip per small file cost
 * ~10x the read itself.
 */
export class ArtifactCheck {
  /** The first {@link MAX_ARTIFACT_PROBLEMS} problems, in the order found. */
  readonly problems: LedgerProblem[] = [];
  private found = 0;
  private readonly checked: RecentSet;
  /** Artifacts with a problem listed: never listed twice (bounded by the cap). */
  private readonly reported = new Set<string>();
  private named: [hex: string, seq: number, line: number][] = [];
  private turnStarted = performance.now();

  private constructor(
    private readonly runDir: string,
    private readonly scanSecrets: boolean,
    /** False when the store exists but cannot be listed: nothing in it can be checked. */
    private readonly usable: boolean,
    remembered: number,
  ) {
    this.checked = new RecentSet(remembered);
  }

  /**
   * Starts checking the artifacts of `runDir`. A store that is there but cannot be listed
   * (a file in its place, no permission) is one problem, and then no artifact is checked:
   * each would read as missing or unreadable for the same reason.
   */
  static start(runDir: string, scanSecrets: boolean, remembered = REMEMBERED_ARTIFACTS) {
    const problem = listingProblem(runDir);
    const check = new ArtifactCheck(runDir, scanSecrets, problem === null, remembered);
    if (problem !== null) check.report(problem, '');
    return check;
  }

  /** Problems found beyond the first {@link MAX_ARTIFACT_PROBLEMS}: counted, not listed. */
  get omitted(): number {
    return Math.max(0, this.found - MAX_ARTIFACT_PROBLEMS);
  }

  /** Notes that record `seq` (at `line`) names artifact `hex`; checked at the next {@link drain}. */
  name(hex: string, seq: number, line: number): void {
    if (this.usable) this.named.push([hex, seq, line]);
  }

  /** Checks the artifacts named since the last call, giving the event loop turns. */
  async drain(): Promise<void> {
    const named = this.named;
    this.named = [];
    for (const [hex, seq, line] of named) {
      if (this.checked.has(hex) || this.reported.has(hex)) continue;
      this.checked.add(hex);
      this.check(hex, seq, line);
      await this.takeTurns();
    }
  }

  /** Walks the store (a listing streamed, never held whole) for files not checked yet. */
  async checkUnnamed(): Promise<void> {
    if (!this.usable) return;
    let dir: Dir;
    try {
      dir = opendirSync(artifactDir(this.runDir), { bufferSize: 256 });
    } catch (error) {
      // Gone since the start (a store that never existed names nothing to walk).
      if (errnoCode(error) !== 'ENOENT') this.report(cannotList(error), '');
      return;
    }
    try {
      for (let entry = dir.readSync(); entry !== null; entry = dir.readSync()) {
        const name = entry.name;
        if (this.checked.has(name) || this.reported.has(name)) continue;
        if (!HEX64.test(name)) {
          // Scrubbed before it is cut short: anyone who can write to the folder chooses the
          // name, and a key used as one must not reach the report (a cut key may not scan).
          this.mismatch(
            name,
            null,
            null,
            `artifacts/sha256/ holds a file that is not named by a SHA-256 (${JSON.stringify(scrubText(name).text.slice(0, 80))})`,
          );
        } else if (!entry.isFile()) {
          // The listing says what each entry is: no open for what cannot be an artifact.
          this.mismatch(
            name,
            null,
            null,
            `artifact sha256:${name} is ${describe(entry)}, not a regular file`,
          );
        } else {
          this.check(name, null, null);
        }
        await this.takeTurns();
      }
    } finally {
      dir.closeSync();
    }
  }

  /** Reads one artifact and checks it; problems point at `seq` and `line` when named. */
  private check(hex: string, seq: number | null, line: number | null): void {
    let bytes: Buffer;
    try {
      // Never a FIFO (it would block forever), a link or a folder: a regular file only.
      bytes = readRegularFileSync(artifactPath(this.runDir, hex));
    } catch (error) {
      if (error instanceof NotRegularFileError) {
        this.mismatch(
          hex,
          seq,
          line,
          `artifact sha256:${hex} is ${error.found}, not a regular file`,
        );
      } else if (seq !== null && errnoCode(error) === 'ENOENT') {
        this.report(
          {
            kind: 'missing_artifact',
            seq,
            line,
            message: `record ${seq} names artifact sha256:${hex}, which is not in artifacts/sha256/`,
          },
          hex,
        );
      } else {
        this.mismatch(
          hex,
          seq,
          line,
          `artifact sha256:${hex} could not be read (${errnoCode(error)})`,
        );
      }
      return;
    }
    if (sha256Hex(bytes) !== hex) {
      this.mismatch(
        hex,
        seq,
        line,
        `artifact sha256:${hex} does not hash to its name: its bytes were changed`,
      );
    }
    if (this.scanSecrets) {
      // Scanned exactly as putArtifact scans before storing (UTF-8 text, else Latin-1).
      for (const kind of new Set(prepareArtifact(bytes).scrubbedKinds)) {
        this.report(
          {
            kind: 'secret_found',
            seq,
            line,
            message: `artifact sha256:${hex} holds a ${kind} secret`,
          },
          hex,
        );
      }
    }
  }

  private mismatch(name: string, seq: number | null, line: number | null, message: string) {
    this.report({ kind: 'artifact_mismatch', seq, line, message }, name);
  }

  /** Lists the first problems and counts the rest: a million artifacts, all gone, would not fit. */
  private report(problem: LedgerProblem, name: string): void {
    if (this.found++ >= MAX_ARTIFACT_PROBLEMS) return;
    this.problems.push(problem);
    this.reported.add(name);
  }

  private async takeTurns(): Promise<void> {
    if (performance.now() - this.turnStarted <= YIELD_EVERY_MS) return;
    await setImmediate();
    this.turnStarted = performance.now();
  }
}

/** Why the store cannot be listed, or null when it can (or is absent: nothing stored). */
function listingProblem(runDir: string): LedgerProblem | null {
  try {
    opendirSync(artifactDir(runDir)).closeSync();
    return null;
  } catch (error) {
    return errnoCode(error) === 'ENOENT' ? null : cannotList(error);
  }
}

function cannotList(error: unknown): LedgerProblem {
  const code = errnoCode(error);
  return {
    kind: 'artifact_mismatch',
    seq: null,
    line: null,
    message: `artifacts/sha256/ cannot be listed (${code === 'ENOTDIR' ? 'it is not a folder' : code}): no artifact can be checked`,
  };
}

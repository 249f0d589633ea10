import { type Dir, opendirSync } from 'node:fs';
import { setImmediate } from 'node:timers/promises';
import {
  type ArtifactFindings,
  type ArtifactItem,
  checkArtifactFiles,
  mismatch,
} from './artifact-file-check.js';
import { ArtifactHelper } from './artifact-helper.js';
import { artifactDir } from './artifact-store.js';
import { errnoCode } from './errno-code.js';
import type { LedgerProblem } from './ledger-problem.js';
import { RecentSet } from './recent-set.js';
import { describe } from './regular-file.js';
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
/** Artifacts this thread checks at a time (their text scanned for secrets at once). */
const CHECK_GROUP = 64;
/** Artifacts sent to the helper thread in one message (tens of ms of its work)... */
const HELPER_BATCH = 1024;
/** ...and at least this many, when fewer are waiting. */
const MIN_HELPER_BATCH = 32;
/**
 * Artifacts left for the helper thread while this thread checks lines. A run names them
 * faster than one thread can read them (~20-40 µs each on a VM, against ~6 µs a record):
 * beyond this many, this thread checks the oldest itself, so memory stays bounded and both
 * threads stay busy.
 */
const MAX_WAITING = 8192;

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * The artifact half of verification, in bounded memory. Each artifact a record names is
 * checked once it is first named (present, a regular file, hashing to its name, no secret),
 * so a problem with it points at that record; then {@link checkUnnamed} walks the store for
 * the files no record named (or named too long ago to be remembered), which are on disk all
 * the same. Each is read once, synchronously: a threadpool round trip per small file cost
 * ~10x the read itself. With a helper thread, the helper checks artifacts while this thread
 * checks lines, and both share what is left at the end; problems are listed in the order a
 * single thread finds them all the same (each artifact is tagged in that order).
 */
export class ArtifactCheck {
  private found = 0;
  /** Problems kept, with the tag and name of their artifact (put in order when read). */
  private kept: [tag: number, name: string, problem: LedgerProblem][] = [];
  private readonly checked: RecentSet;
  /** Artifacts with a problem found: not checked again when named again (bounded). */
  private readonly reported = new Set<string>();
  /** Artifacts to check, the oldest at `head`. */
  private waiting: ArtifactItem[] = [];
  private head = 0;
  private nextTag = 0;
  private helper: ArtifactHelper | null = null;
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
   * Starts checking the artifacts of `runDir`, remembering `remembered` as checked (see
   * {@link REMEMBERED_ARTIFACTS}). With `helperFrom` set, a helper thread is started at once
   * when the store holds that many files (and this build ships its script): started before
   * the first line is read, it is ready by the time most artifacts are named.
   * A store that is there but cannot be listed (a file in its place, no permission) is one
   * problem, and then no artifact is checked: each would read as missing or unreadable for
   * the same reason.
   */
  static start(
    runDir: string,
    scanSecrets: boolean,
    {
      remembered = REMEMBERED_ARTIFACTS,
      helperFrom = null,
    }: { remembered?: number; helperFrom?: number | null } = {},
  ): ArtifactCheck {
    const listing = listStore(runDir, helperFrom ?? 0);
    const usable = !('problem' in listing);
    const check = new ArtifactCheck(runDir, scanSecrets, usable, remembered);
    if ('problem' in listing) check.report(-1, '', [listing.problem]);
    else if (helperFrom !== null && listing.files >= helperFrom) check.startHelper();
    return check;
  }

  /** The first {@link MAX_ARTIFACT_PROBLEMS} problems, in the order found. */
  get problems(): LedgerProblem[] {
    this.trimKept();
    return this.kept.map(([, , problem]) => problem);
  }

  /** Problems found beyond the first {@link MAX_ARTIFACT_PROBLEMS}: counted, not listed. */
  get omitted(): number {
    return Math.max(0, this.found - MAX_ARTIFACT_PROBLEMS);
  }

  /** Notes that record `seq` (at `line`) names artifact `hex`; checked from the next {@link drain}. */
  name(hex: string, seq: number, line: number): void {
    if (!this.usable || this.checked.has(hex) || this.reported.has(hex)) return;
    this.checked.add(hex);
    this.enqueue(hex, seq, line);
  }

  /**
   * Checks the artifacts named since the last call, giving the event loop turns. With a
   * helper thread, hands them to it instead, and checks here only those beyond
   * {@link MAX_WAITING}.
   */
  async drain(): Promise<void> {
    this.feedHelper();
    const leave = this.helper === null ? 0 : MAX_WAITING;
    while (this.waiting.length - this.head > leave) {
      this.checkHere(Math.min(CHECK_GROUP, this.waiting.length - this.head - leave));
      await this.takeTurns();
    }
    this.compact();
  }

  /**
   * Walks the store (a listing streamed, never held whole) for files not checked yet, then
   * checks everything still waiting, with the helper thread if there is one, and stops it.
   */
  async checkUnnamed(): Promise<void> {
    try {
      if (this.usable) await this.walkStore();
      for (;;) {
        this.feedHelper();
        if (this.head < this.waiting.length) {
          this.checkHere(Math.min(CHECK_GROUP, this.waiting.length - this.head));
          await this.takeTurns();
        } else if (this.helper !== null && this.helper.holding > 0) {
          await this.helper.nextAnswer();
        } else {
          break;
        }
      }
      this.compact();
    } finally {
      await this.close();
    }
  }

  /** The helper thread, while there is one (for tests). */
  get helperThread(): ArtifactHelper | null {
    return this.helper;
  }

  /** Stops the helper thread, if any (verification failed, or is done). */
  async close(): Promise<void> {
    const helper = this.helper;
    this.helper = null;
    await helper?.close();
  }

  private async walkStore(): Promise<void> {
    let dir: Dir;
    try {
      dir = opendirSync(artifactDir(this.runDir), { bufferSize: 256 });
    } catch (error) {
      // Gone since the start (a store that never existed names nothing to walk).
      if (errnoCode(error) !== 'ENOENT') this.report(this.nextTag++, '', [cannotList(error)]);
      return;
    }
    try {
      for (let entry = dir.readSync(); entry !== null; entry = dir.readSync()) {
        const name = entry.name;
        if (this.checked.has(name) || this.reported.has(name)) continue;
        if (!HEX64.test(name)) {
          // Scrubbed before it is cut short: anyone who can write to the folder chooses the
          // name, and a key used as one must not reach the report (a cut key may not scan).
          const shown = JSON.stringify(scrubText(name).text.slice(0, 80));
          const message = `artifacts/sha256/ holds a file that is not named by a SHA-256 (${shown})`;
          this.report(this.nextTag++, name, [mismatch(null, null, message)]);
        } else if (!entry.isFile()) {
          // The listing says what each entry is: no open for what cannot be an artifact.
          const message = `artifact sha256:${name} is ${describe(entry)}, not a regular file`;
          this.report(this.nextTag++, name, [mismatch(null, null, message)]);
        } else {
          this.enqueue(name, null, null);
          if (this.waiting.length - this.head >= CHECK_GROUP) await this.drain();
        }
      }
    } finally {
      dir.closeSync();
    }
  }

  private enqueue(hex: string, seq: number | null, line: number | null): void {
    this.waiting.push([this.nextTag++, hex, seq, line]);
  }

  private startHelper(): void {
    this.helper = ArtifactHelper.start(
      this.runDir,
      this.scanSecrets,
      (findings) => this.onFindings(findings),
      (unanswered) => this.onHelperFailed(unanswered),
    );
  }

  /** Checks the `count` oldest artifacts waiting, on this thread. */
  private checkHere(count: number): void {
    const items = this.waiting.slice(this.head, this.head + count);
    this.head += count;
    this.onFindings(checkArtifactFiles(this.runDir, items, this.scanSecrets));
  }

  /**
   * Hands the helper the oldest artifacts waiting, while it has room: at most half of them,
   * so that at the end this thread is not left waiting on a large last batch.
   */
  private feedHelper(): void {
    const helper = this.helper;
    while (helper?.hasRoom && this.head < this.waiting.length) {
      const left = this.waiting.length - this.head;
      const size = Math.min(HELPER_BATCH, Math.max(MIN_HELPER_BATCH, Math.ceil(left / 2)));
      const end = Math.min(this.head + size, this.waiting.length);
      helper.send(this.waiting.slice(this.head, end));
      this.head = end;
    }
  }

  private onFindings(findings: ArtifactFindings): void {
    for (const [tag, hex, problems] of findings) this.report(tag, hex, problems);
    this.feedHelper();
  }

  /** What a failed helper held is checked here, before anything newer (tags keep the order). */
  private onHelperFailed(unanswered: ArtifactItem[][]): void {
    this.helper = null;
    this.waiting = [...unanswered.flat(), ...this.waiting.slice(this.head)];
    this.head = 0;
  }

  /** Lists an artifact's problems (see {@link trimKept} for one checked twice). */
  private report(tag: number, name: string, problems: LedgerProblem[]): void {
    for (const problem of problems) this.kept.push([tag, name, problem]);
    this.found += problems.length;
    if (this.reported.size < 2 * MAX_ARTIFACT_PROBLEMS) this.reported.add(name);
    // A million artifacts, all gone, would not fit: the first are kept, the rest counted.
    if (this.kept.length > 2 * MAX_ARTIFACT_PROBLEMS) this.trimKept();
  }

  /**
   * Puts the problems kept in tag order (stable: an artifact's own stay in order), keeps an
   * artifact's from its first check only, and caps them. An artifact is checked twice when
   * it is named again after it was forgotten, and with a helper thread the two checks can
   * end in either order: listed once, at the record that named it first, as on one thread.
   */
  private trimKept(): void {
    this.kept.sort((a, b) => a[0] - b[0]);
    const firstTag = new Map<string, number>();
    const kept = this.kept.filter(([tag, name]) => {
      if (name === '') return true;
      const first = firstTag.get(name);
      if (first === undefined) firstTag.set(name, tag);
      return first === undefined || first === tag;
    });
    this.found -= this.kept.length - kept.length;
    this.kept = kept.length > MAX_ARTIFACT_PROBLEMS ? kept.slice(0, MAX_ARTIFACT_PROBLEMS) : kept;
  }

  /** Drops the artifacts already taken from the front of the queue. */
  private compact(): void {
    if (this.head === this.waiting.length) this.waiting = [];
    else if (this.head > 1024 && 2 * this.head > this.waiting.length) {
      this.waiting = this.waiting.slice(this.head);
    } else return;
    this.head = 0;
  }

  private async takeTurns(): Promise<void> {
    if (performance.now() - this.turnStarted <= YIELD_EVERY_MS) return;
    await setImmediate();
    this.turnStarted = performance.now();
  }
}

/**
 * How many files the store holds, counted up to `upTo` (the listing is streamed and left
 * there: a few ms for thousands); or why it cannot be listed. An absent store holds none.
 */
function listStore(runDir: string, upTo: number): { files: number } | { problem: LedgerProblem } {
  let dir: Dir;
  try {
    dir = opendirSync(artifactDir(runDir), { bufferSize: 256 });
  } catch (error) {
    return errnoCode(error) === 'ENOENT' ? { files: 0 } : { problem: cannotList(error) };
  }
  let files = 0;
  try {
    while (files < upTo && dir.readSync() !== null) files++;
  } catch {
    // Counted for the helper's sake only: what cannot be read is reported by the walk.
  } finally {
    dir.closeSync();
  }
  return { files };
}

function cannotList(error: unknown): LedgerProblem {
  const code = errnoCode(error);
  const why = code === 'ENOTDIR' ? 'it is not a folder' : code;
  return mismatch(
    null,
    null,
    `artifacts/sha256/ cannot be listed (${why}): no artifact can be checked`,
  );
}

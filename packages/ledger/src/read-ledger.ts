import type { LedgerRecordV1 } from '@pm/envelope-schemas';
import { ChainChecker } from './chain-checker.js';
import { describeValue } from './describe-value.js';
import { InvalidLedgerArgumentError } from './errors/invalid-ledger-argument-error.js';
import { LedgerCorruptError } from './errors/ledger-corrupt-error.js';
import { checkKnownOptions } from './known-options.js';
import { existingLedgerFile, expectedRun } from './ledger-files.js';
import type { LedgerProblem } from './ledger-problem.js';
import { forEachChunk, type LedgerLine, LineSplitter } from './line-reader.js';
import { checkRunDir } from './run-dir-argument.js';
import { isThenable } from './thenable.js';

/** Options of {@link readLedger}. */
export interface ReadLedgerOptions {
  /**
   * What to do with damage: `throw` (default) a `LedgerCorruptError` at the first
   * problem, or `skip`: drop lines that are not valid records and still yield records
   * whose hash or links are wrong (for inspection tools; `verifyLedger` says what is wrong).
   */
  onProblem?: 'throw' | 'skip';
  /**
   * The run every record must belong to. Default: the name of the run directory
   * (`openLedger` keeps run R in `<dir>/R/`). Pass it to read a copy kept under another
   * folder name; a record of another run is damage.
   */
  runId?: string;
}

/**
 * Reads a run's records in order (for replay, summaries, inspection), checking each one's
 * hash, link, schema and run as it goes. Calls `onRecord` once per record, in order; when it
 * returns a Promise (an async replay step), waits for it before the next record, and a
 * rejection stops the reading and rejects `readLedger` with it. Reads a chunk at a time, so
 * memory stays bounded. A torn tail is ignored (it holds no complete record).
 *
 * @returns the number of records read.
 * @throws InvalidLedgerArgumentError when `runDir` is not a path string or holds no
 *   `ledger.jsonl` (or one the process may not read), `onRecord` is not a function,
 *   `onProblem` is neither `throw` nor `skip`, or `runId` is not a non-empty string.
 * @throws LedgerCorruptError on the first damaged record (unless `onProblem: 'skip'`), or
 *   when `ledger.jsonl` is not a regular file.
 */
export async function readLedger(
  runDir: string,
  // `unknown`, not `void | PromiseLike<void>`: callers pass callbacks that return a value
  // (`(r) => seen.push(r)`), which only a `void` or `unknown` result type accepts.
  onRecord: (record: LedgerRecordV1) => unknown,
  options: ReadLedgerOptions = {},
): Promise<number> {
  checkRunDir(runDir, 'readLedger');
  checkKnownOptions(options, ['onProblem', 'runId'], 'readLedger');
  // Checked before reading: an empty ledger would never call it, and a full one would
  // throw a bare TypeError at its first record.
  if (typeof onRecord !== 'function') {
    throw new InvalidLedgerArgumentError(
      `readLedger: onRecord must be a function called with each record; got ${describeValue(onRecord)}.`,
    );
  }
  // Anything but 'skip' would quietly mean 'throw': a host that wrote 'ignore' is told.
  const onProblem: unknown = options.onProblem;
  if (onProblem !== undefined && onProblem !== 'throw' && onProblem !== 'skip') {
    throw new InvalidLedgerArgumentError(
      `readLedger: onProblem must be 'throw' (the default) or 'skip'; got ${typeof onProblem === 'string' ? JSON.stringify(onProblem.slice(0, 40)) : describeValue(onProblem)}.`,
    );
  }
  const file = existingLedgerFile(runDir);
  const expected = expectedRun(runDir, options.runId, 'readLedger');
  const checker = new ChainChecker(expected.runId, expected.from);
  const problems: LedgerProblem[] = [];
  const skip = options.onProblem === 'skip';
  // The records of one chunk, handed to onRecord once the chunk is split, so that a
  // Promise it returns can be awaited before the next (a chunk's worth: memory stays bounded).
  const ready: LedgerRecordV1[] = [];
  // The first damage found (throw mode): raised once the records before it are handed on.
  let damage: LedgerCorruptError | null = null;
  let count = 0;
  const splitter = new LineSplitter();
  const onLine = (line: LedgerLine) => {
    if (damage !== null) return;
    const record = checker.check(line, problems);
    if (problems.length > 0) {
      if (!skip) {
        const first = problems[0]!;
        // A folder renamed or copied under another name reads as another run's records:
        // said how to read it, since the message cannot name the run (a ledger value).
        const copy =
          options.runId === undefined && isAnotherRunsRecord(first)
            ? ` If this folder is a copy of the run kept under another name, pass the run id its records hold (readLedger's runId, \`--run-id\` of pm-ledger).`
            : '';
        damage = new LedgerCorruptError(
          `The ledger ${file} is damaged at line ${first.line} (${first.kind}: ${first.message}).${copy} Run \`pm-ledger verify ${runDir}\` to see every problem.`,
          { details: { file, problem: first } },
        );
        return;
      }
      problems.length = 0;
    }
    if (record !== null) ready.push(record);
  };
  await forEachChunk(
    file,
    async (chunk) => {
      splitter.push(chunk, onLine);
      for (const record of ready) {
        count++;
        const handled = onRecord(record);
        // An async onRecord (a replay that awaits its own work) is awaited in turn: its
        // failure is readLedger's, and records are never handled out of order or at once.
        if (isThenable(handled)) await handled;
      }
      ready.length = 0;
      if (damage !== null) throw damage;
    },
    splitter,
  );
  return count;
}

/**
 * Whether a problem is a record of another run than the one the ledger is held to (the
 * checker's `schema_invalid` for it): the problem a copy of a run under another folder name
 * has on every line.
 */
export function isAnotherRunsRecord(problem: LedgerProblem): boolean {
  return problem.kind === 'schema_invalid' && problem.message.includes('belongs to another run');
}

import type { LedgerRecordV1 } from '@pm/envelope-schemas';
import { ChainChecker } from './chain-checker.js';
import { describeValue } from './describe-value.js';
import { InvalidLedgerArgumentError } from './errors/invalid-ledger-argument-error.js';
import { LedgerCorruptError } from './errors/ledger-corrupt-error.js';
import { checkKnownOptions } from './known-options.js';
import { existingLedgerFile, expectedRun } from './ledger-files.js';
import type { LedgerProblem } from './ledger-problem.js';
import { forEachLine } from './line-reader.js';
import { checkRunDir } from './run-dir-argument.js';

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
 * hash, link, schema and run as it goes. Calls `onRecord` once per record; reads a chunk at a
 * time, so memory stays bounded. A torn tail is ignored (it holds no complete record).
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
  onRecord: (record: LedgerRecordV1) => void,
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
  let count = 0;
  await forEachLine(file, (line) => {
    const record = checker.check(line, problems);
    if (problems.length > 0) {
      if (options.onProblem !== 'skip') {
        const first = problems[0]!;
        throw new LedgerCorruptError(
          `The ledger ${file} is damaged at line ${first.line} (${first.kind}: ${first.message}). Run \`pm-ledger verify ${runDir}\` to see every problem.`,
          { details: { file, problem: first } },
        );
      }
      problems.length = 0;
      if (record === null) return;
    }
    if (record === null) return;
    count++;
    onRecord(record);
  });
  return count;
}

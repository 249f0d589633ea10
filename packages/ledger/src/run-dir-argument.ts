import { describeValue } from './describe-value.js';
import { InvalidLedgerArgumentError } from './errors/invalid-ledger-argument-error.js';

/**
 * Refuses a `runDir` that is not a usable path string, before anything is read: Node's own
 * errors for it (`The "paths[0]" argument must be of type string`) are not `PmError`s and
 * do not say what to pass, and an empty string would be read as the current folder's name.
 *
 * @param caller names the function in the message, e.g. `readLedger`.
 * @throws InvalidLedgerArgumentError naming what was given (its type, never its value).
 */
export function checkRunDir(runDir: unknown, caller: string): asserts runDir is string {
  if (typeof runDir === 'string' && runDir !== '' && !runDir.includes('\0')) return;
  const given =
    runDir instanceof URL
      ? 'a URL (pass fileURLToPath(url))'
      : runDir === ''
        ? 'an empty string'
        : typeof runDir === 'string'
          ? 'a string holding a NUL character'
          : describeValue(runDir);
  throw new InvalidLedgerArgumentError(
    `${caller}: runDir must be the path of a run directory (<dir>/<runId>, the folder holding ledger.jsonl) as a string; got ${given}.`,
  );
}

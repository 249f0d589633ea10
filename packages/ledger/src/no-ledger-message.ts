import { type Dir, opendirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { LEDGER_FILE } from './ledger-files.js';

/** Run folders named in a suggestion, and folder entries looked at to find them. */
const SUGGEST = 3;
const LOOK_AT = 1000;

/**
 * What to tell someone who passed `runDir` where no `ledger.jsonl` is: the usual slips
 * are the ledger file itself, the ledger folder above the runs (`.pm-ledger`), and a
 * mistyped path, and each has its own next step.
 */
export function noLedgerMessage(runDir: string): string {
  let isFile = false;
  let isDir = false;
  try {
    const stat = statSync(runDir);
    isFile = stat.isFile();
    isDir = stat.isDirectory();
  } catch {
    return `${runDir} does not exist: pass a run directory (<dir>/<runId>, the folder holding ${LEDGER_FILE}).`;
  }
  if (isFile) {
    const parent = dirname(runDir);
    return basename(runDir) === LEDGER_FILE
      ? `${runDir} is the ledger file: pass the run directory that holds it (${parent}).`
      : `${runDir} is a file, not a run directory: pass the folder holding ${LEDGER_FILE} (<dir>/<runId>).`;
  }
  const runs = isDir ? runsIn(runDir) : [];
  if (runs.length > 0) {
    const more = runs.length === SUGGEST ? ', …' : '';
    return `${runDir} holds no ${LEDGER_FILE}, but run directories do (${runs.join(', ')}${more}): pass one of them, e.g. ${join(runDir, runs[0]!)}.`;
  }
  return `${runDir} holds no ${LEDGER_FILE}: pass a run directory (<dir>/<runId>).`;
}

/** Up to {@link SUGGEST} sub-folders holding a ledger, from a bounded look at the folder. */
function runsIn(dir: string): string[] {
  const runs: string[] = [];
  let handle: Dir | undefined;
  try {
    handle = opendirSync(dir);
    for (let seen = 0; seen < LOOK_AT && runs.length < SUGGEST; seen++) {
      const entry = handle.readSync();
      if (entry === null) break;
      if (!entry.isDirectory()) continue;
      try {
        if (statSync(join(dir, entry.name, LEDGER_FILE)).isFile()) runs.push(entry.name);
      } catch {
        // Not a run directory.
      }
    }
  } catch {
    // A folder that cannot be listed: no suggestion.
  } finally {
    handle?.closeSync();
  }
  return runs.sort();
}

import { InvalidLedgerArgumentError } from '../errors/invalid-ledger-argument-error.js';
import { fileKind } from '../regular-file.js';

/**
 * Refuses, saying what to do, a run directory path that reached the process with bytes that
 * are not UTF-8 (a folder named in Latin-1, say): Node decodes the command line as UTF-8 and
 * each such byte arrives as U+FFFD, so the path names nothing and would be reported as "does
 * not exist" with no way forward. A path that exists with a U+FFFD in its name is left alone.
 *
 * @throws InvalidLedgerArgumentError when `runDir` holds U+FFFD and nothing is there.
 */
export function refuseUndecodablePath(runDir: string): void {
  if (!runDir.includes('\uFFFD')) return;
  let kind: string;
  try {
    kind = fileKind(runDir);
  } catch {
    return; // something is there (it could not be looked at): the commands say what
  }
  if (kind !== 'missing') return;
  throw new InvalidLedgerArgumentError(
    `${runDir} cannot be opened: the path held bytes that are not UTF-8 (shown as \uFFFD), which pm-ledger receives decoded and cannot pass back to the file system. Change into the folder whose name holds them (cd) and pass the rest of the path (e.g. \`pm-ledger verify <runId>\`), or use a link with a UTF-8 name.`,
  );
}

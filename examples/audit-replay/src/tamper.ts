import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * Copies a run's folder (ledger and artifacts) into `parent`, under the run's own name
 * (verification holds a ledger to the run its folder is named after): the tampering below
 * only ever touches a copy.
 */
export function copyRun(runDir: string, parent: string): string {
  const to = join(parent, basename(runDir));
  cpSync(runDir, to, { recursive: true });
  return to;
}

function readLines(runDir: string): string[] {
  return readFileSync(join(runDir, 'ledger.jsonl'), 'utf8').split('\n');
}

/**
 * Changes one byte of the first response record: the last digit of its `output_tokens`,
 * as someone making a run look cheaper would. The line stays valid JSON.
 * Returns what changed, for the report.
 */
export function changeOneByte(runDir: string): { line: number; from: string; to: string } {
  const lines = readLines(runDir);
  const index = lines.findIndex((l) => l.includes('"type":"response"'));
  const match = /"output_tokens":(\d+)/.exec(lines[index] ?? '');
  if (index < 0 || !match) throw new Error(`no response record with output_tokens in ${runDir}`);
  const from = match[1]!;
  const last = from.at(-1)!;
  const to = from.slice(0, -1) + (last === '9' ? '8' : String(Number(last) + 1));
  const at = match.index + match[0].length - 1; // the byte of the last digit
  lines[index] = lines[index]!.slice(0, at) + to.at(-1)! + lines[index]!.slice(at + 1);
  writeFileSync(join(runDir, 'ledger.jsonl'), lines.join('\n'));
  return { line: index + 1, from, to };
}

/** Deletes one whole record (the first response) from the ledger. Returns its line number. */
export function deleteOneLine(runDir: string): number {
  const lines = readLines(runDir);
  const index = lines.findIndex((l) => l.includes('"type":"response"'));
  if (index < 0) throw new Error(`no response record in ${runDir}`);
  lines.splice(index, 1);
  writeFileSync(join(runDir, 'ledger.jsonl'), lines.join('\n'));
  return index + 1;
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The records of run `runId`'s ledger under `dir`, parsed. */
export function ledgerRecords(dir: string, runId: string) {
  return readFileSync(join(dir, runId, 'ledger.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; data: Record<string, unknown> });
}

import { join } from 'node:path';
import { type LedgerSigner, openLedger, readLedger } from '../../src/index.js';
import * as r from './records.js';

/** A run with two records in `dir`, written by a writer whose checkpoints `signer` signs. */
export function openSignedRun(dir: string, signer: LedgerSigner) {
  const ledger = openLedger({ dir, runId: 'run-1', signer });
  ledger.append(r.runStart());
  ledger.append(r.request('run-1', 1));
  const runDir = join(dir, 'run-1');
  return { dir, runDir, ledger, file: join(runDir, 'ledger.jsonl') };
}

/** The types of a run's records, in file order. */
export async function recordTypes(runDir: string): Promise<string[]> {
  const seen: string[] = [];
  await readLedger(runDir, (record) => seen.push(record.type));
  return seen;
}

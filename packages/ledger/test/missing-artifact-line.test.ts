import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/hash-chain.js';
import { openLedger, type VerifyLedgerOptions, verifyLedger } from '../src/index.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

/** A closed run whose record seq 2 (line 3) is the first to name the output artifact. */
async function runNamingOutput(): Promise<{ runDir: string; output: string }> {
  const dir = tempDir();
  const ledger = openLedger({ dir, runId: 'run-1' });
  ledger.append(r.runStart());
  ledger.append(r.request('run-1', 1));
  const output = await ledger.putArtifact('the output');
  ledger.append(r.response(1, output)); // seq 2, line 3
  ledger.append(r.response(1, output)); // names it again: the first naming counts
  await ledger.close();
  return { runDir: join(dir, 'run-1'), output: sha256Hex('the output') };
}

async function artifactProblems(runDir: string, options: VerifyLedgerOptions = {}) {
  const { problems } = await verifyLedger(runDir, options);
  return problems
    .filter((p) => p.kind === 'missing_artifact' || p.kind === 'artifact_mismatch')
    .map(({ kind, seq, line }) => ({ kind, seq, line }));
}

describe('artifact problems name the record that refers to the artifact', () => {
  // Every path that collects refs: the secret scan's walk, the walk of its own, and
  // helper threads (their results cross a thread as plain data).
  const ways: [string, VerifyLedgerOptions][] = [
    ['with the secret scan', {}],
    ['without the secret scan', { secrets: false }],
    ['on a helper thread', { workers: 1 }],
  ];

  for (const [way, options] of ways) {
    it(`missing_artifact has the seq and line of the first record naming it (${way})`, async () => {
      const { runDir, output } = await runNamingOutput();
      rmSync(join(runDir, 'artifacts', 'sha256', output));
      expect(await artifactProblems(runDir, options)).toEqual([
        { kind: 'missing_artifact', seq: 2, line: 3 },
      ]);
    });
  }

  it('names the line where it is, not where its seq would put it', async () => {
    const { runDir, output } = await runNamingOutput();
    rmSync(join(runDir, 'artifacts', 'sha256', output));
    // A damaged line before it: record seq 2 is now on line 4.
    const file = join(runDir, 'ledger.jsonl');
    writeFileSync(file, `not json\n${readFileSync(file, 'utf8')}`);
    expect(await artifactProblems(runDir)).toEqual([{ kind: 'missing_artifact', seq: 2, line: 4 }]);
  });

  it('artifact_mismatch of a named artifact has that record line too', async () => {
    const { runDir, output } = await runNamingOutput();
    writeFileSync(join(runDir, 'artifacts', 'sha256', output), 'changed');
    expect(await artifactProblems(runDir)).toEqual([
      { kind: 'artifact_mismatch', seq: 2, line: 3 },
    ]);
  });
});

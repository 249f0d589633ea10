import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../src/index.js';
import { cliInChild } from './helpers/cli-child.js';
import { runStart } from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

async function ledgerDir() {
  const dir = tempDir();
  const ledger = openLedger({ dir, runId: 'run-1' });
  ledger.append(runStart());
  await ledger.close();
  return dir;
}

async function failure(path: string) {
  const result = await cliInChild(['verify', path, '--json']);
  expect(result.status).toBe(3);
  const { error } = JSON.parse(result.stdout);
  expect(error.code).toBe('INVALID_ARGUMENT');
  return error.message as string;
}

describe('pm-ledger given a path that is not a run directory says which slip it was', () => {
  it('the ledger file itself: names the run directory to pass', async () => {
    const runDir = join(await ledgerDir(), 'run-1');
    expect(await failure(join(runDir, 'ledger.jsonl'))).toBe(
      `${join(runDir, 'ledger.jsonl')} is the ledger file: pass the run directory that holds it (${runDir}).`,
    );
  });

  it('the ledger folder above the runs: names a run directory in it', async () => {
    const dir = await ledgerDir();
    expect(await failure(dir)).toBe(
      `${dir} holds no ledger.jsonl, but run directories do (run-1): pass one of them, e.g. ${join(dir, 'run-1')}.`,
    );
  });

  it('a path that does not exist, or another file', async () => {
    const dir = tempDir();
    expect(await failure(join(dir, 'run-typo'))).toMatch(
      /run-typo does not exist: pass a run directory/,
    );
    writeFileSync(join(dir, 'notes.txt'), 'x');
    expect(await failure(join(dir, 'notes.txt'))).toMatch(
      /notes\.txt is a file, not a run directory: pass the folder holding ledger\.jsonl/,
    );
    expect(await failure(dir)).toBe(
      `${dir} holds no ledger.jsonl: pass a run directory (<dir>/<runId>).`,
    );
  });
});

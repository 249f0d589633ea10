import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LedgerCorruptError, openLedger, verifyLedger } from '../src/index.js';
import { craftChain } from './helpers/craft.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

/** A detached run of three records with a signed checkpoint at seq 2. */
async function detachedRun() {
  const dir = tempDir();
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const ledger = openLedger({ dir, runId: 'run-1', signer: { privateKey } });
  ledger.append(r.runStart());
  ledger.append(r.request('run-1', 1));
  ledger.append(r.request('run-1', 2));
  const { checkpoint } = await ledger.detach();
  expect(checkpoint?.seq).toBe(2);
  const runDir = join(dir, 'run-1');
  return { dir, runDir, file: join(runDir, 'ledger.jsonl'), privateKey, publicKey };
}

describe('openLedger holds the ledger to its own checkpoint', () => {
  it('refuses a ledger cut back to whole lines before the checkpoint, and writes nothing', async () => {
    const { dir, runDir, file, privateKey, publicKey } = await detachedRun();
    const firstLine = `${readFileSync(file, 'utf8').split('\n')[0]}\n`;
    writeFileSync(file, firstLine);
    const checkpointBefore = readFileSync(join(runDir, 'checkpoint.json'), 'utf8');
    expect(() => openLedger({ dir, runId: 'run-1', signer: { privateKey } })).toThrow(
      LedgerCorruptError,
    );
    expect(() => openLedger({ dir, runId: 'run-1' })).toThrow(
      /no longer matches its checkpoint\.json.*truncated or rewritten.*must not be written to/,
    );
    // Nothing was appended or re-signed: verification still sees the truncation.
    expect(readFileSync(file, 'utf8')).toBe(firstLine);
    expect(readFileSync(join(runDir, 'checkpoint.json'), 'utf8')).toBe(checkpointBefore);
    const result = await verifyLedger(runDir, { publicKey });
    expect(result.problems.map((p) => p.kind)).toEqual(['checkpoint_mismatch']);
  });

  it('refuses a ledger whose records up to the checkpoint were rewritten (same size)', async () => {
    const { dir, file } = await detachedRun();
    const lines = readFileSync(file, 'utf8').split('\n').slice(0, -1);
    const size = readFileSync(file).length;
    // A whole new chain of the same byte length: valid on its own, not what was signed.
    const forged = craftChain('run-1', [
      r.runStart(),
      r.request('run-1', 1),
      r.request('run-1', 2),
    ]).join('');
    expect(forged).not.toBe(`${lines.join('\n')}\n`);
    expect(Buffer.byteLength(forged)).toBe(size);
    writeFileSync(file, forged);
    expect(() => openLedger({ dir, runId: 'run-1' })).toThrow(/no longer matches its checkpoint/);
  });

  it('refuses a run whose ledger.jsonl was deleted but whose checkpoint is still there', async () => {
    const { dir, file } = await detachedRun();
    rmSync(file);
    expect(() => openLedger({ dir, runId: 'run-1' })).toThrow(LedgerCorruptError);
  });

  it('refuses a checkpoint.json it cannot read instead of ignoring it', async () => {
    const { dir, runDir } = await detachedRun();
    writeFileSync(join(runDir, 'checkpoint.json'), '{"v":1');
    expect(() => openLedger({ dir, runId: 'run-1' })).toThrow(/checkpoint of .* cannot be read/);
  });

  it('continues a ledger that still holds what its checkpoint covers (records after it too)', async () => {
    const { dir, runDir, privateKey, publicKey } = await detachedRun();
    const again = openLedger({ dir, runId: 'run-1' });
    again.append(r.request('run-1', 3));
    await again.detach();
    // The checkpoint at seq 2 still matches the first three records.
    const third = openLedger({ dir, runId: 'run-1', signer: { privateKey } });
    expect(third.records).toBe(4);
    await third.close();
    expect((await verifyLedger(runDir, { publicKey })).ok).toBe(true);
  });
});

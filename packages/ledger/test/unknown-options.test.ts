import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger, readLedger, summariseLedger, verifyLedger } from '../src/index.js';
import * as r from './helpers/records.js';
import { openSignedRun } from './helpers/signed-run.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

async function signedClosedRun() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const run = openSignedRun(tempDir(), { privateKey });
  await run.ledger.close();
  return { runDir: run.runDir, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) };
}

describe('options a reader does not know are refused', () => {
  it('verifyLedger with publicKey misspelt is INVALID_ARGUMENT, never ok without the key', async () => {
    const { runDir, publicKeyPem } = await signedClosedRun();
    // Before: the misspelt key was ignored and the run verified ok, its signature unchecked.
    const misspelt = verifyLedger(runDir, { publickey: publicKeyPem } as never);
    await expect(misspelt).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(misspelt).rejects.toThrow(
      /"publickey" is not an option; the options are publicKey,/,
    );
    // Spelt right, the same key verifies the checkpoint.
    const verified = await verifyLedger(runDir, { publicKey: publicKeyPem as string });
    expect(verified).toMatchObject({ ok: true, checkpoint: expect.anything() });
  });

  it.each([
    [
      'verifyLedger',
      (runDir: string) => verifyLedger(runDir, { secret: false } as never),
      'secret',
    ],
    [
      'readLedger',
      (runDir: string) => readLedger(runDir, () => {}, { onproblem: 'skip' } as never),
      'onproblem',
    ],
    [
      'summariseLedger',
      (runDir: string) => summariseLedger(runDir, { runID: 'run-1' } as never),
      'runID',
    ],
  ])('%s names the option it does not know', async (_name, call, option) => {
    const { runDir } = await signedClosedRun();
    const pending = call(runDir);
    await expect(pending).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', details: { option } });
    await expect(pending).rejects.toThrow(`"${option}" is not an option`);
  });

  it.each([null, 'strict', ['publicKey']])(
    'verifyLedger(dir, %j) is INVALID_ARGUMENT, not a TypeError',
    async (options) => {
      const { runDir } = await signedClosedRun();
      await expect(verifyLedger(runDir, options as never)).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('options must be an object'),
      });
    },
  );
});

describe('options a writer does not know are refused', () => {
  it('openLedger with durability misspelt is INVALID_ARGUMENT and creates nothing', () => {
    const dir = tempDir();
    // Before: opened in `batch`, the caller believing every record durable on return.
    expect(() => openLedger({ dir, runId: 'run-1', durabilty: 'strict' } as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', details: { option: 'durabilty' } }),
    );
    expect(existsSync(join(dir, 'run-1'))).toBe(false);
  });

  it('append with a misspelt member or option is INVALID_ARGUMENT and writes nothing', async () => {
    const ledger = openLedger({ dir: tempDir(), runId: 'run-1', durability: 'none' });
    ledger.append(r.runStart());
    const { data } = r.request('run-1', 1);
    // Before: filed under the run (stage null), and not made durable.
    expect(() => ledger.append({ type: 'request', stag: 'draft', data } as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', details: { option: 'stag' } }),
    );
    expect(() => ledger.append({ type: 'request', data }, { snyc: true } as never)).toThrow(
      '"snyc" is not an option; the options are sync.',
    );
    expect(ledger.records).toBe(1);
    await expect(ledger.putArtifact('text', { mediatype: 'text/plain' } as never)).rejects.toThrow(
      '"mediatype" is not an option',
    );
    ledger.append({ type: 'request', stage: 'draft', data }, { sync: true });
    expect(ledger.records).toBe(2);
    await ledger.close();
  });
});

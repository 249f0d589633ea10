import { generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type LedgerSigner, SignerUnavailableError, verifyLedger } from '../src/index.js';
import * as r from './helpers/records.js';
import { openSignedRun, recordTypes } from './helpers/signed-run.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

/** A run with two records, written by a writer whose checkpoints `signer` signs. */
const openRun = (signer: LedgerSigner) => openSignedRun(tempDir(), signer);
const types = recordTypes;

describe('a { sign } signer (a key held elsewhere)', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');

  it('signs checkpoints that verify with the public key', async () => {
    const { runDir, ledger } = openRun({ sign: (m) => sign(null, m, privateKey), keyId: 'hsm-1' });
    const { checkpoint } = await ledger.close();
    expect(checkpoint).toMatchObject({ seq: 2, key_id: 'hsm-1' });
    const result = await verifyLedger(runDir, { publicKey });
    expect(result.problems).toEqual([]);
    expect(result.checkpoint).toEqual({ seq: 2, size: checkpoint!.size, signed: true });
  });

  it('an asynchronous sign (a KMS client) is waited for by close() (checkpoint-async-signer.test.ts covers the rest)', async () => {
    const { runDir, ledger } = openRun({
      sign: async (m: Uint8Array) => sign(null, m, privateKey),
    });
    const { checkpoint } = await ledger.close();
    expect(checkpoint?.seq).toBe(2);
    expect(await types(runDir)).toEqual(['run_start', 'request', 'run_end']);
    expect((await verifyLedger(runDir, { publicKey })).problems).toEqual([]);
  });

  it('a sign that throws fails close() as SIGNER_UNAVAILABLE (cause kept, message not echoed), writing nothing', async () => {
    const kmsDown = new Error('KMS arn:aws:kms:eu-west-1:123456789012:key/abc unreachable');
    const { runDir, ledger, file } = openRun({
      sign: () => {
        throw kmsDown;
      },
    });
    ledger.flush();
    const before = readFileSync(file);
    const failure = (await ledger.close().catch((e: unknown) => e)) as Error;
    expect(failure).toMatchObject({ code: 'SIGNER_UNAVAILABLE', details: { signer: 'threw' } });
    expect(failure).toBeInstanceOf(SignerUnavailableError);
    expect(failure.message).toMatch(/signer\.sign threw.*open it again with openLedger\(\)/);
    expect(failure.message).not.toContain('arn:aws');
    expect((failure.cause as Error).cause).toBe(kmsDown);
    expect(readFileSync(file)).toEqual(before);
    expect(await types(runDir)).toEqual(['run_start', 'request']);
  });

  it('a signature that is not 64 bytes is refused, not written as a checkpoint that never verifies', async () => {
    const { runDir, ledger } = openRun({ sign: () => new Uint8Array(0) });
    expect(() => ledger.checkpoint()).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringMatching(/64-byte Ed25519 signature.*returned 0 bytes.*stays open/),
      }),
    );
    expect(existsSync(join(runDir, 'checkpoint.json'))).toBe(false);
    // The ledger stays open for records.
    ledger.append(r.request('run-1', 2));
    expect(ledger.records).toBe(3);
    await expect(ledger.detach()).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await types(runDir)).toEqual(['run_start', 'request', 'request']);
  });
});

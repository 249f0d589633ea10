import { generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger, verifyLedger } from '../src/index.js';
import { openSignedRun, recordTypes } from './helpers/signed-run.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();
const used = generateKeyPairSync('ed25519');
const rotated = generateKeyPairSync('ed25519');

/** A KMS client signing with `key`, a few ms later. */
const kmsSigning =
  (key: typeof used.privateKey) =>
  (message: Uint8Array): Promise<Uint8Array> =>
    new Promise((resolve) => setTimeout(() => resolve(sign(null, message, key)), 2));

describe('a { sign } signer that names its public key', () => {
  it('signs as usual when the signatures verify with it (KeyObject, PEM text or a PEM file)', async () => {
    const pem = used.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const file = join(tempDir(), 'signer.pub.pem');
    writeFileSync(file, pem);
    for (const publicKey of [used.publicKey, pem, file]) {
      const { runDir, ledger } = openSignedRun(tempDir(), {
        sign: kmsSigning(used.privateKey),
        publicKey,
      });
      expect((await ledger.checkpointAsync()).seq).toBe(1);
      await ledger.close();
      const result = await verifyLedger(runDir, { publicKey: used.publicKey });
      expect(result.problems).toEqual([]);
    }
  });

  it('a KMS signing with another key fails the checkpoint as wrong_key and writes nothing', async () => {
    const { dir, runDir, ledger } = openSignedRun(tempDir(), {
      sign: kmsSigning(rotated.privateKey),
      publicKey: used.publicKey,
    });
    const failed = (await ledger.checkpointAsync().catch((e: unknown) => e)) as Error;
    expect(failed).toMatchObject({ code: 'INVALID_ARGUMENT', details: { signer: 'wrong_key' } });
    expect(failed.message).toMatch(/does not verify with signer\.publicKey/);
    expect(existsSync(join(runDir, 'checkpoint.json'))).toBe(false);
    // close() signs before run_end: nothing is written, the run is released unended.
    await expect(ledger.close()).rejects.toMatchObject({ details: { signer: 'wrong_key' } });
    expect(await recordTypes(runDir)).toEqual(['run_start', 'request']);
    // A synchronous signer with the wrong key is caught the same way.
    const again = openLedger({
      dir,
      runId: 'run-1',
      signer: { sign: (m) => sign(null, m, rotated.privateKey), publicKey: used.publicKey },
    });
    expect(() => again.checkpoint()).toThrow(/does not verify with signer\.publicKey/);
    await again.detach().catch(() => {});
  });

  it('a misspelt publicKey is refused at open, not ignored (the check would be off)', () => {
    for (const key of ['publickey', 'public_key', 'PublicKey']) {
      const signer = { sign: () => new Uint8Array(64), [key]: used.publicKey };
      expect(() => openLedger({ dir: tempDir(), runId: 'r', signer })).toThrow(
        new RegExp(`signer\\.${key} is not a signer option: did you mean publicKey\\?`),
      );
    }
    // A host's own signing object may carry fields of its own.
    const kmsSigner = { sign: kmsSigning(used.privateKey), client: {}, keyArn: 'k' };
    expect(() => openLedger({ dir: tempDir(), runId: 'r', signer: kmsSigner })).not.toThrow();
  });

  it('a public key that cannot be used is INVALID_ARGUMENT at open', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    for (const publicKey of [rsa.publicKey, join(tempDir(), 'missing.pem'), 'not a key']) {
      expect(() =>
        openLedger({
          dir: tempDir(),
          runId: 'r',
          signer: { sign: () => new Uint8Array(64), publicKey },
        }),
      ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
  });
});

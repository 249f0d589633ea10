import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger, verifyLedger } from '../src/index.js';
import { openSignedRun } from './helpers/signed-run.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();
const { privateKey } = generateKeyPairSync('ed25519');
/** A private key as base64 DER, without its PEM lines: what a key vault or .env holds. */
const bareKey = privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');

describe('key material given where a public key is asked for', () => {
  it('is not repeated in the error: not PEM, so taken for a path, it must not be echoed as one', async () => {
    const { runDir, ledger } = openSignedRun(tempDir(), { privateKey });
    await ledger.close();
    const failures: unknown[] = [];
    await verifyLedger(runDir, { publicKey: bareKey }).catch((e) => failures.push(e));
    try {
      openLedger({
        dir: tempDir(),
        runId: 'run-2',
        signer: { sign: () => new Uint8Array(64), publicKey: bareKey },
      });
    } catch (error) {
      failures.push(error);
    }
    expect(failures).toHaveLength(2);
    for (const failure of failures) {
      expect(failure).toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringMatching(/base64 key material.*PEM/),
      });
      expect(
        JSON.stringify({
          m: (failure as Error).message,
          d: (failure as { details?: unknown }).details,
        }),
      ).not.toContain(bareKey.slice(10, 40));
    }
  });

  it('a private key given as the public key (PEM text, a PEM file, a KeyObject) is refused: a verifier holds only the public half', async () => {
    const { runDir, ledger } = openSignedRun(tempDir(), { privateKey });
    await ledger.close();
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const file = join(tempDir(), 'signer.key.pem');
    writeFileSync(file, pem);
    for (const given of [pem, file, privateKey]) {
      const failure = await verifyLedger(runDir, { publicKey: given }).catch((e: unknown) => e);
      expect(failure).toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringMatching(/is a private key.*public half.*createPublicKey/),
      });
      expect((failure as Error).message).not.toContain(pem.split('\n')[1]!.slice(0, 20));
    }
  });

  it('a path that names no file is still named in the error', async () => {
    const { runDir, ledger } = openSignedRun(tempDir(), { privateKey });
    await ledger.close();
    await expect(verifyLedger(runDir, { publicKey: 'keys/no-such-key.pem' })).rejects.toMatchObject(
      {
        message: expect.stringMatching(/ENOENT.*keys\/no-such-key\.pem/),
      },
    );
  });
});

import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isPmError } from '@pm/envelope-schemas';
import { describe, expect, it } from 'vitest';
import { openLedger, verifyLedger } from '../src/index.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

async function signedRun() {
  const dir = tempDir();
  const keys = generateKeyPairSync('ed25519');
  const ledger = openLedger({ dir, runId: 'run-1', signer: { privateKey: keys.privateKey } });
  ledger.append(r.runStart());
  await ledger.close();
  const pemFile = join(dir, 'signer.pub.pem');
  writeFileSync(pemFile, keys.publicKey.export({ type: 'spki', format: 'pem' }));
  return { runDir: join(dir, 'run-1'), pemFile };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('verifyLedger options of the wrong type are the caller mistake they are', () => {
  it('a publicKey read as bytes (readFileSync without "utf8"): INVALID_ARGUMENT saying so, not "not Ed25519"', async () => {
    const { runDir, pemFile } = await signedRun();
    // The right key, as a Buffer: the message said it was "not an asymmetric key, not Ed25519".
    const error = await rejection(
      verifyLedger(runDir, { publicKey: readFileSync(pemFile) as never }),
    );
    expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toMatch(/Buffer/);
    expect(error.message).toMatch(/utf8/);
    expect(error.message).not.toMatch(/not Ed25519/);
    // As text, a path or a KeyObject it verifies.
    const text = readFileSync(pemFile, 'utf8');
    expect((await verifyLedger(runDir, { publicKey: text })).ok).toBe(true);
    expect((await verifyLedger(runDir, { publicKey: pemFile })).ok).toBe(true);
  });

  it('a checkpoint given as a path rather than the checkpoint: INVALID_ARGUMENT, not reported as ledger damage', async () => {
    const { runDir } = await signedRun();
    const error = await rejection(
      verifyLedger(runDir, { checkpoint: join(runDir, 'checkpoint.json') as never }),
    );
    expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toMatch(/JSON\.parse/);
    // The parsed file is what it takes.
    const checkpoint = JSON.parse(readFileSync(join(runDir, 'checkpoint.json'), 'utf8'));
    expect((await verifyLedger(runDir, { checkpoint })).ok).toBe(true);
  });
});

import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger, verifyLedger } from '../src/index.js';
import { cliInChild } from './helpers/cli-child.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();
const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;

/** A signed, closed run, and the public key's PEM file mounted as kubelet mounts a Secret. */
async function signedRun() {
  const dir = tempDir();
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const ledger = openLedger({ dir, runId: 'run-1', signer: { privateKey } });
  ledger.append(r.runStart());
  await ledger.close();
  // secrets/signer.pub.pem -> ..data/signer.pub.pem, ..data -> ..2026_01_01
  const secrets = join(dir, 'secrets');
  mkdirSync(join(secrets, '..2026_01_01'), { recursive: true });
  writeFileSync(
    join(secrets, '..2026_01_01', 'signer.pub.pem'),
    publicKey.export({ type: 'spki', format: 'pem' }),
  );
  symlinkSync('..2026_01_01', join(secrets, '..data'));
  const keyLink = join(secrets, 'signer.pub.pem');
  symlinkSync(join('..data', 'signer.pub.pem'), keyLink);
  const checkpointLink = join(dir, 'exported-cp.json');
  symlinkSync(join('run-1', 'checkpoint.json'), checkpointLink);
  return { dir, runDir: join(dir, 'run-1'), keyLink, checkpointLink };
}

describe('files the user names (--public-key, --checkpoint)', () => {
  it('a key reached through symbolic links (a Kubernetes secret mount) is read', async () => {
    const { runDir, keyLink } = await signedRun();
    const result = await verifyLedger(runDir, { publicKey: keyLink });
    expect(result).toMatchObject({ ok: true, checkpoint: { signed: true } });
  });

  it('pm-ledger verify follows a linked --public-key and --checkpoint', async () => {
    const { runDir, keyLink, checkpointLink } = await signedRun();
    const { status, stdout } = await cliInChild([
      'verify',
      runDir,
      '--public-key',
      keyLink,
      '--checkpoint',
      checkpointLink,
      '--json',
    ]);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, checkpoint: { seq: 1, signed: true } });
    expect(status).toBe(0);
  }, 30_000);

  describe.runIf(hasMkfifo)('a FIFO is refused at once, never waited on', () => {
    it.each([
      ['--public-key', 'the FIFO itself', /^The public key could not be read: .* is a FIFO/],
      ['--public-key', 'a link to it', /^The public key could not be read: .* is a FIFO/],
      ['--checkpoint', 'the FIFO itself', /could not be read \(it is a FIFO, not a regular file\)/],
      ['--checkpoint', 'a link to it', /could not be read \(it is a FIFO, not a regular file\)/],
    ])(
      '%s naming %s: exit 3',
      async (flag, how, message) => {
        const { dir, runDir } = await signedRun();
        const fifo = join(dir, 'fifo');
        spawnSync('mkfifo', [fifo]);
        let path = fifo;
        if (how === 'a link to it') {
          path = join(dir, 'link-to-fifo');
          symlinkSync(fifo, path);
        }
        const { status, stdout } = await cliInChild(['verify', runDir, flag, path, '--json']);
        expect(status).toBe(3);
        expect(JSON.parse(stdout)).toEqual({
          ok: false,
          error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(message) },
        });
      },
      30_000,
    );
  });
});

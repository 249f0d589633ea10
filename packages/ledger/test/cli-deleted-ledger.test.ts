import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import { openLedger } from '../src/index.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

async function signedRun() {
  const dir = tempDir();
  const keys = generateKeyPairSync('ed25519');
  const ledger = openLedger({ dir, runId: 'run-1', signer: { privateKey: keys.privateKey } });
  ledger.append(r.runStart());
  ledger.append(r.request('run-1', 1));
  await ledger.close();
  const publicKey = join(dir, 'signer.pub.pem');
  writeFileSync(publicKey, keys.publicKey.export({ type: 'spki', format: 'pem' }));
  return { dir, runDir: join(dir, 'run-1'), publicKey };
}

describe('pm-ledger verify on a run whose ledger.jsonl was deleted', () => {
  it('fails the check (exit 1, checkpoint_mismatch), not "pass a run directory" (exit 3)', async () => {
    const { runDir, publicKey } = await signedRun();
    rmSync(join(runDir, 'ledger.jsonl'));
    const human = await cli('verify', runDir, '--public-key', publicKey);
    expect(human.code).toBe(1);
    expect(human.out).toMatch(
      /^FAILED: 1 problem in 0 records\n {2}checkpoint_mismatch +ledger\.jsonl is missing, while its checkpoint\.json covers \d+ bytes up to record 2: the ledger was deleted or moved/,
    );
    const json = await cli('verify', runDir, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({
      ok: false,
      records: 0,
      size: 0,
      checkpoint: null,
      problems: [{ kind: 'checkpoint_mismatch', seq: null, line: null }],
      in_flight: null,
    });
  });

  it('holds it to a checkpoint kept elsewhere too, and still refuses a bad key first', async () => {
    const { dir, runDir, publicKey } = await signedRun();
    const kept = join(dir, 'kept-checkpoint.json');
    copyFileSync(join(runDir, 'checkpoint.json'), kept);
    rmSync(join(runDir, 'ledger.jsonl'));
    rmSync(join(runDir, 'checkpoint.json'));
    const given = await cli('verify', runDir, '--checkpoint', kept, '--public-key', publicKey);
    expect(given.code).toBe(1);
    expect(given.out).toContain('ledger.jsonl is missing, while the checkpoint given covers');
    const badKey = await cli('verify', runDir, '--checkpoint', kept, '--public-key', kept);
    expect(badKey.code).toBe(3);
  });

  it('still tells a folder that never held a run to pass one (exit 3)', async () => {
    const empty = join(tempDir(), 'run-1');
    mkdirSync(empty);
    const result = await cli('verify', empty);
    expect(result.code).toBe(3);
    expect(result.err).toContain('holds no ledger.jsonl');
  });
});

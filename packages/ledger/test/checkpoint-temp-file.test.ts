import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleFromSources } from '../../../test/support/source-bundle.js';
import { openLedger, verifyLedger } from '../src/index.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();
const writerPath = await bundleFromSources(
  fileURLToPath(new URL('./helpers/checkpoint-writer.ts', import.meta.url)),
);
const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;
/** The temp name writers before this fix always used: what an attacker or a leftover would hold. */
const OLD_TEMP = 'checkpoint.json.tmp';

/** Signs a checkpoint in a child process, killed after 20 s; resolves to its status and stdout. */
function checkpointInChild(dir: string, runId: string) {
  const child = spawn(process.execPath, [writerPath, dir, runId], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
  return new Promise<{ status: number | null; stdout: string }>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout });
    });
  });
}

describe('writing checkpoint.json never opens what is already in the run directory', () => {
  it.runIf(hasMkfifo)(
    'a FIFO at the temp name does not hang the writer',
    async () => {
      const dir = tempDir();
      mkdirSync(join(dir, 'run-1'));
      spawnSync('mkfifo', [join(dir, 'run-1', OLD_TEMP)]);
      const { status, stdout } = await checkpointInChild(dir, 'run-1');
      expect({ status, stdout }).toEqual({ status: 0, stdout: 'signed\n' });
      expect(lstatSync(join(dir, 'run-1', 'checkpoint.json')).isFile()).toBe(true);
    },
    30_000,
  );

  it('a symbolic link at the temp name: its target is untouched', async () => {
    const dir = tempDir();
    const runDir = join(dir, 'run-1');
    mkdirSync(runDir);
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious data\n');
    symlinkSync(victim, join(runDir, OLD_TEMP));
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const ledger = openLedger({ dir, runId: 'run-1', durability: 'none', signer: { privateKey } });
    ledger.append(r.alert());
    ledger.checkpoint();
    await ledger.close();
    expect(readFileSync(victim, 'utf8')).toBe('precious data\n');
    expect(lstatSync(join(runDir, 'checkpoint.json')).isFile()).toBe(true);
    expect((await verifyLedger(runDir, { publicKey })).ok).toBe(true);
  });

  it('leaves no temp file behind, whether the write succeeds or fails', async () => {
    const dir = tempDir();
    const runDir = join(dir, 'run-1');
    const { privateKey } = generateKeyPairSync('ed25519');
    const ledger = openLedger({ dir, runId: 'run-1', durability: 'none', signer: { privateKey } });
    ledger.append(r.alert());
    ledger.checkpoint();
    const temps = () => readdirSync(runDir).filter((name) => name.endsWith('.tmp'));
    expect(temps()).toEqual([]);
    // A folder that is not empty where the checkpoint goes: the rename fails.
    mkdirSync(join(runDir, 'checkpoint.json.d', 'x'), { recursive: true });
    rmSync(join(runDir, 'checkpoint.json'));
    renameSync(join(runDir, 'checkpoint.json.d'), join(runDir, 'checkpoint.json'));
    expect(() => ledger.checkpoint()).toThrow();
    expect(temps()).toEqual([]);
    await expect(ledger.close()).rejects.toThrow();
    expect(temps()).toEqual([]);
  });

  it('opening the run removes the temp files a writer killed mid-checkpoint left, and nothing else', async () => {
    const dir = tempDir();
    const runDir = join(dir, 'run-1');
    const first = openLedger({ dir, runId: 'run-1', durability: 'none' });
    first.append(r.runStart());
    await first.detach();
    const leftovers = ['checkpoint.json.0123456789ab.tmp', OLD_TEMP];
    for (const name of leftovers) writeFileSync(join(runDir, name), '{"half":');
    writeFileSync(join(runDir, 'notes.tmp'), 'the host’s own');
    mkdirSync(join(runDir, 'checkpoint.json.ffffffffffff.tmp'));
    const ledger = openLedger({ dir, runId: 'run-1', durability: 'none' });
    const names = readdirSync(runDir);
    for (const name of leftovers) expect(names).not.toContain(name);
    // Not a name a checkpoint write makes, or not a file: left alone.
    expect(names).toContain('notes.tmp');
    expect(names).toContain('checkpoint.json.ffffffffffff.tmp');
    await ledger.close();
  });
});

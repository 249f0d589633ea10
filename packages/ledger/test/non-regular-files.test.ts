import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isPmError } from '@pm/envelope-schemas';
import { describe, expect, it } from 'vitest';
import {
  InvalidLedgerArgumentError,
  LedgerCorruptError,
  openLedger,
  readArtifact,
  readLedger,
  verifyLedger,
} from '../src/index.js';
import { cliInChild } from './helpers/cli-child.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();
const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;

async function sampleRun() {
  const dir = tempDir();
  const ledger = openLedger({ dir, runId: 'run-1' });
  ledger.append(r.runStart());
  const ref = await ledger.putArtifact('output');
  await ledger.close();
  return { dir, runDir: join(dir, 'run-1'), hex: ref.slice('artifact://sha256:'.length), ref };
}

describe.runIf(hasMkfifo)('a FIFO where a file belongs never hangs a reader', () => {
  it('checkpoint.json: verify reports checkpoint_mismatch and exits', async () => {
    const { runDir } = await sampleRun();
    spawnSync('mkfifo', [join(runDir, 'checkpoint.json')]);
    const { status, stdout } = await cliInChild(['verify', runDir, '--json']);
    expect(status).toBe(1);
    const result = JSON.parse(stdout);
    expect(result.problems).toEqual([
      expect.objectContaining({
        kind: 'checkpoint_mismatch',
        message: 'checkpoint.json is a FIFO, not a regular file',
      }),
    ]);
  }, 30_000);

  it('ledger.jsonl: verify prints { ok: false, error } and exits', async () => {
    const runDir = join(tempDir(), 'run-1');
    mkdirSync(runDir);
    spawnSync('mkfifo', [join(runDir, 'ledger.jsonl')]);
    const { status, stdout } = await cliInChild(['verify', runDir, '--json']);
    expect(status).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ ok: false, error: { code: 'LEDGER_CORRUPT' } });
  }, 30_000);

  it('an artifact: verify reports artifact_mismatch and exits', async () => {
    const { runDir, hex } = await sampleRun();
    const path = join(runDir, 'artifacts', 'sha256', hex);
    rmSync(path);
    spawnSync('mkfifo', [path]);
    const { status, stdout } = await cliInChild(['verify', runDir, '--json']);
    expect(status).toBe(1);
    expect(JSON.parse(stdout).problems).toEqual([
      expect.objectContaining({
        kind: 'artifact_mismatch',
        message: `artifact sha256:${hex} is a FIFO, not a regular file`,
      }),
    ]);
  }, 30_000);

  it('in-process readers refuse a FIFO without opening it for a blocking read', async () => {
    const { dir, runDir, ref, hex } = await sampleRun();
    const path = join(runDir, 'artifacts', 'sha256', hex);
    rmSync(path);
    spawnSync('mkfifo', [path]);
    await expect(readArtifact(runDir, ref)).rejects.toThrow(LedgerCorruptError);
    const other = join(dir, 'run-2');
    mkdirSync(other);
    spawnSync('mkfifo', [join(other, 'ledger.jsonl')]);
    await expect(readLedger(other, () => {})).rejects.toThrow(LedgerCorruptError);
    expect(() => openLedger({ dir, runId: 'run-2' })).toThrow(LedgerCorruptError);
  });

  it("a writer's flush refuses a FIFO put in a pending artifact's place (closes, never hangs)", async () => {
    const dir = tempDir();
    // none: the artifact stays pending (no background fsync) until the flush.
    const ledger = openLedger({ dir, runId: 'run-1', durability: 'none' });
    const ref = await ledger.putArtifact('output');
    const path = join(dir, 'run-1', 'artifacts', 'sha256', ref.slice('artifact://sha256:'.length));
    rmSync(path);
    spawnSync('mkfifo', [path]);
    let thrown: unknown;
    try {
      ledger.flush();
    } catch (error) {
      thrown = error;
    }
    expect(isPmError(thrown) && thrown.code).toBe('LEDGER_CLOSED');
    expect((thrown as Error).message).toContain(`${path} is a FIFO, not a regular file`);
    // Closed for good: no record lands after a flush that could not make it durable.
    expect(() => ledger.append(r.runStart())).toThrow(/takes no more records/);
  });
});

describe('plain Node errors become PmErrors or problems', () => {
  it('verifyLedger reports an artifacts/sha256 that is a file, and the artifacts it cannot find', async () => {
    const { runDir } = await sampleRun();
    rmSync(join(runDir, 'artifacts', 'sha256'), { recursive: true });
    writeFileSync(join(runDir, 'artifacts', 'sha256'), 'x');
    const result = await verifyLedger(runDir);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.kind)).toEqual(['artifact_mismatch']);
    expect(result.problems[0]!.message).toMatch(/cannot be listed \(it is not a folder\)/);
  });

  it('readArtifact throws LedgerCorruptError when a folder is at the address', async () => {
    const { runDir, ref, hex } = await sampleRun();
    const path = join(runDir, 'artifacts', 'sha256', hex);
    rmSync(path);
    mkdirSync(path);
    await expect(readArtifact(runDir, ref)).rejects.toThrow(LedgerCorruptError);
  });

  it('verifyLedger, readLedger and openLedger throw LedgerCorruptError when ledger.jsonl is a folder', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'run-1', 'ledger.jsonl'), { recursive: true });
    const runDir = join(dir, 'run-1');
    await expect(verifyLedger(runDir)).rejects.toThrow(LedgerCorruptError);
    await expect(readLedger(runDir, () => {})).rejects.toThrow(LedgerCorruptError);
    expect(() => openLedger({ dir, runId: 'run-1' })).toThrow(LedgerCorruptError);
  });

  it('openLedger throws InvalidLedgerArgumentError when dir is a file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'f'), 'x');
    let error: unknown;
    try {
      openLedger({ dir: join(dir, 'f'), runId: 'run-1' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidLedgerArgumentError);
    expect(isPmError(error)).toBe(true);
  });

  it('openLedger throws LedgerCorruptError when artifacts/sha256 is a file', async () => {
    const { dir, runDir } = await sampleRun();
    rmSync(join(runDir, 'artifacts', 'sha256'), { recursive: true });
    writeFileSync(join(runDir, 'artifacts', 'sha256'), 'x');
    // (The run is closed, but the store is checked before the ledger is read.)
    expect(() => openLedger({ dir, runId: 'run-1' })).toThrow(LedgerCorruptError);
  });
});

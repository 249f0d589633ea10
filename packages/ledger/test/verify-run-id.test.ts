import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, cpSync, rmSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import { openLedger, readLedger, summariseLedger, verifyLedger } from '../src/index.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

/** Two closed, signed runs, run-A and run-B, side by side under one folder. */
async function twoRuns() {
  const dir = tempDir();
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  for (const runId of ['run-A', 'run-B']) {
    const ledger = openLedger({ dir, runId, durability: 'none', signer: { privateKey } });
    ledger.append(r.runStart());
    ledger.append(r.alert());
    await ledger.close();
  }
  return { dir, publicKey, runA: join(dir, 'run-A'), runB: join(dir, 'run-B') };
}

describe('verifyLedger holds the ledger to the run its directory is named after', () => {
  it('reports every record of another run copied in whole (checkpoint and all)', async () => {
    const { runA, runB, publicKey } = await twoRuns();
    rmSync(runA, { recursive: true });
    cpSync(runB, runA, { recursive: true });
    const result = await verifyLedger(runA, { publicKey });
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => [p.kind, p.seq])).toEqual([
      ['schema_invalid', 0],
      ['schema_invalid', 1],
      ['schema_invalid', 2],
      ['checkpoint_mismatch', 2],
    ]);
    expect(result.problems[0]!.message).toBe(
      "record 0 (line 1) belongs to another run, not run-A (the run directory's name)",
    );
    expect(result.problems[3]!.message).toBe(
      "the checkpoint is for another run, not run-A (the run directory's name)",
    );
    // The same files verify under their own run's name.
    expect((await verifyLedger(runB, { publicKey })).ok).toBe(true);
  });

  it("reports another run's checkpoint next to this run's records", async () => {
    const { runA, runB, publicKey } = await twoRuns();
    copyFileSync(join(runB, 'checkpoint.json'), join(runA, 'checkpoint.json'));
    const result = await verifyLedger(runA, { publicKey });
    expect(result.problems.map((p) => p.kind)).toEqual(['checkpoint_mismatch']);
  });

  it('accepts a trailing slash, a relative path or a link to the run directory', async () => {
    const { dir, runA, publicKey } = await twoRuns();
    symlinkSync(runA, join(dir, 'latest'));
    expect((await verifyLedger(join(dir, 'latest'), { publicKey })).ok).toBe(true);
    expect((await verifyLedger(`${runA}/`, { publicKey })).ok).toBe(true);
    expect((await verifyLedger(relative(process.cwd(), runA), { publicKey })).ok).toBe(true);
    expect((await verifyLedger(join(runA, '.'), { publicKey })).ok).toBe(true);
  });

  it('verifies a copy kept under another folder name when told its run id', async () => {
    const { dir, runA, publicKey } = await twoRuns();
    const archived = join(dir, 'archive-2026-12-05');
    cpSync(runA, archived, { recursive: true });
    expect((await verifyLedger(archived, { publicKey })).problems[0]?.message).toBe(
      "record 0 (line 1) belongs to another run, not archive-2026-12-05 (the run directory's name)",
    );
    expect((await verifyLedger(archived, { publicKey, runId: 'run-A' })).ok).toBe(true);
    const wrong = await verifyLedger(archived, { publicKey, runId: 'run-B' });
    expect(wrong.problems[0]?.message).toBe(
      'record 0 (line 1) belongs to another run, not run-B (the runId asked for)',
    );
    await expect(verifyLedger(archived, { runId: '' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});

describe('readers hold the ledger to its run the same way', () => {
  it('readLedger, summariseLedger and pm-ledger show/summary refuse another run copied in', async () => {
    const { runA, runB } = await twoRuns();
    rmSync(runA, { recursive: true });
    cpSync(runB, runA, { recursive: true });
    const damage = {
      code: 'LEDGER_CORRUPT',
      message: expect.stringContaining(
        "belongs to another run, not run-A (the run directory's name)",
      ),
    };
    await expect(readLedger(runA, () => {})).rejects.toMatchObject(damage);
    await expect(summariseLedger(runA)).rejects.toMatchObject(damage);
    for (const command of ['show', 'summary']) {
      let err = '';
      const code = await runCli([command, runA], { out: () => {}, err: (t) => (err += t) });
      expect(code).toBe(1);
      expect(err).toContain('belongs to another run, not run-A');
    }
  });

  it('read a copy kept under another folder name when told its run id', async () => {
    const { dir, runA } = await twoRuns();
    const archived = join(dir, 'archive-2026-12-05');
    cpSync(runA, archived, { recursive: true });
    await expect(readLedger(archived, () => {})).rejects.toMatchObject({ code: 'LEDGER_CORRUPT' });
    const types: string[] = [];
    expect(await readLedger(archived, (rec) => types.push(rec.type), { runId: 'run-A' })).toBe(3);
    expect(types).toEqual(['run_start', 'alert', 'run_end']);
    const summary = await summariseLedger(archived, { runId: 'run-A' });
    expect(summary).toMatchObject({ run_id: 'run-A', records: 3, alerts: 1, closed: true });
    let out = '';
    const code = await runCli(['summary', archived, '--run-id', 'run-A', '--json'], {
      out: (t) => (out += t),
      err: () => {},
    });
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ run_id: 'run-A', records: 3 });
    for (const runId of ['', 3]) {
      await expect(
        readLedger(archived, () => {}, { runId: runId as string }),
      ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(summariseLedger(archived, { runId: runId as string })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('summariseLedger: runId must be'),
      });
    }
  });

  it('an empty ledger summarises under the run directory’s name', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-empty', durability: 'none' });
    await ledger.detach();
    expect((await summariseLedger(join(dir, 'run-empty'))).run_id).toBe('run-empty');
  });
});

describe('a copy under another folder name is told how to read it', () => {
  it('pm-ledger verify, show and summary, and readLedger, point at --run-id / runId', async () => {
    const { dir, runA } = await twoRuns();
    const archived = join(dir, 'archive-2026-12-05');
    cpSync(runA, archived, { recursive: true });
    const hint = 'if this folder is a copy of the run kept under another name, pass --run-id';
    let out = '';
    expect(await runCli(['verify', archived], { out: (t) => (out += t), err: () => {} })).toBe(1);
    expect(out).toContain(`hint: ${hint}`);
    for (const command of ['show', 'summary']) {
      let err = '';
      await runCli([command, archived], { out: () => {}, err: (t) => (err += t) });
      expect(err).toContain('If this folder is a copy of the run kept under another name');
      expect(err).toContain('`--run-id` of pm-ledger');
    }
    await expect(readLedger(archived, () => {})).rejects.toMatchObject({
      message: expect.stringContaining("pass the run id its records hold (readLedger's runId"),
    });
    // Not when the run id was given: the records are then of another run than asked for.
    out = '';
    await runCli(['verify', archived, '--run-id', 'run-B'], {
      out: (t) => (out += t),
      err: () => {},
    });
    expect(out).not.toContain('hint: if this folder is a copy');
  });
});

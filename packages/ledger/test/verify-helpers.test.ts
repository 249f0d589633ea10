import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArtifactCheck } from '../src/artifact-check.js';
import { canonicalJson } from '../src/canonical-json.js';
import { ChainChecker } from '../src/chain-checker.js';
import { InvalidLedgerArgumentError, openLedger, verifyLedger } from '../src/index.js';
import { ledgerFile } from '../src/ledger-files.js';
import type { LedgerProblem } from '../src/ledger-problem.js';
import { encodeRecord } from '../src/record-line.js';
import { VerifyHelpers } from '../src/verify-helpers.js';
import { checkLines } from '../src/verify-lines.js';
import { makeCanaries } from './helpers/canaries.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();
const CHECKS = { secrets: true, artifacts: true };

/**
 * A ledger of several read chunks (~1 MB each) with damage in each: a changed byte, a
 * deleted line, a record re-hashed around a secret, a 2 MB line that is no record, an
 * oversized line.
 */
async function damagedLedger(): Promise<string> {
  const dir = tempDir();
  const ledger = openLedger({ dir, runId: 'run-1', durability: 'none' });
  ledger.append(r.runStart());
  const output = await ledger.putArtifact('the output');
  for (let i = 1; i <= 7000; i++) ledger.append(r.response(i, output));
  await ledger.close();
  const runDir = join(dir, 'run-1');
  const file = ledgerFile(runDir);
  const lines = readFileSync(file, 'utf8').split('\n').slice(0, -1);
  const [openai] = makeCanaries();
  const secretRecord = JSON.parse(lines[4000]!);
  secretRecord.data.finish_reason = openai!.text;
  lines[4000] = encodeRecord({
    ...secretRecord,
    dataJson: canonicalJson(secretRecord.data),
  }).line.trimEnd();
  lines[1500] = lines[1500]!.replace('"attempts":1', '"attempts":2');
  lines.splice(2500, 1);
  lines[6000] = 'x'.repeat(17 * 1024 * 1024);
  // JSON, but no record, and longer than a read chunk: it arrives in pieces.
  lines[3000] = JSON.stringify({ pad: 'a'.repeat(2 * 1024 * 1024) });
  writeFileSync(file, `${lines.join('\n')}\n`);
  return runDir;
}

async function readyHelpers(count: number): Promise<VerifyHelpers> {
  const helpers = VerifyHelpers.start(count, CHECKS);
  if (helpers === null) throw new Error('no helper script');
  const deadline = Date.now() + 30_000;
  while (!helpers.hasRoom()) {
    if (Date.now() > deadline) throw new Error('the helpers did not start');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return helpers;
}

async function check(
  runDir: string,
  helpers: VerifyHelpers | null,
  checkpointSize = null as number | null,
) {
  const problems: LedgerProblem[] = [];
  const checker = new ChainChecker(null);
  const artifacts = ArtifactCheck.start(runDir, CHECKS.secrets);
  const lines = await checkLines(ledgerFile(runDir), checker, problems, CHECKS, {
    helpers,
    checkpointSize,
    artifacts,
  });
  problems.push(...artifacts.problems);
  return { problems, lines, head: checker.lastHash, count: checker.count };
}

describe('verification on helper threads', () => {
  it('finds exactly what the calling thread alone finds, in the same order', async () => {
    const runDir = await damagedLedger();
    const alone = await check(runDir, null);
    // The re-hashed record breaks its successor's link too.
    expect(alone.problems.map((p) => [p.kind, p.line])).toEqual([
      ['hash_mismatch', 1501],
      ['seq_gap', 2501],
      ['prev_mismatch', 2501],
      ['schema_invalid', 3001],
      ['secret_found', 4000],
      ['prev_mismatch', 4001],
      ['bad_json', 6001],
    ]);
    const helpers = await readyHelpers(2);
    try {
      const helped = await check(runDir, helpers);
      expect(helpers.batchesChecked).toBeGreaterThan(1);
      expect(helped).toEqual(alone);
    } finally {
      await helpers.close();
    }
  }, 60_000);

  it('finds the record a checkpoint ends at inside a batch a helper would take', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1', durability: 'none' });
    ledger.append(r.runStart());
    const output = await ledger.putArtifact('the output');
    for (let i = 1; i <= 4000; i++) ledger.append(r.response(i, output));
    await ledger.close();
    const runDir = join(dir, 'run-1');
    // The end of line 700, inside the first read chunk: the first batch a helper takes.
    const lines = readFileSync(ledgerFile(runDir), 'utf8').split('\n').slice(0, 700);
    const checkpointSize = Buffer.byteLength(`${lines.join('\n')}\n`);
    const alone = await check(runDir, null, checkpointSize);
    expect(alone.lines.atCheckpoint).toEqual({ seq: 699, hash: JSON.parse(lines[699]!).hash });
    const helpers = await readyHelpers(1);
    try {
      const helped = await check(runDir, helpers, checkpointSize);
      expect(helpers.batchesChecked).toBeGreaterThan(1);
      expect(helped).toEqual(alone);
    } finally {
      await helpers.close();
    }
  }, 60_000);

  it('checks a batch itself when its helper dies holding it', async () => {
    const runDir = await damagedLedger();
    const alone = await check(runDir, null);
    const helpers = await readyHelpers(1);
    // The helper is stopped right after it is handed its first batch.
    const run = helpers.run.bind(helpers);
    let handed = 0;
    helpers.run = (batch) => {
      const result = run(batch);
      if (handed++ === 0) void helpers.close();
      return result;
    };
    const helped = await check(runDir, helpers);
    // Batches handed over before it was seen to stop all came back to this thread.
    expect(handed).toBeGreaterThanOrEqual(1);
    expect(helpers.batchesChecked).toBe(0);
    expect(helped).toEqual(alone);
  }, 60_000);

  it('starts at most one helper per spare CPU, however many are asked for', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    ledger.append(r.runStart());
    await ledger.close();
    const file = ledgerFile(join(dir, 'run-1'));
    const cap = Math.max(availableParallelism() - 1, 1);
    for (const [asked, started] of [
      [999, cap],
      [cap + 1, cap],
      [1, 1],
    ] as const) {
      const helpers = VerifyHelpers.forLedger(file, asked, CHECKS);
      try {
        expect(helpers?.threads).toBe(started);
      } finally {
        await helpers?.close();
      }
    }
    expect(VerifyHelpers.forLedger(file, 0, CHECKS)).toBeNull();
    // What verifyLedger starts for a large number: it finishes as it does alone.
    const runDir = join(dir, 'run-1');
    expect(await verifyLedger(runDir, { workers: 999 })).toEqual(
      await verifyLedger(runDir, { workers: 0 }),
    );
  }, 60_000);

  it('verifyLedger takes a helper count and refuses a bad one', async () => {
    const runDir = await damagedLedger();
    const alone = await verifyLedger(runDir, { workers: 0 });
    expect(await verifyLedger(runDir, { workers: 1 })).toEqual(alone);
    await expect(verifyLedger(runDir, { workers: -1 })).rejects.toThrow(InvalidLedgerArgumentError);
    await expect(verifyLedger(runDir, { workers: 1.5 })).rejects.toThrow(/whole number/);
  }, 60_000);
});

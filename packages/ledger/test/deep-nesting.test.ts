import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/canonical-json.js';
import { GENESIS_PREV } from '../src/hash-chain.js';
import { LedgerCorruptError, openLedger, readLedger, verifyLedger } from '../src/index.js';
import { encodeRecord } from '../src/record-line.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

/** A run_start with a correct hash whose config holds `depth` nested arrays. */
function deepRun(depth: number): { dir: string; runDir: string } {
  const dir = tempDir();
  const runDir = join(dir, 'run-1');
  mkdirSync(runDir, { recursive: true });
  const deep = '['.repeat(depth) + ']'.repeat(depth);
  const dataJson = canonicalJson(r.runStart().data).replace(
    '"config":{',
    `"config":{"deep":${deep},`,
  );
  const { line } = encodeRecord({
    run_id: 'run-1',
    seq: 0,
    ts: '2026-11-22T09:30:00.000Z',
    type: 'run_start',
    stage: null,
    dataJson,
    prev: GENESIS_PREV,
  });
  writeFileSync(join(runDir, 'ledger.jsonl'), line);
  return { dir, runDir };
}

describe('a record nested deeper than the writer allows', () => {
  it.each([
    [200_000, 'far deeper than the call stack'],
    [300, 'just over the limit'],
  ])('verifyLedger reports %i levels (%s) as schema_invalid', async (depth) => {
    const { runDir } = deepRun(depth);
    for (const options of [{}, { secrets: false }, { secrets: false, artifacts: false }]) {
      const result = await verifyLedger(runDir, options);
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]).toMatchObject({ kind: 'schema_invalid', seq: 0, line: 1 });
      expect(result.problems[0]!.message).toMatch(/nested deeper than the 256 levels/);
    }
  });

  it('openLedger and readLedger refuse it with LedgerCorruptError', async () => {
    const { dir, runDir } = deepRun(200_000);
    expect(() => openLedger({ dir, runId: 'run-1' })).toThrow(LedgerCorruptError);
    await expect(readLedger(runDir, () => {})).rejects.toThrow(LedgerCorruptError);
  });

  it('a config as deep as the writer allows still verifies', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    let deep: unknown = 'leaf';
    for (let i = 0; i < 254; i++) deep = [deep]; // data > config > 254 arrays = 256 levels
    ledger.append(r.runStart({ provider: 'offline', deep }));
    await ledger.close();
    expect((await verifyLedger(join(dir, 'run-1'))).ok).toBe(true);
  });
});

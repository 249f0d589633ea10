import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ArtifactCheck } from '../src/artifact-check.js';
import { ChainChecker } from '../src/chain-checker.js';
import { sha256Hex } from '../src/hash-chain.js';
import { openLedger, verifyLedger } from '../src/index.js';
import { ledgerFile } from '../src/ledger-files.js';
import { checkLines } from '../src/verify-lines.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

// A process that cannot start one more thread (a thread limit, a resource limit).
vi.mock('node:worker_threads', async (original) => ({
  ...(await original<typeof import('node:worker_threads')>()),
  Worker: class {
    constructor() {
      throw new Error('ERR_WORKER_INIT_FAILED');
    }
  },
}));

const tempDir = useTempDirs();
const CHECKS = { secrets: true, artifacts: true };

describe('helper threads that cannot be started', () => {
  it('leave the artifacts and the lines to the calling thread, which checks them all', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1', durability: 'none' });
    const refs: string[] = [];
    for (let i = 0; i < 5; i++) refs.push(await ledger.putArtifact(`output ${i}`));
    ledger.append(r.runStart());
    for (let i = 0; i < 5; i++) ledger.append(r.response(i + 1, refs[i]!));
    await ledger.close();
    const runDir = join(dir, 'run-1');
    rmSync(join(runDir, 'artifacts', 'sha256', sha256Hex('output 2')));

    const artifacts = ArtifactCheck.start(runDir, true, { helperFrom: 0 });
    expect(artifacts.helperThread).toBeNull();
    await checkLines(ledgerFile(runDir), new ChainChecker(null), [], CHECKS, {
      helpers: null,
      checkpointSize: null,
      artifacts,
    });
    await artifacts.checkUnnamed();
    expect(artifacts.problems.map((p) => [p.kind, p.seq])).toEqual([['missing_artifact', 3]]);
    // Line helpers asked for: none can be made, the calling thread checks the lines.
    const result = await verifyLedger(runDir, { workers: 1 });
    expect(result.records).toBe(7);
    expect(result.problems.map((p) => [p.kind, p.seq])).toEqual([['missing_artifact', 3]]);
  });
});

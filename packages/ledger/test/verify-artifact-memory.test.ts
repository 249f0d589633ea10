import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleFromSources } from '../../../test/support/source-bundle.js';
import { sha256Hex } from '../src/hash-chain.js';
import { craftChain } from './helpers/craft.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();
const verifyChild = await bundleFromSources(
  join(import.meta.dirname, 'helpers', 'verify-child.ts'),
);
const RECORDS = 400;
const REFS_PER_RECORD = 1000;

describe('verifying the artifacts of a long run', () => {
  it('keeps memory bounded: 400,000 artifacts named verify within a 64 MB heap', () => {
    // Every record names new artifacts, as a real run's requests and responses do; none
    // is stored, so each is one missing_artifact problem (listed up to 10,000). Holding
    // every name read until the end took ~150 bytes a name: this run needed more than
    // 64 MB of heap and died of it.
    const runDir = join(tempDir(), 'run-1');
    mkdirSync(join(runDir, 'artifacts', 'sha256'), { recursive: true });
    const records = Array.from({ length: RECORDS }, (_, i) =>
      r.request(
        'run-1',
        i,
        Array.from(
          { length: REFS_PER_RECORD },
          (_, j) => `artifact://sha256:${sha256Hex(`${i}/${j}`)}`,
        ),
      ),
    );
    writeFileSync(join(runDir, 'ledger.jsonl'), craftChain('run-1', records).join(''));

    const child = spawnSync(process.execPath, ['--max-old-space-size=64', verifyChild, runDir], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(child.stderr).not.toMatch(/heap/i);
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout)).toEqual({
      problems: 10_000,
      omitted: RECORDS * REFS_PER_RECORD - 10_000,
      kinds: ['missing_artifact'],
    });
  }, 180_000);
});

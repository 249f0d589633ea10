import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import { openLedger, verifyLedger } from '../src/index.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();
const BAD_LINES = 25_000;

async function cli(...argv: string[]) {
  let stdout = '';
  const code = await runCli(argv, { out: (t) => (stdout += t), err: () => {} });
  return { code, stdout };
}

/** A run whose one record is followed by BAD_LINES lines that are not JSON. */
async function damagedOnEveryLine(): Promise<string> {
  const dir = tempDir();
  const ledger = openLedger({ dir, runId: 'run-1' });
  ledger.append(r.request('run-1', 1));
  await ledger.detach();
  appendFileSync(join(dir, 'run-1', 'ledger.jsonl'), 'not json\n'.repeat(BAD_LINES));
  return join(dir, 'run-1');
}

describe('a ledger damaged on every line', () => {
  it.each([0, 1])(
    'lists the first 10,000 problems of lines in file order and counts the rest (workers: %i)',
    async (workers) => {
      const result = await verifyLedger(await damagedOnEveryLine(), { workers });
      expect(result.ok).toBe(false);
      expect(result.problems).toHaveLength(10_000);
      expect(result.problems.map((p) => p.line)).toEqual(
        Array.from({ length: 10_000 }, (_, i) => i + 2),
      );
      expect(result.problems.every((p) => p.kind === 'bad_json')).toBe(true);
      expect(result.problemsOmitted).toBe(BAD_LINES - 10_000);
    },
  );

  it('pm-ledger verify counts the omitted problems in both outputs', async () => {
    const runDir = await damagedOnEveryLine();
    const json = await cli('verify', runDir, '--json');
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.problems).toHaveLength(10_000);
    expect(parsed.problems_omitted).toBe(BAD_LINES - 10_000);
    const human = await cli('verify', runDir);
    expect(human.stdout).toContain(`FAILED: ${BAD_LINES} problems`);
    expect(human.stdout).toContain(`… and ${BAD_LINES - 50} more (use --json for the first 10000)`);
  });

  it('lists the first 10,000 artifact problems and counts the rest', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    ledger.append(r.request('run-1', 1));
    await ledger.close();
    const store = join(dir, 'run-1', 'artifacts', 'sha256');
    // Files not named by a SHA-256: one artifact_mismatch each.
    for (let i = 0; i < 10_050; i++) writeFileSync(join(store, `stray-${i}`), '');
    const result = await verifyLedger(join(dir, 'run-1'));
    expect(result.problems).toHaveLength(10_000);
    expect(result.problems.every((p) => p.kind === 'artifact_mismatch')).toBe(true);
    expect(result.problemsOmitted).toBe(50);
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const example = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/tsx/dist/loader.mjs', import.meta.url));
const cwd = mkdtempSync(join(tmpdir(), 'pm-audit-replay-test-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

let result: { status: number | null; stdout: string; stderr: string };

// One real run of the example (a child process, run asynchronously: it starts its own
// loopback server and runs pm-ledger as further child processes); each step checked below.
beforeAll(async () => {
  result = await new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', tsx, join(example, 'src/main.ts')],
      {
        cwd,
        env: { ...process.env, TSX_TSCONFIG_PATH: join(example, 'tsconfig.json') },
        timeout: 28_000,
      },
      (error, stdout, stderr) =>
        resolve({
          status: error ? (typeof error.code === 'number' ? error.code : null) : 0,
          stdout,
          stderr,
        }),
    );
  });
  console.log(result.stdout);
});

const section = (n: number) => result.stdout.split('\n== ')[n] ?? '';

describe('examples/audit-replay', () => {
  it('records the three moves through the openai provider and exits 0', () => {
    expect(result.status, result.stderr).toBe(0);
    expect(section(1)).toMatch(
      /^1\. Recorded run [0-9a-f-]{36} \(3 calls through the openai provider/,
    );
    expect(section(1)).toContain('next command: pm-assist performance --top 10 --by variant');
    expect(readdirSync(join(cwd, '.pm-ledger')).sort()).toEqual([expect.any(String), 'replay']);
  });

  it('pm-ledger verify passes on the recorded ledger', () => {
    expect(section(2)).toMatch(/ok: 8 records, head [0-9a-f]{16}\n {2}\(exit code 0\)/);
  });

  it('pm-ledger verify names a changed byte (hash_mismatch) and exits 1', () => {
    expect(section(3)).toContain('one byte changed');
    expect(section(3)).toMatch(/FAILED: 1 problem in 8 records\n +hash_mismatch +line 3:/);
    expect(section(3)).toContain('(exit code 1)');
  });

  it('pm-ledger verify names a deleted line (seq_gap, prev_mismatch) and exits 1', () => {
    expect(section(4)).toMatch(/FAILED: \d problems in 7 records/);
    expect(section(4)).toMatch(/seq_gap +line 3:/);
    expect(section(4)).toMatch(/prev_mismatch +line 3:/);
    expect(section(4)).toContain('(exit code 1)');
  });

  it('the offline replay gives identical outputs and envelopes, with no model call', () => {
    for (const move of ['interpret-goal', 'recommend-next-command', 'draft-narrative']) {
      expect(section(5)).toMatch(new RegExp(`${move} +output identical, envelope identical`));
    }
    expect(section(5)).toContain('model calls during the replay: 0');
    expect(result.stdout).toContain('All steps as expected');
  });
});

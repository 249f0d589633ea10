import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LedgerCorruptError, summariseLedger } from '../src/index.js';
import { type Canary, makeCanaries } from './helpers/canaries.js';
import { cliScript } from './helpers/cli-script.js';
import { craftChain } from './helpers/craft.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

function cli(...args: string[]) {
  return spawnSync(process.execPath, [cliScript, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
  });
}

/**
 * A ledger rewritten around the API with a valid chain (what a tamperer who knows the
 * format produces), with secrets in a record's data and in a stage: the writer would have
 * scrubbed both, so only `verify`'s secret scan tells this ledger from a good one.
 */
function tamperedRun(canaries: Canary[]): string {
  const runDir = join(tempDir(), 'run-1');
  mkdirSync(runDir);
  const openai = canaries.find((c) => c.kind === 'openai')!;
  const github = canaries.find((c) => c.kind === 'github')!;
  const lines = craftChain('run-1', [
    r.runStart({ provider: 'offline', note: openai.text }),
    r.request('run-1', 1),
    { ...r.error(1), stage: github.text },
  ]);
  writeFileSync(join(runDir, 'ledger.jsonl'), lines.join(''));
  return runDir;
}

describe('show and summary on a ledger holding secrets', () => {
  it.each([
    ['show', []],
    ['show', ['--json']],
    ['show', ['--type', 'error']],
    ['summary', []],
    ['summary', ['--json']],
  ])('%s %j prints none of them, and fails as damage (exit 1)', (command, flags) => {
    const canaries = makeCanaries();
    const runDir = tamperedRun(canaries);
    const result = cli(command, runDir, ...flags);
    for (const canary of canaries) {
      expect(result.stdout).not.toContain(canary.secret);
      expect(result.stderr).not.toContain(canary.secret);
    }
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('held secret-shaped text');
    expect(result.stderr).toContain(`pm-ledger verify ${runDir}`);
    if (flags.includes('--json')) {
      const last = result.stdout.trim().split('\n').at(-1)!;
      expect(JSON.parse(last)).toEqual({
        ok: false,
        error: { code: 'LEDGER_CORRUPT', message: expect.stringContaining('secret-shaped') },
      });
    }
  });

  it('show still lists every record, each secret in it as [SECRET:<kind>]', () => {
    const runDir = tamperedRun(makeCanaries());
    const result = cli('show', runDir, '--json');
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    const records = lines.slice(0, 3).map((line) => JSON.parse(line));
    expect(records.map((record) => record.seq)).toEqual([0, 1, 2]);
    expect(records[0].data.config.note).toBe('[SECRET:openai]');
    expect(records[2].stage).toBe('[SECRET:github]');
    expect(result.stderr).toContain('2 records (first: 0)');
  });

  it('a ledger without secrets lists and sums up as before (exit 0)', () => {
    const runDir = join(tempDir(), 'run-1');
    mkdirSync(runDir);
    writeFileSync(
      join(runDir, 'ledger.jsonl'),
      craftChain('run-1', [r.runStart(), r.request('run-1', 1)]).join(''),
    );
    expect(cli('show', runDir).status).toBe(0);
    expect(cli('summary', runDir).status).toBe(0);
  });

  it('summariseLedger itself refuses figures naming a secret, returning none of them', async () => {
    const canaries = makeCanaries();
    const runDir = tamperedRun(canaries);
    const failure = await summariseLedger(runDir).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LedgerCorruptError);
    const message = (failure as Error).message;
    expect(message).toContain('held secret-shaped text (no figures returned)');
    for (const canary of canaries) expect(message).not.toContain(canary.secret);
  });
});

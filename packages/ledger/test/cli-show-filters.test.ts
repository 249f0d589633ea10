import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../src/index.js';
import { cliInChild } from './helpers/cli-child.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

async function sampleRun() {
  const dir = tempDir();
  const ledger = openLedger({ dir, runId: 'run-1' });
  ledger.append(r.runStart());
  ledger.append(r.request('run-1', 1));
  ledger.append({ ...r.error(1), stage: 'interpret-goal' });
  await ledger.close();
  return join(dir, 'run-1');
}

const types = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line).type);

describe('pm-ledger show filters', () => {
  it('--stage - lists the records without a stage, as the listing shows them', async () => {
    const runDir = await sampleRun();
    const human = await cliInChild(['show', runDir]);
    expect(human.stdout.split('\n')[0]).toMatch(/^0\t\S+\trun_start\t-\t/);
    const none = await cliInChild(['show', runDir, '--stage', '-', '--json']);
    expect(none.status).toBe(0);
    expect(types(none.stdout)).toEqual(['run_start', 'run_end']);
  });

  it.each([
    [['--type', 'request', '--type', 'error'], '--type was given more than once'],
    [['--stage', 'draft-narrative', '--stage=interpret-goal'], '--stage was given more than once'],
    [['--run-id', 'run-1', '--run-id', 'run-2'], '--run-id was given more than once'],
    [['--stage', 'draft narrative'], '--stage takes a stage name'],
    [['--stage', '*'], '--stage takes a stage name'],
  ])('%j is a usage error (2), not a quietly narrower listing', async (flags, message) => {
    const runDir = await sampleRun();
    const result = await cliInChild(['show', runDir, ...flags, '--json']);
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: false,
      error: { code: 'USAGE', message: expect.stringContaining(message) },
    });
  });

  it('one of each still filters on both', async () => {
    const runDir = await sampleRun();
    const result = await cliInChild([
      'show',
      runDir,
      '--type',
      'error',
      '--stage',
      'interpret-goal',
      '--json',
    ]);
    expect(result.status).toBe(0);
    expect(types(result.stdout)).toEqual(['error']);
  });
});

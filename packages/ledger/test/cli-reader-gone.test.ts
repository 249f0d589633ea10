import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../src/index.js';
import { cliScript } from './helpers/cli-script.js';
import * as r from './helpers/records.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();

/** A run whose `show --json` prints far more than a pipe holds (~64 KiB). */
async function longRun(): Promise<string> {
  const dir = tempDir();
  const ledger = openLedger({ dir, runId: 'run-1', durability: 'none' });
  ledger.append(r.runStart());
  for (let n = 1; n <= 2000; n++) ledger.append(r.request('run-1', n));
  await ledger.close();
  return join(dir, 'run-1');
}

/**
 * `pm-ledger <args>` in a child process whose stdout is closed by its reader: at once, or
 * (`afterFirstChunk`) once the first output arrived, as `| head -1` does.
 */
function withReaderGone(
  args: string[],
  afterFirstChunk: boolean,
): Promise<{ status: number | null; signal: string | null; first: string; stderr: string }> {
  const child = spawn(process.execPath, [cliScript, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let first = '';
  let stderr = '';
  if (afterFirstChunk) {
    child.stdout.once('data', (chunk: Buffer) => {
      first = chunk.toString('utf8');
      child.stdout.destroy();
    });
  } else {
    child.stdout.destroy();
  }
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, first, stderr });
    });
  });
}

describe('pm-ledger whose output is closed early (| head, | true)', () => {
  it('show --json | head -1: exits 141 quietly after the first lines', async () => {
    const runDir = await longRun();
    const { status, signal, first, stderr } = await withReaderGone(
      ['show', runDir, '--json'],
      true,
    );
    expect(JSON.parse(first.split('\n')[0]!)).toMatchObject({ seq: 0, type: 'run_start' });
    expect(stderr).toBe('');
    expect(signal).toBeNull();
    expect(status).toBe(141);
  }, 30_000);

  it.each([
    ['summary', []],
    ['show', []],
    ['verify', ['--json']],
  ])(
    '%s with stdout closed before it writes: exits 141, no stack trace',
    async (command, flags) => {
      const runDir = await longRun();
      const { status, stderr } = await withReaderGone([command, runDir, ...flags], false);
      expect(stderr).toBe('');
      expect(status).toBe(141);
    },
    30_000,
  );
});

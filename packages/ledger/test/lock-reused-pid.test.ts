import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LedgerLockedError, openLedger } from '../src/index.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();
const onLinux = process.platform === 'linux';
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** Starts a real process running `script` (ESM, with tsx); resolves once it prints `line`. */
function startChild(script: string, line: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: new URL('../../../', import.meta.url),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (text: string) => {
      out += text;
      if (out.includes(line)) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before "${line}"`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.on('exit', () => resolve());
  });
}

const lockFile = (dir: string) => join(dir, 'run-1', 'ledger.lock');

describe.runIf(onLinux)('a lock whose holder died and whose pid a live process reuses', () => {
  it('records the holder start time, holds while it lives, and is taken over once its pid names another process', async () => {
    const dir = tempDir();
    const src = JSON.stringify(new URL('../src/index.ts', import.meta.url).href);
    const holder = await startChild(
      `import { openLedger } from ${src};
openLedger({ dir: ${JSON.stringify(dir)}, runId: 'run-1' });
console.log('OPEN'); setInterval(() => {}, 1000);`,
      'OPEN',
    );
    const lock = JSON.parse(readFileSync(lockFile(dir), 'utf8'));
    expect(lock.pid).toBe(holder.pid);
    expect(lock.start).toMatch(/^\d+$/);
    // The live holder is never taken over.
    expect(() => openLedger({ dir, runId: 'run-1' })).toThrow(LedgerLockedError);

    holder.kill('SIGKILL');
    await exited(holder);
    // Its pid reused: another live process now has the number the lock names.
    const reuser = await startChild('console.log("UP"); setInterval(() => {}, 1000);', 'UP');
    writeFileSync(lockFile(dir), JSON.stringify({ ...lock, pid: reuser.pid }));
    const ledger = openLedger({ dir, runId: 'run-1' });
    expect(JSON.parse(readFileSync(lockFile(dir), 'utf8')).pid).toBe(process.pid);
    await ledger.detach();
  }, 60_000);

  it('still holds a lock without a start time (an older version) while a process has its pid', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    const lock = JSON.parse(readFileSync(lockFile(dir), 'utf8'));
    await ledger.detach();
    const live = await startChild('console.log("UP"); setInterval(() => {}, 1000);', 'UP');
    const { start: _start, time_ns: _timeNs, ...older } = lock;
    writeFileSync(lockFile(dir), JSON.stringify({ ...older, pid: live.pid }));
    expect(() => openLedger({ dir, runId: 'run-1' })).toThrow(LedgerLockedError);
  }, 60_000);

  it('holds a lock naming a live process with its own start time', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    const lock = JSON.parse(readFileSync(lockFile(dir), 'utf8'));
    await ledger.detach();
    const live = await startChild('console.log("UP"); setInterval(() => {}, 1000);', 'UP');
    const stat = readFileSync(`/proc/${live.pid}/stat`, 'utf8');
    const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    writeFileSync(lockFile(dir), JSON.stringify({ ...lock, pid: live.pid, start }));
    expect(() => openLedger({ dir, runId: 'run-1' })).toThrow(LedgerLockedError);
  }, 60_000);
});

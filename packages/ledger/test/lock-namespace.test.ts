import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LedgerLockedError, openLedger } from '../src/index.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();
const onLinux = process.platform === 'linux';
const bootId = onLinux ? readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() : '';
const pidNs = onLinux ? readlinkSync('/proc/self/ns/pid') : '';

/** The pid of a real process that has exited (so `kill(pid, 0)` says ESRCH here). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

function writeLock(dir: string, owner: Record<string, unknown>): void {
  mkdirSync(join(dir, 'run-1'), { recursive: true });
  writeFileSync(join(dir, 'run-1', 'ledger.lock'), JSON.stringify(owner));
}

describe.runIf(onLinux)('the writer lock across PID namespaces and boots', () => {
  it('records the boot id and the PID namespace of its holder', async () => {
    const dir = tempDir();
    const ledger = openLedger({ dir, runId: 'run-1' });
    const lock = JSON.parse(readFileSync(join(dir, 'run-1', 'ledger.lock'), 'utf8'));
    expect(lock).toMatchObject({
      pid: process.pid,
      host: hostname(),
      boot_id: bootId,
      pid_ns: pidNs,
    });
    await ledger.detach();
  });

  it('holds a lock from another PID namespace even when its pid means no process here', () => {
    const dir = tempDir();
    const pid = deadPid();
    writeLock(dir, { pid, host: hostname(), since: '', boot_id: bootId, pid_ns: 'pid:[1]' });
    expect(() => openLedger({ dir, runId: 'run-1' })).toThrow(LedgerLockedError);
    // The same lock from this namespace is provably stale: taken over.
    writeLock(dir, { pid, host: hostname(), since: '', boot_id: bootId, pid_ns: pidNs });
    expect(() => openLedger({ dir, runId: 'run-1' }).detach()).not.toThrow();
  });

  it('takes over a lock from an earlier boot of this machine', async () => {
    const dir = tempDir();
    writeLock(dir, {
      pid: process.pid, // alive now, but the lock's process was of another boot
      host: hostname(),
      since: '',
      boot_id: '00000000-0000-4000-8000-000000000000',
      pid_ns: pidNs,
    });
    await openLedger({ dir, runId: 'run-1' }).detach();
  });

  it.runIf(spawnSync('unshare', ['-U', '-r', '-p', '-f', 'true']).status === 0)(
    'a writer started in a new PID namespace (same host name) is refused while the holder lives',
    async () => {
      const dir = tempDir();
      const ledger = openLedger({ dir, runId: 'run-1' });
      const script = `import { openLedger } from ${JSON.stringify(new URL('../src/index.ts', import.meta.url).href)};
try { const l = openLedger({ dir: ${JSON.stringify(dir)}, runId: 'run-1' }); await l.detach(); console.log('TOOK'); }
catch (e) { console.log(e.code); }`;
      // A real process in its own PID namespace, where this process's pid does not exist.
      const child = spawn(
        'unshare',
        [
          '-U',
          '-r',
          '-p',
          '-f',
          '--mount-proc',
          process.execPath,
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          script,
        ],
        { cwd: new URL('../../../', import.meta.url), stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (t: string) => (out += t));
      const code = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
        child.on('close', (status) => {
          clearTimeout(timer);
          resolve(status);
        });
      });
      expect(code).toBe(0);
      expect(out.trim()).toBe('LEDGER_LOCKED');
      await ledger.detach();
    },
  );
});

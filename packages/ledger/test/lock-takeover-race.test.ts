import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleFromSources } from '../../../test/support/source-bundle.js';
import { LedgerLockedError, openLedger } from '../src/index.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();
const onLinux = process.platform === 'linux';
const racer = await bundleFromSources(
  fileURLToPath(new URL('./helpers/lock-racer.ts', import.meta.url)),
);

const RACERS = Number(process.env.LOCK_RACERS ?? 2);
const ROUNDS = Number(process.env.LOCK_ROUNDS ?? 600);
const PERIOD_MS = Number(process.env.LOCK_PERIOD_MS ?? 8);

/**
 * Starts a racer; `won` settles with the rounds it won once it has raced them all, while it
 * still holds their locks. `release()` lets it exit.
 */
function startRacer(args: string[]): { won: Promise<number[]>; release(): Promise<void> } {
  const child = spawn(process.execPath, [racer, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  let out = '';
  const won = new Promise<number[]>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (t: string) => {
      out += t;
      if (out.endsWith('\n')) resolve(JSON.parse(out.trim()));
    });
    exited.then((code) => reject(new Error(`racer exited ${code} before answering`)));
  });
  return {
    won,
    async release() {
      child.stdin.end();
      const code = await exited;
      if (code !== 0) throw new Error(`racer exited ${code}`);
    },
  };
}

/** A run whose lock is stale (its holder has exited), and the lock content of this host. */
async function staleRun() {
  const dir = tempDir();
  const ledger = openLedger({ dir, runId: 'run-1' });
  const lockFile = join(dir, 'run-1', 'ledger.lock');
  const lock = JSON.parse(readFileSync(lockFile, 'utf8'));
  await ledger.detach();
  const dead = spawnSync(process.execPath, ['-e', '']).pid;
  // Without a start time a lock is judged by its pid alone.
  const { start: _start, ...owner } = lock;
  writeFileSync(lockFile, `${JSON.stringify({ ...owner, pid: dead })}\n`);
  return { dir, runDir: join(dir, 'run-1'), lockFile, owner, dead };
}

describe.runIf(onLinux)('a takeover claim', () => {
  it('of another live process keeps this one from removing the stale lock (LEDGER_LOCKED naming the claim)', async () => {
    const { dir, runDir, lockFile, owner } = await staleRun();
    const before = readFileSync(lockFile, 'utf8');
    const claim = join(runDir, 'ledger.lock.claim.1.other');
    writeFileSync(claim, JSON.stringify({ ...owner, pid: process.ppid }));
    let failure: unknown;
    try {
      openLedger({ dir, runId: 'run-1' });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(LedgerLockedError);
    expect(failure).toMatchObject({ lockFile: claim, holderPid: process.ppid });
    // Said as what it is: not a run holding the ledger, a takeover under way.
    expect((failure as Error).message).toMatch(
      /is taking over the stale lock .*ledger\.lock \(its claim .*claim\.1\.other\)\. Open the run again in a moment.*If the claim stays, and process \d+ is gone.*delete .*claim\.1\.other/,
    );
    expect(readFileSync(lockFile, 'utf8')).toBe(before);
    expect(readdirSync(runDir).filter((n) => n.startsWith('ledger.lock.'))).toEqual([
      'ledger.lock.claim.1.other',
    ]);
  });

  it('left by a process that is gone is removed, and the stale lock taken over', async () => {
    const { dir, runDir, lockFile, owner, dead } = await staleRun();
    writeFileSync(
      join(runDir, 'ledger.lock.claim.1.crashed'),
      JSON.stringify({ ...owner, pid: dead }),
    );
    const ledger = openLedger({ dir, runId: 'run-1' });
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
    expect(readdirSync(runDir).filter((n) => n.startsWith('ledger.lock.'))).toEqual([]);
    await ledger.detach();
  });
});

describe.runIf(onLinux)('processes that find the same stale lock', () => {
  it('never both take it over: each run gets one writer', async () => {
    const dir = tempDir();
    // A lock as this host writes it, naming a process that has exited.
    const ledger = openLedger({ dir, runId: 'template' });
    const lock = JSON.parse(readFileSync(join(dir, 'template', 'ledger.lock'), 'utf8'));
    await ledger.detach();
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const { start: _start, ...withoutStart } = lock;
    for (let r = 0; r < ROUNDS; r++) {
      mkdirSync(join(dir, `run-${r}`));
      writeFileSync(
        join(dir, `run-${r}`, 'ledger.lock'),
        `${JSON.stringify({ ...withoutStart, pid: dead })}\n`,
      );
    }
    // Children take ~0.3 s to start (a bundle under bare node; 1-2 s under tsx), a few
    // times that on a loaded machine: the first round is well after that.
    const startAt = Date.now() + 4_000;
    const args = [dir, String(ROUNDS), String(startAt), String(PERIOD_MS)];
    const racers = Array.from({ length: RACERS }, () => startRacer(args));
    // Every racer answers before any lets go of its locks (see lock-racer.ts).
    const results = await Promise.all(racers.map((r) => r.won));
    await Promise.all(racers.map((r) => r.release()));
    const winners = new Map<number, number>();
    for (const won of results) for (const r of won) winners.set(r, (winners.get(r) ?? 0) + 1);
    const doubled = [...winners].filter(([, n]) => n > 1).map(([r]) => r);
    expect(doubled).toEqual([]);
    // Backing off does not leave runs without a writer: one of the racers takes each.
    expect(winners.size).toBe(ROUNDS);
    // No claim or draft is left behind.
    for (let r = 0; r < ROUNDS; r++) {
      expect(
        readdirSync(join(dir, `run-${r}`)).filter((n) => n.startsWith('ledger.lock.')),
      ).toEqual([]);
    }
  }, 120_000);
});

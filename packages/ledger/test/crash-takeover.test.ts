import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleFromSources } from '../../../test/support/source-bundle.js';
import { openLedger } from '../src/index.js';
import { useTempDirs } from './helpers/temp-dir.js';

const tempDir = useTempDirs();
const looper = await bundleFromSources(
  fileURLToPath(new URL('./helpers/takeover-looper.ts', import.meta.url)),
);
const LIVES = Number(process.env.TAKEOVER_LIVES ?? 6);

/** Runs the looper until it has started `rounds` takeovers, then SIGKILLs it. */
async function killMidTakeover(dir: string, lockJson: string, rounds: number): Promise<void> {
  const child = spawn(process.execPath, [looper, dir, lockJson], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.on('exit', (_c, signal) => resolve(signal)));
  let seen = 0;
  await new Promise<void>((resolve) => {
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      seen += text.split('\n').length - 1;
      if (seen >= rounds) resolve();
    });
    child.on('exit', () => resolve());
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

describe.runIf(process.platform === 'linux')(
  'a process SIGKILLed while it takes over a stale lock',
  () => {
    it('leaves nothing behind once the run is opened again: its lock, claim and lock draft are judged stale and removed', async () => {
      const template = tempDir();
      const first = openLedger({ dir: template, runId: 'template' });
      const lock = JSON.parse(readFileSync(join(template, 'template', 'ledger.lock'), 'utf8'));
      await first.detach();
      const dead = spawnSync(process.execPath, ['-e', '']).pid;
      // Without a start time a lock is judged by its pid alone.
      const { start: _start, ...owner } = lock;
      const lockJson = JSON.stringify({ ...owner, pid: dead });
      for (let life = 0; life < LIVES; life++) {
        const dir = tempDir();
        await killMidTakeover(dir, lockJson, 20 + Math.floor(Math.random() * 200));
        for (const run of readdirSync(dir)) {
          const runDir = join(dir, run);
          // Killed after it removed the stale lock and before it linked its own, it left no
          // lock: opening then takes no lock over and lists nothing (the common path), so
          // its claim and draft stay until a takeover. Otherwise this open takes one over.
          const tookOver = existsSync(join(runDir, 'ledger.lock'));
          const ledger = openLedger({ dir, runId: run, durability: 'none' });
          await ledger.detach();
          if (!tookOver) continue;
          // The dead process's claims and lock drafts went with its stale lock. Only a draft
          // it died writing (empty or torn: it names nobody to judge) may stay.
          const left = readdirSync(runDir).filter((n) => n.startsWith('ledger.lock.'));
          for (const name of left) {
            const text = readFileSync(join(runDir, name), 'utf8');
            expect({ name, complete: text.endsWith('}\n') }).toEqual({ name, complete: false });
          }
        }
      }
    }, 120_000);
  },
);

// Child process of the takeover crash test: takes over one stale lock after another (run
// `run-<r>`, whose lock it first makes stale, naming `deadPid`) until SIGKILLed, printing
// each round before it starts, so it dies at some point of a takeover: claim made, lock
// removed or not, claim removed or not.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openLedger } from '../../src/index.js';

const [dir, lockJson] = process.argv.slice(2) as [string, string];
for (let r = 0; ; r++) {
  const runDir = join(dir, `run-${r}`);
  mkdirSync(runDir, { recursive: true });
  writeFileSync(join(runDir, 'ledger.lock'), `${lockJson}\n`);
  process.stdout.write(`${r}\n`);
  openLedger({ dir, runId: `run-${r}`, durability: 'none' });
}

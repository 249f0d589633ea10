// Child process of the lock-takeover race test: at each of the agreed start times it tries
// to open run `run-<r>` (whose lock the parent made stale), and prints the rounds it won.
import { openLedger } from '../../src/index.js';

const [dir, rounds, startAt, periodMs] = process.argv
  .slice(2)
  .map((a, i) => (i === 0 ? a : Number(a))) as [string, number, number, number];
const won: number[] = [];
for (let r = 0; r < rounds; r++) {
  const at = startAt + r * periodMs;
  // Spin rather than sleep: every racer leaves the mark within microseconds of the others.
  while (Date.now() < at) {}
  try {
    openLedger({ dir, runId: `run-${r}` });
    won.push(r); // held until this process exits: a second holder would be a second writer
  } catch (error) {
    if ((error as { code?: string }).code !== 'LEDGER_LOCKED') throw error;
  }
}
process.stdout.write(`${JSON.stringify(won)}\n`);

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
// Hold every lock won until the parent has every racer's answer (it then closes stdin): a
// racer that exited at once would leave its last locks stale, and a slower racer reaching
// those rounds after would take them over rightly, which would read as a double win.
process.stdin.resume().on('end', () => process.exit(0));

// Generates data/event-log.csv: a synthetic invoice-handling process, 800 cases, seeded so
// the committed file is reproducible (`npm run generate -w @pm-examples/sample-data`).
import { writeFileSync } from 'node:fs';

let seed = 20_261_122;
/** mulberry32: a small seeded PRNG, so every run writes the same log. */
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const clerks = ['ana.silva', 'ben.okafor', 'chen.wei', 'dora.novak', 'emil.berg'].map(
  (n) => `${n}@example.com`,
);
const managers = ['fatima.haddad@example.com', 'gus.moreau@example.com'];
const HOUR = 3_600_000;
const rows: string[] = ['case_id,activity,timestamp,resource,cost'];
let time = Date.UTC(2026, 0, 5, 8);

for (let c = 1; c <= 800; c++) {
  const id = `INV-${String(c).padStart(5, '0')}`;
  time += random() * 6 * HOUR;
  let t = time;
  const step = (activity: string, resource: string, hours: number, cost: number) => {
    t += hours * HOUR * (0.5 + random());
    rows.push(`${id},${activity},${new Date(t).toISOString()},${resource},${cost.toFixed(2)}`);
  };
  step('Register invoice', pick(clerks), 0.1, 2);
  step('Check invoice', pick(clerks), 4, 8);
  // Missing information sends a fifth of the cases round a rework loop, sometimes twice.
  let loops = random() < 0.2 ? (random() < 0.3 ? 2 : 1) : 0;
  while (loops-- > 0) {
    step('Request information', pick(clerks), 2, 5);
    step('Receive information', 'supplier', 48, 0);
    step('Check invoice', pick(clerks), 4, 8);
  }
  if (random() < 0.08) {
    step('Reject invoice', pick(managers), 24, 15);
    continue;
  }
  step('Approve invoice', pick(managers), random() < 0.15 ? 96 : 24, 15);
  step('Pay invoice', 'payments-batch', 48, 1);
  step('Archive invoice', pick(clerks), 2, 1);
}

// An optional path argument writes elsewhere (the test checks the committed file is reproducible).
const target = process.argv[2] ?? new URL('../data/event-log.csv', import.meta.url);
writeFileSync(target, `${rows.join('\n')}\n`);
console.log(`wrote ${String(target)}: ${rows.length - 1} events, 800 cases`);

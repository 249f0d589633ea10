// `npm run bench -w @pm/redact`: @pm/redact against redact-pii and @redactpii/node on the
// same ~1 MB mixed text, the adversarial set, and describeEventLog on 1,000,000 events.
import { cpus } from 'node:os';
import { Redactor as RedactPiiNode } from '@redactpii/node';
import { SyncRedactor } from 'redact-pii';
import { createRedactor } from '../../packages/redact/src/index.js';
import { adversarialInputs } from './adversarial.js';
import { benchEventLog } from './event-log.js';
import { buildMixedText, type PlantedText } from './mixed-text.js';

interface Contender {
  name: string;
  redact: (text: string) => string;
}

/**
 * Median time per contender over `runs` rounds. Rounds interleave the contenders (A B C,
 * A B C, …) so load from other processes on this shared machine hits all of them alike;
 * three warm-up rounds let the JIT settle first.
 */
function measureAll(cs: Contender[], text: string, runs: (c: Contender) => number) {
  const times = new Map<Contender, number[]>(cs.map((c) => [c, []]));
  const outs = new Map<Contender, string>();
  for (let round = 0; round < 3; round++) for (const c of cs) outs.set(c, c.redact(text));
  const maxRuns = Math.max(...cs.map(runs));
  for (let round = 0; round < maxRuns; round++) {
    for (const c of cs) {
      if (round >= runs(c)) continue;
      const t = performance.now();
      outs.set(c, c.redact(text));
      times.get(c)!.push(performance.now() - t);
    }
  }
  return cs.map((c) => {
    const ts = times.get(c)!.sort((a, b) => a - b);
    const median = ts[Math.floor(ts.length / 2)]!;
    return { c, mbps: text.length / 1e6 / (median / 1000), out: outs.get(c)! };
  });
}

function recall(planted: PlantedText['planted'], out: string) {
  const by = new Map<string, { total: number; removed: number }>();
  for (const p of planted) {
    const e = by.get(p.category) ?? { total: 0, removed: 0 };
    e.total++;
    if (!out.includes(p.value)) e.removed++;
    by.set(p.category, e);
  }
  let total = 0;
  let removed = 0;
  const per: Record<string, string> = {};
  for (const [k, v] of by) {
    total += v.total;
    removed += v.removed;
    per[k] = `${((100 * v.removed) / v.total).toFixed(1)}%`;
  }
  return { all: `${((100 * removed) / total).toFixed(1)}%`, ...per };
}

const fast = process.argv.includes('--quick');
const { text, planted } = buildMixedText(fast ? 200_000 : 1_000_000);
const ours = createRedactor();
const contenders: Contender[] = [
  { name: '@pm/redact redactText', redact: (t) => ours.redactText(t).text },
  {
    name: '@redactpii/node',
    redact: (
      (r) => (t: string) =>
        r.redact(t)
    )(new RedactPiiNode()),
  },
  {
    name: 'redact-pii SyncRedactor',
    redact: (
      (r) => (t: string) =>
        r.redact(t)
    )(new SyncRedactor()),
  },
];

console.log(
  `node ${process.version}, ${cpus().length} cores (shared with other work: figures are indicative)`,
);
console.log(`mixed text: ${(text.length / 1e6).toFixed(2)} MB, ${planted.length} planted items\n`);
const rows: Record<string, unknown>[] = [];
let oursMbps = 0;
const results = measureAll(contenders, text, (c) =>
  c.name.startsWith('redact-pii') ? 3 : fast ? 5 : 21,
);
for (const { c, mbps, out } of results) {
  if (c.name.startsWith('@pm')) oursMbps = mbps;
  rows.push({
    tool: c.name,
    'MB/s': mbps.toFixed(1),
    'vs @pm/redact': '',
    ...recall(planted, out),
  });
}
for (const r of rows) r['vs @pm/redact'] = `${(Number(r['MB/s']) / oursMbps).toFixed(2)}x`;
console.table(rows);

console.log('\nadversarial inputs (@pm/redact redactText, 1 run each):');
const adv: Record<string, unknown>[] = [];
for (const { name, text: t } of adversarialInputs(fast ? 200_000 : 1_000_000)) {
  const start = performance.now();
  const res = ours.redactText(t);
  adv.push({
    input: name,
    MB: (t.length / 1e6).toFixed(2),
    ms: (performance.now() - start).toFixed(1),
    findings: res.findings.length,
  });
}
console.table(adv);

console.log('\ndescribeEventLog on 1,000,000 generated events (streamed, one pass):');
const ev = benchEventLog(fast ? 200_000 : 1_000_000);
console.table([
  {
    events: fast ? 200_000 : 1_000_000,
    cases: ev.cases,
    ms: ev.ms.toFixed(0),
    'peak heap growth MB': ev.peakHeapMB.toFixed(0),
    'peak RSS MB': ev.peakRssMB.toFixed(0),
  },
]);

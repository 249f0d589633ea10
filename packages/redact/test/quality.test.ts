import { describe, expect, it } from 'vitest';
import { createRedactor, type Finding } from '../src/index.js';
import type { CorpusCase } from './corpus/case.js';
import { loadCorpus } from './corpus/corpus.js';

interface Tally {
  labels: number;
  found: number;
  findings: number;
  truePositives: number;
  kindRight: number;
}

/** Scores the corpus: recall = labels fully covered by findings of their type; precision = findings overlapping a label of their type. */
function score(cases: readonly CorpusCase[]) {
  const r = createRedactor();
  const tally = new Map<string, Tally>();
  const misses: string[] = [];
  const get = (t: string) => {
    let x = tally.get(t);
    if (x === undefined) {
      x = { labels: 0, found: 0, findings: 0, truePositives: 0, kindRight: 0 };
      tally.set(t, x);
    }
    return x;
  };
  for (const c of cases) {
    const findings = r.scan(c.text);
    const spans: Array<{ type: string; kind?: string; start: number; end: number }> = [];
    let from = 0;
    for (const l of c.labels) {
      const start = c.text.indexOf(l.value, l.value === c.labels[0]?.value ? 0 : from);
      if (start < 0) throw new Error(`label value not in text (${c.origin})`);
      from = start + l.value.length;
      spans.push({
        type: l.type,
        ...(l.kind ? { kind: l.kind } : {}),
        start,
        end: start + l.value.length,
      });
    }
    for (const s of spans) {
      const t = get(s.type);
      t.labels++;
      const covering = findings.filter(
        (f: Finding) => f.type === s.type && f.start < s.end && f.end > s.start,
      );
      let at = s.start;
      for (const f of covering) if (f.start <= at && f.end > at) at = f.end;
      if (at >= s.end) {
        t.found++;
        if (s.kind === undefined || covering.some((f) => f.kind === s.kind)) t.kindRight++;
      } else misses.push(`MISS ${s.type}: ${c.origin}: ${JSON.stringify(c.text.slice(0, 120))}`);
    }
    for (const f of findings) {
      const t = get(f.type);
      t.findings++;
      if (spans.some((s) => s.type === f.type && f.start < s.end && f.end > s.start))
        t.truePositives++;
      else
        misses.push(
          `FP ${f.type}/${f.detector}: ${c.origin}: ${JSON.stringify(c.text.slice(0, 120))}`,
        );
    }
  }
  return { tally, misses };
}

describe('quality on the labelled corpus', () => {
  const corpus = loadCorpus();
  const { tally, misses } = score(corpus);
  const rows = [...tally.entries()].sort(([a], [b]) => a.localeCompare(b));

  it('has an origin for every case and covers every built-in type', () => {
    for (const c of corpus) expect(c.origin.length).toBeGreaterThan(5);
    for (const t of [
      'email',
      'phone',
      'credit_card',
      'iban',
      'ip',
      'ssn',
      'uk_nino',
      'url_credentials',
      'crypto',
      'secret',
    ]) {
      expect(tally.get(t)?.labels ?? 0).toBeGreaterThan(50);
    }
  });

  it('reaches recall >= 0.97 and precision >= 0.97 for every type', () => {
    const table = rows.map(([type, t]) => ({
      type,
      labels: t.labels,
      recall: t.labels === 0 ? 1 : t.found / t.labels,
      precision: t.findings === 0 ? 1 : t.truePositives / t.findings,
      kindAccuracy: t.found === 0 ? 1 : t.kindRight / t.found,
    }));
    if (process.env.REDACT_QUALITY_REPORT) {
      console.log(`cases: ${corpus.length}`);
      console.table(table);
      console.log(misses.slice(0, 80).join('\n'));
    }
    for (const row of table) {
      expect.soft(row.recall, `${row.type} recall`).toBeGreaterThanOrEqual(0.97);
      expect.soft(row.precision, `${row.type} precision`).toBeGreaterThanOrEqual(0.97);
    }
  });
});

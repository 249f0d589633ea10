import { describeEventLog } from '../../packages/redact/src/index.js';

/** Synthetic process-mining events: cases of 3–8 activities, one pass, generated lazily. */
function* events(total: number): Iterable<Record<string, unknown>> {
  const activities = [
    'Create order',
    'Check credit',
    'Approve',
    'Pick',
    'Pack',
    'Ship',
    'Invoice',
    'Close',
  ];
  let produced = 0;
  let caseNo = 0;
  const t0 = Date.parse('2024-01-01T00:00:00Z');
  while (produced < total) {
    const len = 3 + (caseNo % 6);
    let t = t0 + caseNo * 60_000;
    for (let i = 0; i < len && produced < total; i++) {
      t += 600_000 + ((caseNo * 7919 + i * 104729) % 3_600_000);
      yield {
        case_id: `CASE-${caseNo}`,
        activity: activities[(i + (caseNo % 3)) % activities.length],
        timestamp: t,
        resource: `user${caseNo % 50}`,
      };
      produced++;
    }
    caseNo++;
  }
}

/** Summarises 1,000,000 generated events; reports time and peak heap/RSS sampled during the pass. */
export function benchEventLog(total = 1_000_000): {
  ms: number;
  peakHeapMB: number;
  peakRssMB: number;
  cases: number;
} {
  globalThis.gc?.();
  const baseHeap = process.memoryUsage().heapUsed;
  let peakHeap = baseHeap;
  let peakRss = process.memoryUsage().rss;
  let n = 0;
  function* sampled() {
    for (const e of events(total)) {
      if (++n % 50_000 === 0) {
        const m = process.memoryUsage();
        if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
        if (m.rss > peakRss) peakRss = m.rss;
      }
      yield e;
    }
  }
  const start = performance.now();
  const s = describeEventLog(sampled(), {
    caseId: 'case_id',
    activity: 'activity',
    timestamp: 'timestamp',
    topN: 10,
  });
  const ms = performance.now() - start;
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakRss = Math.max(peakRss, m.rss);
  return {
    ms,
    peakHeapMB: (peakHeap - baseHeap) / 1e6,
    peakRssMB: peakRss / 1e6,
    cases: s.shape.cases,
  };
}

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openLedger } from './packages/ledger/dist/index.js';
const dir = mkdtempSync(join(tmpdir(), 'el-'));
const ledger = openLedger({ dir, runId: 'r', durability: 'batch' });
const h = monitorEventLoopDelay({ resolution: 1 });
h.enable();
let syncMs = 0, syncs = 0;
const t0 = performance.now();
for (let i = 0; i < 3000; i++) {
  const ref = await ledger.putArtifact(`prompt ${i} ${'x'.repeat(2000)}`);
  ledger.append({ type: 'alert', stage: 'draft', data: { level: 'info', scope: 'run', unit: 'usd', spent: 1, limit: 2, threshold: 0.5 } });
  await new Promise((r) => setTimeout(r, 1));
}
h.disable();
console.log('elapsed', (performance.now() - t0).toFixed(0), 'ms; event loop delay p50', (h.percentile(50) / 1e6).toFixed(2), 'p99', (h.percentile(99) / 1e6).toFixed(2), 'max', (h.max / 1e6).toFixed(2), 'ms');
await ledger.close();

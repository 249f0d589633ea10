// Pipeline overhead: governed calls vs bare `openai` SDK calls against the same loopback
// server, with 8 KB prompts, for `batch` and `strict` ledgers; offline calls per second;
// and the cost of `import '@pm/llm-client'` + `createLLMClient()` in a fresh process.
// Run: npm run bench -w @pm/llm-client
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeApiKey, startOpenAICompatibleServer } from '@pm-examples/loopback-model';
import OpenAI from 'openai';
import { SecretValue } from '../../packages/envelope-schemas/src/index.js';
import { createLLMClient } from '../../packages/llm-client/src/index.js';
import { openaiProvider } from '../../packages/llm-client/src/openai.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 400);
const WARMUP = 50;
const words =
  'case activity resource throughput variant rework approval median duration invoice'.split(' ');
const prompt = Array.from({ length: 1400 }, (_, i) => words[(i * 7) % words.length])
  .join(' ')
  .slice(0, 8192);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
}

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return samples;
}

const server = await startOpenAICompatibleServer(() => ({ kind: 'complete', text: 'ok' }));
const key = fakeApiKey('bench');
const dir = mkdtempSync(join(tmpdir(), 'pm-bench-llm-'));
try {
  const bare = new OpenAI({ apiKey: key, baseURL: server.baseURL, maxRetries: 0 });
  const bareSamples = await time(() =>
    bare.chat.completions.create({
      model: 'gpt-5.2',
      messages: [{ role: 'user', content: prompt }],
      max_completion_tokens: 64,
    }),
  );
  const policy = {
    schema_version: '1',
    policy_id: 'bench',
    execution_mode: 'local',
    requires_approval: false,
    max_cost_usd: 10_000,
    max_runtime_minutes: 600,
    allowed_models: ['gpt-5.2'],
    run_windows: ['daily:00:00-24:00'],
  };
  const governed: Record<string, number[]> = {};
  for (const durability of ['batch', 'strict'] as const) {
    const client = createLLMClient({
      provider: openaiProvider({ apiKey: new SecretValue(key, 'bench'), baseURL: server.baseURL }),
      policy,
      ledger: { dir, durability },
    });
    const run = await client.startRun({ runId: `bench-${durability}` });
    governed[durability] = await time(() =>
      run.generateText({ model: 'gpt-5.2', input: prompt, maxOutputTokens: 64 }),
    );
    await run.end();
  }

  const offlineRun = await createLLMClient({ ledger: { dir } }).startRun({
    runId: 'bench-offline',
  });
  const offlineStart = performance.now();
  const OFFLINE_CALLS = 2000;
  for (let i = 0; i < OFFLINE_CALLS; i++) {
    await offlineRun.generateText({
      model: 'gpt-5.2',
      input: `Question ${i}: how many cases?`,
      maxOutputTokens: 64,
    });
  }
  const offlinePerSecond = OFFLINE_CALLS / ((performance.now() - offlineStart) / 1000);
  await offlineRun.end();

  // Plain node (no tsx loader), the way a host loads the built package.
  const importMs = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const t=performance.now();const m=await import(${JSON.stringify(new URL('../../packages/llm-client/dist/index.js', import.meta.url).href)});m.createLLMClient({ledger:{dir:${JSON.stringify(dir)}}});console.log((performance.now()-t).toFixed(1))`,
    ],
    { encoding: 'utf8' },
  ).trim();

  const b = stats(bareSamples);
  console.log(
    `\n@pm/llm-client pipeline overhead: ${CALLS} sequential calls, 8 KB prompt, loopback server (2 cores, shared machine)`,
  );
  console.log('| path | p50 ms | p95 ms | added p50 ms | p50 ratio |');
  console.log('|---|---|---|---|---|');
  console.log(`| bare openai SDK | ${b.p50.toFixed(3)} | ${b.p95.toFixed(3)} | - | 1.00 |`);
  for (const [name, samples] of Object.entries(governed)) {
    const s = stats(samples);
    console.log(
      `| governed, ${name} ledger | ${s.p50.toFixed(3)} | ${s.p95.toFixed(3)} | ${(s.p50 - b.p50).toFixed(3)} | ${(s.p50 / b.p50).toFixed(2)} |`,
    );
  }
  console.log(
    `\noffline provider: ${offlinePerSecond.toFixed(0)} governed calls/s in one process (target >= 2,000)`,
  );
  console.log(
    `import '@pm/llm-client' (built dist) + createLLMClient(): ${importMs} ms in a fresh process (target <= 150 ms)`,
  );
  console.log('targets: added p50 <= 1.5 ms with strict, <= 1 ms with batch');
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

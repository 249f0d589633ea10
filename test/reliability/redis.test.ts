import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBudget } from '@pm/budget';
import { redisStore } from '@pm/budget/redis';
import { verifyLedger } from '@pm/ledger';
import { startOpenAICompatibleServer } from '@pm-examples/loopback-model';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanPrefix, connectRedis, IN_CI, uniquePrefix } from '../support/redis-env.js';
import { bundleFromSources } from '../support/source-bundle.js';

const root = mkdtempSync(join(tmpdir(), 'pm-redis-reliability-'));
const child = await bundleFromSources(
  fileURLToPath(new URL('./fixtures/redis-calls-child.ts', import.meta.url)),
);
const toMicro = (usd: number) => Math.round(usd * 1e6);
let redis: Redis | undefined;
const prefixes: string[] = [];

beforeAll(async () => {
  redis = await connectRedis();
});
afterAll(async () => {
  if (redis) for (const prefix of prefixes) await cleanPrefix(redis, prefix);
  redis?.disconnect();
  rmSync(root, { recursive: true, force: true });
});

interface Replica {
  done: Promise<{ completed: number; refused: number; codes: string[] }>;
  ready: Promise<void>;
  kill(): void;
}

function replica(args: string[]): Replica {
  const proc = spawn(process.execPath, [child, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    onReady = resolve;
  });
  proc.stdout.on('data', (d) => {
    out += String(d);
    if (out.includes('ready\n')) onReady();
  });
  proc.stderr.on('data', (d) => {
    err += String(d);
  });
  const done = new Promise<{ completed: number; refused: number; codes: string[] }>(
    (resolve, reject) =>
      proc.on('exit', (code, signal) => {
        if (code === 0) resolve(JSON.parse(out.trim().split('\n').at(-1)!));
        else reject(new Error(`replica exited ${code ?? signal}: ${err.slice(0, 800)}`));
      }),
  );
  return { done, ready, kill: () => proc.kill('SIGKILL') };
}

function daySpent(prefix: string) {
  const budget = createBudget({
    limits: {},
    period: { day: { usd: 1 } },
    store: redisStore({ client: redis!, prefix }),
  });
  return budget.usage().then((usage) => {
    budget.dispose();
    return usage.scopes.find((s) => s.scope === 'day')!;
  });
}

describe('Redis: budgets shared by several processes', () => {
  it.runIf(redis === undefined && IN_CI)('Redis must be reachable under CI', () => {
    expect(
      redis,
      'Redis is unreachable and CI=true: the multi-process tests cannot be skipped',
    ).toBeDefined();
  });

  it('4 processes x 250 concurrent calls: the shared cap holds to the micro-dollar; books equal the ledgers', async (context) => {
    if (!redis) return context.skip();
    const prefix = uniquePrefix();
    prefixes.push(prefix);
    const server = await startOpenAICompatibleServer(() => ({
      kind: 'complete',
      text: 'ok',
      usage: { input_tokens: 20, output_tokens: 50 },
    }));
    // gpt-5-mini worst case ~203 µ$ per call (about 10 input tokens + 100 output); the cap admits about half of 1,000.
    const cap = 0.1015;
    const replicas = [0, 1, 2, 3].map((i) =>
      replica([server.baseURL, prefix, root, `replica-${i}`, '250', String(cap), '600000']),
    );
    const results = await Promise.all(replicas.map((r) => r.done));
    await server.close();
    const day = await daySpent(prefix);
    let ledgerMicro = 0;
    let records = 0;
    for (let i = 0; i < 4; i++) {
      const runDir = join(root, `replica-${i}`);
      const verified = await verifyLedger(runDir);
      expect(verified.ok).toBe(true);
      records += verified.records;
      for (const line of readFileSync(join(runDir, 'ledger.jsonl'), 'utf8').trim().split('\n')) {
        const record = JSON.parse(line);
        if (record.type === 'response') ledgerMicro += toMicro(record.data.cost_usd);
      }
    }
    const completed = results.reduce((s, r) => s + r.completed, 0);
    const refused = results.reduce((s, r) => s + r.refused, 0);
    console.log(
      `redis load: 4 processes, ${completed} completed, ${refused} refused (${[...new Set(results.flatMap((r) => r.codes))].join(', ')}), ` +
        `spent ${toMicro(day.spent.usd)} µ$ of a ${toMicro(cap)} µ$ day cap, ledgers ${ledgerMicro} µ$ in ${records} records, reserved left ${day.reserved.usd}`,
    );
    expect(completed + refused).toBe(1000);
    expect(completed).toBeGreaterThan(300);
    expect(refused).toBeGreaterThan(300);
    expect(toMicro(day.spent.usd)).toBeLessThanOrEqual(toMicro(cap));
    expect(toMicro(day.spent.usd)).toBe(ledgerMicro);
    expect(day.reserved.usd).toBe(0);
    expect(server.requests.length).toBe(completed);
  }, 120_000);

  it('a replica killed mid-call: its reservations never turn into free budget', async (context) => {
    if (!redis) return context.skip();
    const prefix = uniquePrefix();
    prefixes.push(prefix);
    // The server never answers: the replica's calls all hold reservations when it dies.
    const server = await startOpenAICompatibleServer(() => ({ kind: 'hang' }));
    const ttlMs = 1500;
    const r = replica([server.baseURL, prefix, root, 'killed', '20', '1', String(ttlMs)]);
    r.done.catch(() => {});
    await r.ready;
    // Wait until the calls reached the provider, i.e. their reservations are held. Polled,
    // with a bound far above the usual few hundred ms: on a loaded 2-CPU machine the
    // replica took more than 5 s to send its 20 calls, and was killed before any.
    const deadline = Date.now() + 30_000;
    while (server.requests.length < 20 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    r.kill();
    const held = await daySpent(prefix);
    await new Promise((resolve) => setTimeout(resolve, ttlMs + 500));
    // The store sweeps expired reservations on the next reservation, from any process.
    const other = createBudget({
      limits: {},
      period: { day: { usd: 1 } },
      store: redisStore({ client: redis, prefix }),
    });
    await (
      await other.reserve({ model: 'gpt-5-mini', inputTokens: 1, maxOutputTokens: 1 })
    ).release();
    other.dispose();
    const expired = await daySpent(prefix);
    await server.close();
    console.log(
      `crash with Redis: ${server.requests.length} calls in flight at SIGKILL; right after: reserved ${toMicro(held.reserved.usd)} µ$, spent ${toMicro(held.spent.usd)} µ$; ` +
        `after the ${ttlMs} ms TTL: reserved ${toMicro(expired.reserved.usd)} µ$, spent ${toMicro(expired.spent.usd)} µ$ (worst case booked)`,
    );
    expect(server.requests.length).toBe(20);
    expect(held.reserved.usd).toBeGreaterThan(0);
    // Never free: the held amount moves to spent, whole.
    expect(toMicro(expired.spent.usd)).toBe(toMicro(held.reserved.usd) + toMicro(held.spent.usd));
    expect(expired.reserved.usd).toBe(0);
  }, 60_000);
});

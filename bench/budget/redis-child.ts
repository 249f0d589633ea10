// One process of the Redis throughput bench: `lanes` concurrent reserve+settle loops for
// `ms` milliseconds against a shared budget. Prints one JSON line.
import { Redis } from 'ioredis';
import { BudgetExceededError, createBudget } from '../../packages/budget/src/index.js';
import { redisStore } from '../../packages/budget/src/redis.js';

const prefix = process.env.PM_PREFIX!;
const ms = Number(process.env.PM_MS ?? 3000);
const lanes = Number(process.env.PM_LANES ?? 64);
const capUsd = Number(process.env.PM_CAP_USD ?? 1e9);
const client = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
  enableAutoPipelining: true,
});
const budget = createBudget({
  store: redisStore({ client, prefix }),
  limits: {},
  period: { month: { usd: capUsd } },
  alerts: false,
});
let ops = 0;
let refused = 0;
let settledMicro = 0;
const end = Date.now() + ms;
let i = 0;
async function lane(): Promise<void> {
  while (Date.now() < end) {
    const n = i++;
    try {
      const r = await budget.reserve({
        model: 'gpt-4o-mini',
        inputTokens: 100 + (n % 900),
        maxOutputTokens: 500,
      });
      const s = await r.settle({ inputTokens: 100 + (n % 900), outputTokens: n % 500 });
      settledMicro += Math.round(s.usd * 1e6);
      ops++;
    } catch (error) {
      if (!(error instanceof BudgetExceededError)) throw error;
      refused++;
    }
  }
}
const t0 = performance.now();
await Promise.all(Array.from({ length: lanes }, lane));
const elapsed = performance.now() - t0;
client.disconnect();
console.log(
  JSON.stringify({ ops, refused, settledMicro, opsPerSec: (ops + refused) / (elapsed / 1000) }),
);

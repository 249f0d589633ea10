// One replica: a governed client whose day cap and rate limit live in Redis, so every
// replica draws from the same budget. Started by main.ts with child_process.fork.
import { redisStore } from '@pm/budget/redis';
import { createLLMClient, isPmError } from '@pm/llm-client';
import { openaiProvider } from '@pm/llm-client/openai';
import { Redis } from 'ioredis';
import type { CoordinatorMessage, WorkerConfig, WorkerMessage } from './messages.js';

if (!process.send) {
  console.error('worker.ts is started by the coordinator: run `npm start` (src/main.ts).');
  process.exit(2);
}
const config = JSON.parse(process.argv[2] ?? '{}') as WorkerConfig;
const send = (message: WorkerMessage) =>
  new Promise<void>((resolve) => process.send?.(message, () => resolve()));
// Listening from the start, so a "go" sent early (another replica failed) is not lost.
const go = new Promise<void>((resolve) =>
  process.once('message', (m: CoordinatorMessage) => m.type === 'go' && resolve()),
);

// Fail fast instead of queueing commands while Redis is away: the store then refuses
// with BudgetStoreUnavailableError and nothing runs unaccounted.
const redis = new Redis(config.redisUrl, {
  lazyConnect: true,
  maxRetriesPerRequest: 1,
  enableOfflineQueue: false,
});
const store = redisStore({ client: redis, prefix: config.prefix, timeoutMs: 2000 });

const client = createLLMClient({
  provider: openaiProvider({ baseURL: config.baseURL }),
  budget: { store, period: { day: { usd: config.dayCapUsd } } },
  rateLimit: { requestsPerMinute: config.requestsPerMinute, store, key: 'openai' },
  ledger: { dir: config.ledgerDir },
  onEvent: (event) => {
    if (event.type !== 'budget.alert') return;
    const { level, scope, metric, spent, limit } = event;
    void send({
      type: 'alert',
      workerId: config.workerId,
      alert: { level, scope, metric, spent, limit },
    });
  },
});

try {
  await redis.connect();
  await send({ type: 'ready', workerId: config.workerId });
  await go;
  const run = await client.startRun({ stage: `worker-${config.workerId}` });
  let completed = 0;
  let refused = 0;
  let spentUsd = 0;
  for (const [i, ceiling] of config.outputCeilings.entries()) {
    try {
      const result = await run.generateText({
        model: config.model,
        input: `Replica ${config.workerId}, job ${i + 1}: summarise the overnight case backlog.`,
        maxOutputTokens: ceiling,
      });
      completed++;
      spentUsd += result.costUsd;
    } catch (error) {
      // The shared cap refusing a call is the expected outcome here; anything else is not.
      if (!(isPmError(error) && error.code === 'BUDGET_EXCEEDED')) throw error;
      refused++;
    }
  }
  await run.end();
  await send({
    type: 'done',
    workerId: config.workerId,
    completed,
    refused,
    spentUsd,
    ledgerDir: run.ledgerDir,
  });
} catch (error) {
  const message = isPmError(error) ? `${error.code}: ${error.message}` : String(error);
  await send({ type: 'failed', workerId: config.workerId, message });
  process.exitCode = 1;
} finally {
  redis.disconnect();
  process.disconnect?.();
}

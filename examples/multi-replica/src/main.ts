// The coordinator: starts a stand-in for OpenAI on 127.0.0.1, forks four replicas that
// share one day cap and one rate limit through Redis, then reports what each did, the
// total spent against the cap, and every budget alert the replicas saw.
//   REDIS_URL=redis://127.0.0.1:6379 npm start -w @pm-examples/multi-replica
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ChatMessage, countChatTokens, createBudget } from '@pm/budget';
import { redisStore } from '@pm/budget/redis';
import { fakeApiKey, startOpenAICompatibleServer } from '@pm-examples/loopback-model';
import { Redis } from 'ioredis';
import type { AlertSeen, WorkerConfig, WorkerMessage } from './messages.js';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const workerCount = 4;
const model = 'gpt-5.2';
const dayCapUsd = 0.1;
const requestsPerMinute = 600;
// Big calls first, then smaller ones: the small ones fit in what the big ones leave, so
// spend climbs past 95% without ever crossing the cap.
const outputCeilings = [1000, 800, 600, 400, 300, 200, 150, 100, 60, 40, 20];
const TIERS = ['info', 'warning', 'critical', 'exhausted'] as const;

const redis = new Redis(redisUrl, {
  lazyConnect: true,
  connectTimeout: 2000,
  maxRetriesPerRequest: 1,
  retryStrategy: () => null,
});
redis.on('error', () => {}); // reported below, once
try {
  await redis.connect();
  await redis.ping();
} catch (error) {
  console.error(
    `Redis is not reachable at ${redisUrl} (${error instanceof Error ? error.message : String(error)}).\n` +
      'The replicas share their budget through Redis, so nothing was run. Start one\n' +
      '  (docker run -p 6379:6379 redis:7, or redis-server --port 6379)\n' +
      'or point REDIS_URL at yours, then run this again.',
  );
  redis.disconnect();
  process.exit(3);
}

// A loopback stand-in for OpenAI that bills like it: exact input tokens and 90% of the
// output ceiling, so actual spend is close to each call's reserved worst case.
const server = await startOpenAICompatibleServer((request) => {
  const messages = (request.body?.messages ?? []) as ChatMessage[];
  const ceiling = Number(request.body?.max_completion_tokens ?? 0);
  return {
    kind: 'complete',
    text: 'Backlog: 42 cases waiting, 7 past their due date; approvals are the bottleneck.',
    usage: {
      input_tokens: countChatTokens(messages, { model }).tokens,
      output_tokens: Math.ceil(ceiling * 0.9),
    },
  };
});

const prefix = `pm:example:multi-replica:${randomUUID()}`;
const store = redisStore({ client: redis, prefix });
const worker = fileURLToPath(new URL('./worker.ts', import.meta.url));
const done = new Map<number, Extract<WorkerMessage, { type: 'done' }>>();
const failures: string[] = [];
const alerts: { workerId: number; alert: AlertSeen }[] = [];

try {
  const children: ChildProcess[] = [];
  const ready = new Set<number>();
  const finished = Array.from({ length: workerCount }, (_, i) => {
    const config: WorkerConfig = {
      workerId: i + 1,
      redisUrl,
      prefix,
      baseURL: server.baseURL,
      model,
      dayCapUsd,
      requestsPerMinute,
      outputCeilings,
      ledgerDir: resolve('.pm-ledger'),
    };
    const child = fork(worker, [JSON.stringify(config)], {
      // Each replica runs the TypeScript source the same way this process does.
      execArgv: ['--import', import.meta.resolve('tsx')],
      env: { ...process.env, OPENAI_API_KEY: fakeApiKey('replica') },
    });
    children.push(child);
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') {
        ready.add(message.workerId);
        // Everyone starts together, so the replicas really contend for the cap.
        if (ready.size === workerCount) for (const c of children) c.send({ type: 'go' });
      } else if (message.type === 'alert') alerts.push(message);
      else if (message.type === 'done') done.set(message.workerId, message);
      else failures.push(`worker ${message.workerId}: ${message.message}`);
    });
    return new Promise<void>((settle) =>
      child.on('exit', (code) => {
        if (code !== 0 && !failures.some((f) => f.startsWith(`worker ${i + 1}:`))) {
          failures.push(`worker ${i + 1}: exited with code ${code}`);
          // A replica that died before "ready" must not leave the others waiting.
          for (const c of children) if (c.connected) c.send({ type: 'go' });
        }
        settle();
      }),
    );
  });
  await Promise.all(finished);

  // The shared day scope, read back from Redis by a budget on the same store.
  const shared = await createBudget({
    limits: {},
    period: { day: { usd: dayCapUsd } },
    store,
    alerts: false,
  }).usage();
  const day = shared.scopes.find((s) => s.scope === 'day');
  const spent = day?.spent.usd ?? Number.NaN;
  const reserved = day?.reserved.usd ?? Number.NaN;

  console.log(
    `@pm multi-replica: ${workerCount} worker processes, one Redis (${redisUrl}, prefix ${prefix})`,
  );
  console.log(
    `shared: day cap $${dayCapUsd.toFixed(6)} on ${model}, rate limit ${requestsPerMinute} requests/min (one bucket for all)`,
  );
  console.log('\n== Calls per worker');
  for (const [id, d] of [...done].sort(([a], [b]) => a - b)) {
    console.log(
      `  worker ${id}: ${String(d.completed).padStart(2)} completed, ${String(d.refused).padStart(2)} refused by the shared cap, spent $${d.spentUsd.toFixed(6)}`,
    );
  }
  const completed = [...done.values()].reduce((n, d) => n + d.completed, 0);
  const refused = [...done.values()].reduce((n, d) => n + d.refused, 0);
  const held = spent <= dayCapUsd && reserved === 0;
  console.log('\n== Total');
  console.log(`  ${completed} completed, ${refused} refused`);
  console.log(
    `  spent $${spent.toFixed(6)} of the $${dayCapUsd.toFixed(6)} cap (${((spent / dayCapUsd) * 100).toFixed(1)}%), $${reserved.toFixed(6)} still reserved: ${held ? 'cap held' : 'CAP EXCEEDED'}`,
  );

  console.log('\n== Budget alerts (from every worker, each tier once across all replicas)');
  let eachOnce = true;
  for (const level of TIERS) {
    const seen = alerts.filter((a) => a.alert.level === level && a.alert.scope.startsWith('day:'));
    eachOnce &&= seen.length === 1;
    const who = seen
      .map((a) => `worker ${a.workerId}, spent $${a.alert.spent.toFixed(6)}`)
      .join('; ');
    console.log(
      `  ${level.padEnd(9)} fired ${seen.length === 1 ? 'once' : `${seen.length} times`}${who ? ` (${who})` : ''}`,
    );
  }
  const elsewhere = alerts.filter((a) => !a.alert.scope.startsWith('day:'));
  for (const a of elsewhere) {
    console.log(`  also: ${a.alert.level} on ${a.alert.scope} (worker ${a.workerId})`);
  }
  console.log(`\nLedgers: one run per worker under ${resolve('.pm-ledger')}`);
  for (const failure of failures) console.error(`FAILED ${failure}`);
  process.exitCode = held && eachOnce && failures.length === 0 ? 0 : 1;
} finally {
  // The run's counters are throwaway: every key is under the run's own hash tag.
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `{${prefix}}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
  await server.close();
}

import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cleanPrefix, connectRedis, uniquePrefix } from '../../../test/support/redis-env.js';
import { createBudget } from '../src/index.js';
import type { RedisClientLike } from '../src/redis/redis-client.js';
import { redisStore } from '../src/redis.js';
import { HAS_REDIS_SERVER, OwnRedis } from './own-redis.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const CALL = { model: 'gpt-5.2', inputTokens: 10, maxOutputTokens: 10 } as const;

/** Polls `read` until it returns `want` or `ms` pass; returns the last reading. */
async function eventually<T>(read: () => Promise<T>, want: T, ms: number): Promise<T> {
  const until = Date.now() + ms;
  let last = await read();
  while (last !== want && Date.now() < until) {
    await sleep(100);
    last = await read();
  }
  return last;
}

describe.runIf(HAS_REDIS_SERVER)('Redis stopping and restarting mid-run (own redis-server)', () => {
  const servers: OwnRedis[] = [];
  afterAll(async () => {
    for (const s of servers) await s.kill();
  });

  it('a reserve refused while Redis was down holds nothing once Redis is back', async () => {
    const server = await OwnRedis.start();
    servers.push(server);
    const store = redisStore({ url: server.url, prefix: 'outage', timeoutMs: 300 });
    const budget = createBudget({ store, limits: { tokens: 1000 } });
    try {
      expect((await budget.usage()).scopes[0]!.reserved.tokens).toBe(0);
      await server.kill();
      // Reserves spread over the outage: the client queues them while it reconnects, and
      // each is refused to its caller when timeoutMs passes.
      const outcomes: Promise<unknown>[] = [];
      for (let i = 0; i < 12; i++) {
        outcomes.push(
          budget.reserve(CALL).then(
            () => 'held',
            (e: { code?: string }) => e.code,
          ),
        );
        await sleep(50);
      }
      expect(new Set(await Promise.all(outcomes))).toEqual(new Set(['BUDGET_STORE_UNAVAILABLE']));
      await server.restart();
      // No caller holds any of them, so nothing may stay held (it would be booked as spent
      // at its worst case after the TTL, for calls that were never made).
      const reserved = await eventually(
        async () => (await budget.usage()).scopes[0]!.reserved.tokens,
        0,
        8000,
      );
      expect(reserved).toBe(0);
      const check = new Redis(server.url);
      try {
        expect(await check.hlen('{outage}:held')).toBe(0);
      } finally {
        check.disconnect();
      }
      // The budget works as before.
      const r = await budget.reserve(CALL);
      await r.settle({ inputTokens: 10, outputTokens: 5 });
      expect((await budget.usage()).scopes[0]).toMatchObject({
        spent: { tokens: 15 },
        reserved: { tokens: 0 },
      });
    } finally {
      budget.dispose();
      await store.close();
    }
  });
});

const redis = await connectRedis();

describe.runIf(redis !== undefined)('a reserve that reaches Redis after its caller gave up', () => {
  const prefixes: string[] = [];
  afterEach(async () => {
    for (const p of prefixes.splice(0)) await cleanPrefix(redis!, p);
  });
  afterAll(() => redis?.disconnect());

  it('is refused by Redis when its cancel arrived first, and freed when it arrived before', async () => {
    const prefix = uniquePrefix();
    prefixes.push(prefix);
    // The first script call (the reserve) is sent late, after the store's timeout: a
    // command the client held back while it reconnected.
    let calls = 0;
    const late: RedisClientLike = {
      evalsha: async (...args) => {
        if (++calls === 1) await sleep(400);
        return redis!.evalsha(...args);
      },
      eval: (...args) => redis!.eval(...args),
    };
    const store = redisStore({ client: late, prefix, timeoutMs: 100 });
    const budget = createBudget({ store, limits: { tokens: 1000 } });
    await expect(budget.reserve(CALL)).rejects.toMatchObject({ code: 'BUDGET_STORE_UNAVAILABLE' });
    await sleep(600);
    expect((await budget.usage()).scopes[0]!.reserved.tokens).toBe(0);
    expect(await redis!.hlen(`{${prefix}}:held`)).toBe(0);

    // A reserve that lands before its cancel (a reply lost on the way back) is freed.
    let slowCalls = 0;
    const slowReply: RedisClientLike = {
      evalsha: async (...args) => {
        const reply = await redis!.evalsha(...args);
        if (++slowCalls === 1) await sleep(400);
        return reply;
      },
      eval: (...args) => redis!.eval(...args),
    };
    const budget2 = createBudget({
      store: redisStore({ client: slowReply, prefix, timeoutMs: 100 }),
      limits: { tokens: 1000 },
      runId: budget.runId,
    });
    await expect(budget2.reserve(CALL)).rejects.toMatchObject({
      code: 'BUDGET_STORE_UNAVAILABLE',
    });
    const reserved = await eventually(
      async () => (await budget.usage()).scopes[0]!.reserved.tokens,
      0,
      3000,
    );
    expect(reserved).toBe(0);
    budget.dispose();
    budget2.dispose();
  });

  it('a settle whose reply was lost fires its alerts on the retry (their once-only marks are set)', async () => {
    const prefix = uniquePrefix();
    prefixes.push(prefix);
    // The second script call (the settle) runs in Redis, but its reply comes after the
    // store's timeout: a reply lost with a dropped connection or a stall.
    // Counts script runs (EVALSHA, or EVAL after NOSCRIPT), not attempts.
    let runs = 0;
    const late = async (reply: unknown) => {
      if (++runs === 2) await sleep(400);
      return reply;
    };
    const lateReply: RedisClientLike = {
      evalsha: async (...args) => late(await redis!.evalsha(...args)),
      eval: async (...args) => late(await redis!.eval(...args)),
    };
    const alerts: string[] = [];
    const budget = createBudget({
      store: redisStore({ client: lateReply, prefix, timeoutMs: 150 }),
      limits: { tokens: 100 },
      onAlert: (a) => alerts.push(`${a.scope}:${a.metric}:${a.level}`),
    });
    const r = await budget.reserve({ model: 'gpt-5.2', inputTokens: 50, maxOutputTokens: 50 });
    await expect(r.settle({ inputTokens: 50, outputTokens: 46 })).rejects.toMatchObject({
      code: 'BUDGET_STORE_UNAVAILABLE',
    });
    await sleep(500);
    // The retry README prescribes: the settle was booked once, and its alerts arrive now.
    const retried = await r.settle({ inputTokens: 50, outputTokens: 46 });
    expect(retried).toMatchObject({ found: true, tokens: 96 });
    expect(alerts).toEqual(['run:tokens:info', 'run:tokens:warning', 'run:tokens:critical']);
    expect((await budget.usage()).scopes[0]).toMatchObject({
      spent: { tokens: 96 },
      reserved: { tokens: 0 },
    });
    budget.dispose();
  });

  /** A client whose script replies number `lost` arrive after `waitMs` (lost to a 150 ms timeout). */
  const losingReplies = (lost: readonly number[], waitMs = 400): RedisClientLike => {
    let runs = 0;
    const late = async (reply: unknown) => {
      if (lost.includes(++runs)) await sleep(waitMs);
      return reply;
    };
    return {
      evalsha: async (...args) => late(await redis!.evalsha(...args)),
      eval: async (...args) => late(await redis!.eval(...args)),
    };
  };

  it('a settle retried after its reply was lost answers as the first attempt did (found), every time', async () => {
    const prefix = uniquePrefix();
    prefixes.push(prefix);
    // Script runs: 1 reserve, 2 settle (done, reply lost), 3 retry (reply lost too), 4 retry.
    const budget = createBudget({
      store: redisStore({ client: losingReplies([2, 3]), prefix, timeoutMs: 150 }),
      limits: { tokens: 1000 },
    });
    const r = await budget.reserve({ model: 'gpt-5.2', inputTokens: 50, maxOutputTokens: 50 });
    const usage = { inputTokens: 50, outputTokens: 10 };
    for (let i = 0; i < 2; i++) {
      await expect(r.settle(usage)).rejects.toMatchObject({ code: 'BUDGET_STORE_UNAVAILABLE' });
      await sleep(400);
    }
    expect(await r.settle(usage)).toMatchObject({ found: true, lost: false, tokens: 60 });
    expect((await budget.usage()).scopes[0]).toMatchObject({
      spent: { tokens: 60 },
      reserved: { tokens: 0 },
    });
    budget.dispose();
  });

  it('a settle retried after its alerts reply was lost twice still gets its alerts', async () => {
    const prefix = uniquePrefix();
    prefixes.push(prefix);
    const alerts: string[] = [];
    const budget = createBudget({
      store: redisStore({ client: losingReplies([2, 3]), prefix, timeoutMs: 150 }),
      limits: { tokens: 100 },
      onAlert: (a) => alerts.push(`${a.scope}:${a.metric}:${a.level}`),
    });
    const r = await budget.reserve({ model: 'gpt-5.2', inputTokens: 50, maxOutputTokens: 50 });
    const usage = { inputTokens: 50, outputTokens: 10 };
    for (let i = 0; i < 2; i++) {
      await expect(r.settle(usage)).rejects.toMatchObject({ code: 'BUDGET_STORE_UNAVAILABLE' });
      await sleep(400);
    }
    expect(await r.settle(usage)).toMatchObject({ found: true, tokens: 60 });
    expect(alerts).toEqual(['run:tokens:info']);
    budget.dispose();
  });

  it('a settle of a lost reservation retried after its reply was lost still says lost', async () => {
    const prefix = uniquePrefix();
    prefixes.push(prefix);
    const budget = createBudget({
      store: redisStore({ client: losingReplies([2]), prefix, timeoutMs: 150 }),
      limits: { tokens: 1000 },
    });
    const r = await budget.reserve({ model: 'gpt-5.2', inputTokens: 50, maxOutputTokens: 50 });
    // The store loses its data (a restart without persistence, a flush).
    await cleanPrefix(redis!, prefix);
    const usage = { inputTokens: 50, outputTokens: 10 };
    await expect(r.settle(usage)).rejects.toMatchObject({ code: 'BUDGET_STORE_UNAVAILABLE' });
    await sleep(400);
    expect(await r.settle(usage)).toMatchObject({ found: false, lost: true, tokens: 60 });
    // Booked once, by the first attempt.
    expect((await budget.usage()).scopes[0]).toMatchObject({ spent: { tokens: 60 } });
    budget.dispose();
  });

  it('a settle after a release whose reply was lost books the actual (released, found: false), once', async () => {
    const prefix = uniquePrefix();
    prefixes.push(prefix);
    // Script runs: 1 reserve, 2 release (done, reply lost), 3 settle (reply lost), 4 retry.
    const budget = createBudget({
      store: redisStore({ client: losingReplies([2, 3]), prefix, timeoutMs: 150 }),
      limits: { tokens: 1000 },
      alerts: false,
    });
    const r = await budget.reserve({ model: 'gpt-5.2', inputTokens: 50, maxOutputTokens: 50 });
    await expect(r.release()).rejects.toMatchObject({ code: 'BUDGET_STORE_UNAVAILABLE' });
    await sleep(400);
    const usage = { inputTokens: 50, outputTokens: 10 };
    await expect(r.settle(usage)).rejects.toMatchObject({ code: 'BUDGET_STORE_UNAVAILABLE' });
    await sleep(400);
    expect(await r.settle(usage)).toMatchObject({ found: false, released: true, tokens: 60 });
    // Booked once, by the first attempt.
    expect((await budget.usage()).scopes[0]).toMatchObject({
      spent: { tokens: 60 },
      reserved: { tokens: 0 },
    });
    budget.dispose();
  });

  it('a cancel Redis answers with an error is not retried (it would get the same answer)', async () => {
    const prefix = uniquePrefix();
    prefixes.push(prefix);
    // Keys under the prefix that the store did not write: every script answers WRONGTYPE.
    await redis!.set(`{${prefix}}:held`, 'not a hash');
    let calls = 0;
    const counting: RedisClientLike = {
      evalsha: (...args) => {
        calls++;
        return redis!.evalsha(...args);
      },
      eval: (...args) => redis!.eval(...args),
    };
    const budget = createBudget({
      store: redisStore({ client: counting, prefix, timeoutMs: 500 }),
      limits: { tokens: 1000 },
    });
    await expect(budget.reserve(CALL)).rejects.toMatchObject({
      details: { failure: 'error-reply', redisError: 'WRONGTYPE' },
    });
    await sleep(1500);
    // The reserve and one cancel; retries would come every 250 ms, then 500, 1000.
    expect(calls).toBe(2);
    budget.dispose();
  });
});

import { spawn } from 'node:child_process';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  cleanPrefix,
  connectRedis,
  IN_CI,
  REDIS_URL,
  uniquePrefix,
} from '../../../test/support/redis-env.js';
import { bundleFromSources } from '../../../test/support/source-bundle.js';
import {
  type BudgetAlert,
  BudgetExceededError,
  createBudget,
  createRateLimiter,
  defaultPriceTable,
  priceTable,
} from '../src/index.js';
import { LuaScript } from '../src/redis/lua-script.js';
import { MIN_RETENTION_MS, redisStore } from '../src/redis.js';
import { checkedStore } from './checked-store.js';
import { expectExpiryFiresAlerts, expectPastPeriodExpiryFiresAlerts } from './expiry-alerts.js';
import { expectExactBooks, hammer } from './hammer.js';
import { freeRow } from './helpers.js';
import {
  expectLateCloseBooksWorstCase,
  expectLateSettleBooksActualAbove,
  expectSettleLongPastTtl,
} from './late-close.js';
import { expectOverspendReported } from './overspend.js';
import { expectLowSpendRefusalKeepsExhausted } from './refusal-alerts.js';
import { expectZonedKeys } from './zoned-keys.js';

const redis = await connectRedis();
const prefixes: string[] = [];
const extraClients: Redis[] = [];

function prefix(): string {
  const p = uniquePrefix();
  prefixes.push(p);
  return p;
}

afterEach(async () => {
  if (redis === undefined) return;
  for (const p of prefixes.splice(0)) await cleanPrefix(redis, p);
});

afterAll(async () => {
  for (const c of extraClients) c.disconnect();
  redis?.disconnect();
});

describe.runIf(redis === undefined && IN_CI)('Redis under CI', () => {
  it('is reachable (CI=true: a skipped Redis suite is a failure)', () => {
    throw new Error(
      `Redis is unreachable at ${REDIS_URL}; .ci/run must start it before the tests.`,
    );
  });
});

/**
 * Runs `test/fixtures/<script>` (a worker sharing this test's Redis) in a child process;
 * resolves to the JSON of the last line it printed, rejects with its stderr if it fails.
 */
async function workerResult<T>(script: string, n: number, env: Record<string, string>): Promise<T> {
  const worker = await bundleFromSources(
    fileURLToPath(new URL(`./fixtures/${script}`, import.meta.url)),
  );
  return new Promise<T>((resolve, reject) => {
    const child = spawn(process.execPath, [worker], {
      env: { ...process.env, REDIS_URL, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!) as T)
        : reject(new Error(`worker ${n} exited ${code}: ${err}`)),
    );
  });
}

describe('redisStore options', () => {
  const fake = { evalsha: async () => [1], eval: async () => [1] };

  it('retentionMs must be a whole number of ms covering a month plus the longest reservation TTL', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, MIN_RETENTION_MS - 1]) {
      expect(() => redisStore({ client: fake, prefix: 'x', retentionMs: bad })).toThrow(
        expect.objectContaining({
          code: 'INVALID_ARGUMENT',
          message: expect.stringContaining('retentionMs'),
        }),
      );
    }
    expect(MIN_RETENTION_MS).toBe(32 * 86_400_000 + 2 ** 31 - 1);
    expect(() =>
      redisStore({ client: fake, prefix: 'x', retentionMs: MIN_RETENTION_MS }),
    ).not.toThrow();
  });

  it('retentionMs: null (or timeoutMs: null) is refused, never read as the default', () => {
    for (const option of ['retentionMs', 'timeoutMs'] as const) {
      expect(() => redisStore({ client: fake, prefix: 'x', [option]: null } as never)).toThrow(
        expect.objectContaining({
          code: 'INVALID_ARGUMENT',
          message: expect.stringMatching(new RegExp(`${option} .*got null`)),
        }),
      );
    }
    expect(() => redisStore({ client: fake, prefix: 'x', retentionMs: null } as never)).toThrow(
      /omit it for the default of 70 days/,
    );
  });

  it('a url that cannot be parsed is INVALID_ARGUMENT that never shows it (it may hold a password)', () => {
    const canary = ['pw', 'canary', '42'].join('-'); // built at run time: no credential literal
    for (const url of [`redis://:${canary}@127.0.0.1:99999`, `redis://:${canary}@[::1`]) {
      let error: unknown;
      try {
        redisStore({ url, prefix: 'x' });
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('redisStore url could not be parsed'),
      });
      expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(canary);
      expect(JSON.stringify(error)).not.toContain(canary);
    }
    // An empty url (REDIS_URL= in an env file) would connect to localhost:6379 in silence:
    // replicas would each keep their own counters instead of sharing one cap.
    for (const url of ['', '  ']) {
      expect(() => redisStore({ url, prefix: 'x' })).toThrow(
        expect.objectContaining({
          code: 'INVALID_ARGUMENT',
          message: expect.stringContaining('redisStore url is empty'),
        }),
      );
    }
  });

  it('a misspelt option is refused, not silently left at its default', () => {
    expect(() => redisStore({ client: fake, prefix: 'x', timeout: 100 } as never)).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringMatching(
          /timeout is not a redisStore option: .*client, url, prefix, timeoutMs, retentionMs/,
        ),
      }),
    );
    expect(() => redisStore({ client: fake, prefix: 'x', RetentionMs: 1 } as never)).toThrow(
      /did you mean retentionMs\?/,
    );
  });

  it('a client that is not an ioredis client (null, an object without evalsha) is INVALID_ARGUMENT, not a TypeError', () => {
    for (const client of [null, {}, 'redis://127.0.0.1:6379']) {
      expect(() => redisStore({ client: client as never, prefix: 'x' })).toThrow(
        expect.objectContaining({
          code: 'INVALID_ARGUMENT',
          message: expect.stringContaining('redisStore client must be an ioredis client'),
        }),
      );
    }
  });

  it('timeoutMs must be whole ms from 1 to 2^31 - 1 (a longer timer fires after 1 ms)', () => {
    for (const bad of [Number.POSITIVE_INFINITY, 2 ** 31, 0, -5, 2.5, Number.NaN]) {
      expect(() => redisStore({ client: fake, prefix: 'x', timeoutMs: bad })).toThrow(
        expect.objectContaining({
          code: 'INVALID_ARGUMENT',
          message: expect.stringContaining('timeoutMs'),
        }),
      );
    }
    expect(() => redisStore({ client: fake, prefix: 'x', timeoutMs: 2 ** 31 - 1 })).not.toThrow();
  });

  it('a store made from a url never shows its client (password) in inspect, JSON or its keys', async () => {
    const store = redisStore({
      url: `redis://:${['s3cr3t', 'pass'].join('-')}@127.0.0.1:1`, // built at run time: no credential literal in the repo
      prefix: 'pm:test:inspect',
    });
    const client = store.client as unknown as Redis;
    try {
      expect(client).toBeDefined();
      expect(Object.keys(store)).not.toContain('client');
      const shown = [
        inspect(store, { depth: 10, showHidden: false }),
        JSON.stringify(store),
        String(Object.entries(store)),
      ].join('\n');
      expect(shown).not.toContain('s3cr3t-pass');
      expect(shown).toContain('pm:test:inspect');
      // The store listens for the client's errors, so ioredis prints no "Unhandled error event".
      expect(client.listenerCount('error')).toBe(1);
    } finally {
      client.disconnect();
    }
  });
  it('close() with a cancel pending takes at most timeoutMs in all, not one per step', async () => {
    // A server that accepts connections and never replies: the abandoned reserve's cancel
    // and QUIT both wait on it.
    const { port, stop } = await silentServer();
    try {
      const timeoutMs = 1_000;
      const store = redisStore({ url: `redis://127.0.0.1:${port}`, prefix: 'x', timeoutMs });
      const budget = createBudget({ store, limits: {} });
      await expect(
        budget.reserve({ model: 'gpt-4o', inputTokens: 1, maxOutputTokens: 1 }),
      ).rejects.toMatchObject({ code: 'BUDGET_STORE_UNAVAILABLE' });
      const started = Date.now();
      await store.close();
      // Two steps of timeoutMs each took ~2,000 ms; half a timeout of slack for a loaded machine.
      expect(Date.now() - started).toBeLessThan(1.5 * timeoutMs);
      budget.dispose();
    } finally {
      stop();
    }
  });
  it('close() of a store made from a url returns within timeoutMs when Redis stops answering', async () => {
    // A server that accepts connections and never replies: QUIT would wait for ever.
    const { port, stop } = await silentServer();
    try {
      const store = redisStore({ url: `redis://127.0.0.1:${port}`, prefix: 'x', timeoutMs: 200 });
      const budget = createBudget({ store, limits: {} });
      await expect(
        budget.reserve({ model: 'gpt-4o', inputTokens: 1, maxOutputTokens: 1 }),
      ).rejects.toMatchObject({
        code: 'BUDGET_STORE_UNAVAILABLE',
        details: { failure: 'timeout' },
      });
      const started = Date.now();
      const outcome = await Promise.race([
        store.close().then(() => 'closed'),
        new Promise((resolve) => setTimeout(() => resolve('hung'), 3000).unref()),
      ]);
      expect(outcome).toBe('closed');
      expect(Date.now() - started).toBeLessThan(2000);
      // The connection is dropped, not left open to the silent server.
      const ioredis = store.client as unknown as Redis;
      await new Promise<void>((resolve) =>
        ioredis.status === 'end' ? resolve() : ioredis.once('end', () => resolve()),
      );
      await store.close(); // twice is harmless
    } finally {
      stop();
    }
  });
});

describe.runIf(redis !== undefined)('redisStore (real Redis)', () => {
  const client = redis!;
  const spend = async (budget: ReturnType<typeof createBudget>, n: number) =>
    (await budget.reserve({ model: 'gpt-4o', inputTokens: n, maxOutputTokens: 0 })).settle({
      inputTokens: n,
      outputTokens: 0,
    });

  it('reserves, settles, releases and reports usage like the memory store', async () => {
    const store = redisStore({ client, prefix: prefix() });
    const budget = createBudget({
      store,
      limits: { usd: 1, tokens: 100_000 },
      period: { month: { tokens: 50_000 } },
    });
    const r = await budget.reserve({ model: 'gpt-5.2', inputTokens: 1000, maxOutputTokens: 1000 });
    expect(r.microUsd).toBe(15_750);
    let usage = await budget.usage();
    expect(usage.scopes[0]).toMatchObject({
      reserved: { tokens: 2000, usd: 0.01575, requests: 1 },
      remaining: { tokens: 98_000 },
    });
    await expect(r.settle({ inputTokens: 1000, outputTokens: 200 })).resolves.toMatchObject({
      tokens: 1200,
      found: true,
    });
    const r2 = await budget.reserve({ model: 'gpt-5.2', inputTokens: 10, maxOutputTokens: 10 });
    await r2.release();
    usage = await budget.usage();
    expect(
      usage.scopes.map((s) => [s.scope, s.spent.tokens, s.reserved.tokens, s.spent.usd]),
    ).toEqual([
      ['run', 1200, 0, 0.00455],
      ['month', 1200, 0, 0.00455],
    ]);
    await expect(r.settle({ inputTokens: 1, outputTokens: 1 })).rejects.toMatchObject({
      code: 'RESERVATION_CLOSED',
    });
  });

  it('works with a client whose integer replies are strings (ioredis stringNumbers)', async () => {
    const strings = new Redis(REDIS_URL, { stringNumbers: true });
    extraClients.push(strings);
    const p = prefix();
    const store = redisStore({ client: strings, prefix: p });
    const alerts: string[] = [];
    const budget = createBudget({
      store,
      limits: { tokens: 100 },
      onAlert: (a) => alerts.push(`${a.level}@${a.spent}`),
    });
    const r = await budget.reserve({ model: 'gpt-5.2', inputTokens: 46, maxOutputTokens: 50 });
    await expect(r.settle({ inputTokens: 46, outputTokens: 50 })).resolves.toMatchObject({
      found: true,
      lost: false,
    });
    expect(alerts).toEqual(['info@96', 'warning@96', 'critical@96']);
    await expect(
      (await budget.reserve({ model: 'gpt-5.2', inputTokens: 1, maxOutputTokens: 1 })).release(),
    ).resolves.toMatchObject({ found: true });
    await expect(
      budget.reserve({ model: 'gpt-5.2', inputTokens: 10, maxOutputTokens: 50 }),
    ).rejects.toMatchObject({
      code: 'BUDGET_EXCEEDED',
      details: {
        scope: 'run',
        metric: 'tokens',
        limit: 100,
        spent: 96,
        reserved: 0,
        remaining: 4,
      },
    });
    // The refusal's exhausted flag arrives as a string too.
    expect(alerts).toEqual(['info@96', 'warning@96', 'critical@96', 'exhausted@96']);
    const usage = await budget.usage();
    expect(usage.scopes[0]).toMatchObject({ spent: { tokens: 96 }, reserved: { tokens: 0 } });
    // Nothing was left held by a reply the store could not read.
    expect(await client.hlen(`{${p}}:held`)).toBe(0);
  });

  it('refuses with BudgetExceededError naming scope, limit and what remains; period keys reset', async () => {
    let now = Date.parse('2026-11-22T23:00:00Z');
    const store = redisStore({ client, prefix: prefix() });
    const budget = createBudget({
      store,
      clock: () => now,
      limits: {},
      period: { day: { tokens: 10 } },
    });
    await spend(budget, 8);
    await expect(spend(budget, 3)).rejects.toMatchObject({
      code: 'BUDGET_EXCEEDED',
      details: {
        scope: 'day',
        scopeKey: 'day:2026-11-22',
        limit: 10,
        requested: 3,
        spent: 8,
        remaining: 2,
      },
    });
    now = Date.parse('2026-11-23T00:00:00Z');
    await spend(budget, 10);
  });

  it("each time zone's days and months are its own keys (as in the memory store)", async () => {
    await expectZonedKeys(redisStore({ client, prefix: prefix() }));
  });

  it('2,000 concurrent reservations through the Lua scripts never book past a cap', async () => {
    const violations: string[] = [];
    const store = checkedStore(redisStore({ client, prefix: prefix() }), (m) => violations.push(m));
    const run = await hammer(store, 2_000, 99);
    expect(violations).toEqual([]);
    await expectExactBooks(store, run);
  });

  it("a crashed holder's reservation expires into spent at the worst case, never into free budget", async () => {
    const p = prefix();
    const budget = createBudget({
      store: redisStore({ client, prefix: p }),
      limits: {},
      period: { day: { tokens: 100 } },
    });
    const crashed = await budget.reserve({
      model: 'gpt-4o',
      inputTokens: 30,
      maxOutputTokens: 30,
      ttlMs: 20,
    });
    await new Promise((r) => setTimeout(r, 60)); // let the TTL pass (no timing is asserted)
    // Reading usage reports the expired reservation as spent: never as still held.
    expect((await budget.usage()).scopes[1]).toMatchObject({
      spent: { tokens: 60, requests: 1 },
      reserved: { tokens: 0, requests: 0 },
    });
    // Another process (another client) comes along: the holder is already booked.
    const other = new Redis(REDIS_URL);
    extraClients.push(other);
    const budget2 = createBudget({
      store: redisStore({ client: other, prefix: p }),
      limits: {},
      period: { day: { tokens: 100 } },
    });
    await expect(
      budget2.reserve({ model: 'gpt-4o', inputTokens: 41, maxOutputTokens: 0 }),
    ).rejects.toMatchObject({
      details: { spent: 60, reserved: 0, remaining: 40 },
    });
    const usage = await budget2.usage();
    expect(usage.scopes[1]).toMatchObject({
      spent: { tokens: 60, requests: 1 },
      reserved: { tokens: 0 },
    });
    // The holder comes back late: nothing more is booked, and it learns it expired.
    await expect(crashed.settle({ inputTokens: 30, outputTokens: 5 })).resolves.toMatchObject({
      found: false,
    });
    expect((await budget2.usage()).scopes[1]!.spent.tokens).toBe(60);
  });

  it('usage above the reservation is booked, reported with the caps it passed, and refuses later reserves (as the memory store)', async () => {
    await expectOverspendReported(() => redisStore({ client, prefix: prefix() }));
  });

  it('a late settle or release books the worst case (found: false), swept or not (as the memory store)', async () => {
    // Redis's clock decides expiry: waiting 60 ms passes the 20 ms TTL (no timing asserted).
    await expectLateCloseBooksWorstCase(
      redisStore({ client, prefix: prefix() }),
      Date.now,
      () => new Promise((r) => setTimeout(r, 60)),
    );
  });

  it('a late settle books the actual where it is above the worst case, swept or not (as the memory store)', async () => {
    await expectLateSettleBooksActualAbove(
      redisStore({ client, prefix: prefix() }),
      Date.now,
      () => new Promise((r) => setTimeout(r, 60)),
    );
  });

  it('a settle hours past the TTL books its excess; past the day it says forgotten (as the memory store)', async () => {
    // Redis's clock decides expiry (60 ms pass the 20 ms TTL); the process's record of the
    // reservation goes by Date.now, moved on here by hours.
    let offset = 0;
    const realNow = Date.now;
    const spy = vi.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
    try {
      await expectSettleLongPastTtl(
        redisStore({ client, prefix: prefix() }),
        Date.now,
        () => new Promise((r) => setTimeout(r, 60)),
        (ms) => {
          offset += ms;
        },
      );
    } finally {
      spy.mockRestore();
    }
  });

  it("a reservation swept the next day fires the earlier day's alerts (as the memory store)", async () => {
    // The budgets' clock names the periods; the store expires on Redis's own clock.
    let now = 0;
    await expectPastPeriodExpiryFiresAlerts(
      redisStore({ client, prefix: prefix() }),
      () => now,
      (iso) => {
        now = Date.parse(iso);
      },
      () => new Promise((r) => setTimeout(r, 60)),
    );
  });

  it('spend booked by expiry fires the alert tiers it crosses, to the budget that booked it (as the memory store)', async () => {
    await expectExpiryFiresAlerts(
      redisStore({ client, prefix: prefix() }),
      Date.now,
      () => new Promise((r) => setTimeout(r, 60)),
    );
  });

  it('200 expired reservations: usage counts all as spent, one reserve books all, and the records expire', async () => {
    const p = prefix();
    const store = redisStore({ client, prefix: p });
    const crashed = createBudget({ store, limits: {}, period: { month: { tokens: 1_000_000 } } });
    await Promise.all(
      Array.from({ length: 200 }, () =>
        // A TTL long enough that none expires (and is swept) while the others are made.
        crashed.reserve({ model: 'gpt-4o', inputTokens: 0, maxOutputTokens: 1000, ttlMs: 2000 }),
      ),
    );
    expect(await client.zcard(`{${p}}:expiry`)).toBe(200);
    await new Promise((r) => setTimeout(r, 2100)); // past the TTL
    const other = createBudget({ store, limits: {}, period: { month: { tokens: 1_000_000 } } });
    // More than one sweep batch (64): usage still reports every one as spent.
    expect((await other.usage()).scopes[1]).toMatchObject({
      spent: { tokens: 200_000, requests: 200 },
      reserved: { tokens: 0, requests: 0 },
    });
    const r = await other.reserve({ model: 'gpt-4o', inputTokens: 0, maxOutputTokens: 1 });
    // That reserve booked them all: only its own record is left.
    expect(await client.hlen(`{${p}}:held`)).toBe(1);
    expect(await client.zcard(`{${p}}:expiry`)).toBe(1);
    const [month] = await store.usage([(await other.usage()).scopes[1]!.scopeKey]);
    expect(month).toMatchObject({ spent: { tokens: 200_000 }, reserved: { tokens: 1 } });
    // The records expire after retention plus the longest TTL, like the scopes they book into.
    for (const key of ['held', 'expiry']) {
      const ttl = await client.pttl(`{${p}}:${key}`);
      expect(ttl).toBeGreaterThan(70 * 86_400_000);
      expect(ttl).toBeLessThanOrEqual(70 * 86_400_000 + 2 ** 31 - 1);
    }
    await r.release();
  });

  it('a settle after Redis lost its data books the actual (lost: true), once; expired or closed ids book nothing more', async () => {
    const p = prefix();
    const store = redisStore({ client, prefix: p });
    const budget = createBudget({ store, limits: {}, period: { month: { usd: 1 } } });
    const month = async () => (await budget.usage()).scopes[1]!;
    const usd = (n: number) => ({ model: 'gpt-4o', inputTokens: 0, maxOutputTokens: n * 100_000 });
    await (await budget.reserve(usd(0.6))).settle({ inputTokens: 0, outputTokens: 60_000 });
    const held = await budget.reserve(usd(0.3));
    // What a restart without persistence (or a flush) does to the store's keys.
    await cleanPrefix(client, p);
    // This process reserves again (a new epoch) before the lost one settles.
    await (await budget.reserve(usd(0.01))).release();
    await expect(held.settle({ inputTokens: 0, outputTokens: 25_000 })).resolves.toMatchObject({
      found: false,
      lost: true,
      usd: 0.25,
    });
    expect(await month()).toMatchObject({ spent: { usd: 0.25 }, reserved: { usd: 0 } });
    // A retry of that settle (its first reply lost) books nothing more.
    await expect(
      store.settle(held.id, { tokens: 25_000, microUsd: 250_000, requests: 1 }, []),
    ).resolves.toMatchObject({ found: false });
    expect((await month()).spent.usd).toBe(0.25);
    // Expired and booked by a sweep: the late settle is not "lost", and books nothing more.
    const expired = await budget.reserve({ ...usd(0.1), ttlMs: 20 });
    await new Promise((r) => setTimeout(r, 60));
    await (await budget.reserve(usd(0.01))).release();
    await expect(expired.settle({ inputTokens: 0, outputTokens: 1_000 })).resolves.toMatchObject({
      found: false,
      lost: false,
    });
    expect((await month()).spent.usd).toBe(0.35);
    // Settled, then settled again because the first reply was lost: nothing more is booked.
    const twice = await budget.reserve(usd(0.1));
    await store.settle(twice.id, { tokens: 10_000, microUsd: 100_000, requests: 1 }, []);
    await expect(twice.settle({ inputTokens: 0, outputTokens: 10_000 })).resolves.toMatchObject({
      found: false,
      lost: false,
    });
    expect(await month()).toMatchObject({ spent: { usd: 0.45 }, reserved: { usd: 0 } });
  });

  it('reservations holding $0 or no requests settle, release and expire like any other', async () => {
    // $0: a price row of 0 (a local model); 0 requests: asked for. Lua's minus once turned
    // "0" into "-0", which HINCRBY refuses, halfway through the script.
    const prices = priceTable({
      ...defaultPriceTable,
      rows: [
        ...defaultPriceTable.rows,
        {
          model: 'local-model',
          inputUsdPerMillion: 0,
          cachedInputUsdPerMillion: 0,
          outputUsdPerMillion: 0,
          source: 'host',
          date: '2026-12-01',
        },
      ],
    });
    const p = prefix();
    const budget = createBudget({
      store: redisStore({ client, prefix: p }),
      prices,
      limits: { tokens: 1000, usd: 1 },
      period: { day: { tokens: 10_000 } },
    });
    const call = { model: 'local-model', inputTokens: 300, maxOutputTokens: 100 };
    const settled = await budget.reserve(call);
    await expect(settled.settle({ inputTokens: 300, outputTokens: 50 })).resolves.toMatchObject({
      found: true,
    });
    await (await budget.reserve({ ...call, requests: 0 })).release();
    await budget.reserve({ ...call, ttlMs: 1 }); // its holder "crashes"
    await new Promise((r) => setTimeout(r, 30));
    // The expired one is booked at its worst case; nothing is left reserved in any scope.
    const usage = await budget.usage();
    expect(usage.scopes.map((s) => [s.scope, s.spent.tokens, s.reserved.tokens])).toEqual([
      ['run', 750, 0],
      ['day', 750, 0],
    ]);
    // The cap holds: 250 tokens are left, so a 400-token call is refused.
    await expect(budget.reserve(call)).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED' });
  });

  it('a run refused on its first call leaves no scope key without an expiry', async () => {
    const p = prefix();
    const budget = createBudget({
      store: redisStore({ client, prefix: p }),
      // A zero cap is exhausted from the start: the refusal marks its `exhausted` alert.
      limits: { tokens: 0 },
      onAlert: () => {},
    });
    await expect(
      budget.reserve({ model: 'gpt-5.2', inputTokens: 100, maxOutputTokens: 1 }),
    ).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED' });
    const keys = await client.keys(`{${p}}*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(await client.pttl(key)).toBeGreaterThan(0);
  });

  it('a low-spend refusal does not use up the exhausted alert; the real exhaustion fires it', async () => {
    await expectLowSpendRefusalKeepsExhausted(redisStore({ client, prefix: prefix() }));
  });

  it('each alert fires once across processes sharing the store', async () => {
    const p = prefix();
    const alerts: BudgetAlert[] = [];
    const clients = [client, new Redis(REDIS_URL), new Redis(REDIS_URL)];
    extraClients.push(clients[1]!, clients[2]!);
    const budgets = clients.map((c) =>
      createBudget({
        store: redisStore({ client: c, prefix: p }),
        limits: {},
        period: { month: { tokens: 1000 } },
        onAlert: (a) => alerts.push(a),
      }),
    );
    await Promise.all(
      Array.from({ length: 120 }, async (_, i) => {
        try {
          await spend(budgets[i % 3]!, 9);
        } catch (error) {
          if (!(error instanceof BudgetExceededError)) throw error;
        }
      }),
    );
    // Refusals while holds filled the cap were not exhaustion; with 999 of 1000 spent, one
    // more call from each process is, and fires `exhausted` once.
    for (const budget of budgets) {
      await expect(spend(budget, 9)).rejects.toBeInstanceOf(BudgetExceededError);
    }
    expect(alerts.map((a) => a.level).sort()).toEqual(['critical', 'exhausted', 'info', 'warning']);
  });

  it('fails closed with BUDGET_STORE_UNAVAILABLE when Redis does not answer in time', async () => {
    const hung = {
      evalsha: () => new Promise<never>(() => {}),
      eval: () => new Promise<never>(() => {}),
    };
    const budget = createBudget({
      store: redisStore({ client: hung, prefix: 'x', timeoutMs: 50 }),
      limits: { usd: 1 },
    });
    await expect(
      budget.reserve({ model: 'gpt-4o', inputTokens: 1, maxOutputTokens: 1 }),
    ).rejects.toMatchObject({
      code: 'BUDGET_STORE_UNAVAILABLE',
      name: 'BudgetStoreUnavailableError',
      message: expect.stringMatching(
        /did not answer "reserve" within 50 ms.*Check that Redis is reachable/,
      ),
      details: { operation: 'reserve', timeoutMs: 50, failure: 'timeout' },
    });
    // A real client pointed at a port where nothing listens.
    const dead = new Redis('redis://127.0.0.1:1', {
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      lazyConnect: true,
    });
    dead.on('error', () => {});
    extraClients.push(dead);
    const budget2 = createBudget({
      store: redisStore({ client: dead, prefix: 'x', timeoutMs: 500 }),
      limits: {},
    });
    await expect(
      budget2.reserve({ model: 'gpt-4o', inputTokens: 1, maxOutputTokens: 1 }),
    ).rejects.toMatchObject({
      code: 'BUDGET_STORE_UNAVAILABLE',
    });
  });

  it('says Redis answered with an error, not that it timed out, when it replies with one', async () => {
    const p = prefix();
    // Keys under the prefix that the store did not write: Redis answers WRONGTYPE at once.
    await client.set(`{${p}}:held`, 'not a hash');
    const budget = createBudget({
      store: redisStore({ client, prefix: p, timeoutMs: 2000 }),
      limits: { usd: 1 },
    });
    const error = await budget
      .reserve({ model: 'gpt-4o', inputTokens: 1, maxOutputTokens: 1 })
      .then(
        () => new Error('expected a refusal'),
        (e: unknown) => e as Error,
      );
    expect(error).toMatchObject({
      code: 'BUDGET_STORE_UNAVAILABLE',
      message: expect.stringContaining('Redis answered "reserve" with an error (WRONGTYPE)'),
      details: { operation: 'reserve', failure: 'error-reply', redisError: 'WRONGTYPE' },
    });
    expect(error.message).not.toMatch(/within|timeout/);
  });

  it('says the connection failed, without the URL or its password, when the client gives up', async () => {
    // ioredis's own default: it gives up on a command after retrying the connection.
    // The URL is built here so the source holds no credential-shaped literal.
    const url = new URL('redis://127.0.0.1:1');
    url.username = 'user';
    const canary = 's3cretPW';
    url.password = canary;
    const store = redisStore({ url: url.href, prefix: 'x', timeoutMs: 5000 });
    const budget = createBudget({ store, limits: {} });
    const error = await budget
      .reserve({ model: 'gpt-4o', inputTokens: 1, maxOutputTokens: 1 })
      .then(
        () => new Error('expected a refusal'),
        (e: unknown) => e as Error,
      );
    await store.close().catch(() => {});
    expect(error).toMatchObject({
      code: 'BUDGET_STORE_UNAVAILABLE',
      message: expect.stringContaining('could not reach Redis for "reserve"'),
      details: { operation: 'reserve', failure: 'connection' },
    });
    expect(error.message).not.toMatch(/within|s3cretPW|127\.0\.0\.1/);
    expect(inspect(error, { depth: 5 })).not.toContain('s3cretPW');
  });

  it('names the fix when no client is given, and reloads scripts after NOSCRIPT', async () => {
    expect(() => redisStore({ prefix: 'x' })).toThrow(
      expect.objectContaining({ code: 'OPTIONAL_DEPENDENCY_MISSING' }),
    );
    expect(() => redisStore({ client, prefix: 'a{b}' })).toThrow(/without braces/);
    // A url that is not a string is a mistake, not a missing peer; with a client it would be
    // ignored in silence.
    expect(() => redisStore({ url: 6379 as unknown as string, prefix: 'x' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining(
          'url must be a string such as redis://host:6379; got a number',
        ),
      }),
    );
    expect(() => redisStore({ client, url: REDIS_URL, prefix: 'x' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('a client or a url, not both'),
      }),
    );
    const fresh = new LuaScript(`return ARGV[1] -- ${Math.random()}`);
    await expect(fresh.run(client, [], ['hello'])).resolves.toBe('hello'); // NOSCRIPT -> EVAL
    await expect(fresh.run(client, [], ['again'])).resolves.toBe('again'); // EVALSHA hit
  });

  it('creates its own client from a url (ioredis installed) and closes it', async () => {
    const store = redisStore({ url: REDIS_URL, prefix: prefix() });
    const budget = createBudget({ store, limits: { tokens: 10 } });
    await spend(budget, 5);
    expect((await budget.usage()).scopes[0]!.spent.tokens).toBe(5);
    await store.close();
  });

  it('rate-limits across processes through the store (sliding windows in Lua)', async () => {
    const p = prefix();
    const other = new Redis(REDIS_URL);
    extraClients.push(other);
    const limiters = [client, other].map((c) =>
      createRateLimiter({
        requestsPerMinute: 3,
        tokensPerMinute: 1000,
        store: redisStore({ client: c, prefix: p }),
        key: 'openai',
      }),
    );
    const started: number[] = [];
    const controller = new AbortController();
    const jobs = [0, 1, 2, 3].map((i) =>
      limiters[i % 2]!.schedule(
        async () => {
          started.push(i);
        },
        { tokens: 10, signal: controller.signal },
      ),
    );
    const settled = await Promise.race([
      Promise.allSettled(jobs),
      new Promise((r) => setTimeout(r, 300)).then(() => 'waiting'),
    ]);
    expect(settled).toBe('waiting'); // one of the four is held for the next slot (20 s away)
    expect(started).toHaveLength(3);
    controller.abort(new Error('test over'));
    const results = await Promise.allSettled(jobs);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(started).toHaveLength(3);
  });

  it('acquireRate refuses a negative or fractional weight (it was granted, as negative use)', async () => {
    const store = redisStore({ client, prefix: prefix() });
    const limits = { requestsPerMinute: 1, tokensPerMinute: -1 };
    for (const [requests, tokens] of [
      [-1, 0],
      [1, -5],
      [0.5, 0],
      [Number.NaN, 0],
    ] as const) {
      await expect(store.acquireRate('k', requests, tokens, limits)).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('must be a non-negative integer'),
      });
    }
    await expect(
      store.acquireRate('k', 1, 0, { requestsPerMinute: -2, tokensPerMinute: -1 }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    // Nothing was logged: the one request a minute is still free.
    await expect(store.acquireRate('k', 1, 0, limits)).resolves.toBe(0);
    expect(await store.acquireRate('k', 1, 0, limits)).toBeGreaterThan(0);
  });

  it('3 child processes sharing a limit: no 60 s window grants more than the per-minute limit', async () => {
    // The whole test takes far less than 60 s, so every grant falls in one window: the
    // limit is the most it may grant. A bucket that started full and refilled continuously
    // granted the limit at once and then 10 more per second.
    const p = prefix();
    const run = (env: Record<string, string>) =>
      Promise.all(
        [1, 2, 3].map(async (n) => {
          const result = await workerResult<{ granted: number }>('rate-worker.ts', n, {
            PM_PREFIX: p,
            PM_FOR_MS: '2500',
            ...env,
          });
          return result.granted;
        }),
      );
    const started = Date.now();
    const requests = await run({ PM_RPM: '600' });
    expect(requests.reduce((a, b) => a + b, 0)).toBe(600);
    // Tokens: 1,000 per minute, 30 per call -> 33 calls fit (990), the 34th would not.
    await cleanPrefix(client, p);
    const tokenCalls = await run({ PM_TPM: '1000', PM_TOKENS: '30' });
    expect(tokenCalls.reduce((a, b) => a + b, 0)).toBe(33);
    expect(Date.now() - started).toBeLessThan(60_000); // else the windows above could slide
    // A refused call is told to wait until the oldest grant leaves the window.
    const store = redisStore({ client, prefix: p });
    const wait = await store.acquireRate('shared', 1, 30, {
      requestsPerMinute: -1,
      tokensPerMinute: 1000,
    });
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60_000);
  }, 60_000);

  it('a limiter without a token limit leaves the token log of one with a limit alone', async () => {
    const p = prefix();
    const store = redisStore({ client, prefix: p });
    const requestsOnly = createRateLimiter({ requestsPerMinute: 100, store, key: 'openai' });
    const withTokens = createRateLimiter({ tokensPerMinute: 600, store, key: 'openai' });
    await requestsOnly.schedule(async () => 'first');
    // A full minute's 600 tokens are there: the call starts at once, not a minute later.
    const result = await Promise.race([
      withTokens.schedule(async () => 'ran', { tokens: 600 }),
      new Promise((r) => setTimeout(r, 2000)).then(() => 'still waiting'),
    ]);
    expect(result).toBe('ran');
  });

  it('amounts of 15+ significant digits are held and freed exactly (no cjson rounding)', async () => {
    const store = redisStore({ client, prefix: prefix() });
    // A free model (a row of 0): priced, these counts would cost past 2^53 micro-dollars,
    // which is refused; the token counters are what this holds and frees exactly.
    const model = 'free-model';
    const prices = priceTable({
      version: 'test',
      date: '2026-12-07',
      rows: [freeRow(model)],
    });
    const budget = createBudget({
      store,
      prices,
      limits: { requests: 10 },
      period: { day: {} },
    });
    const big = 123_456_789_012_345;
    const r = await budget.reserve({ model, inputTokens: big, maxOutputTokens: 0 });
    const huge = await budget.reserve({
      model,
      inputTokens: 2 ** 53 - 8 - 2 * big,
      maxOutputTokens: big,
    });
    expect((await budget.usage()).scopes[0]!.reserved.tokens).toBe(2 ** 53 - 8);
    await r.release();
    await huge.settle({ inputTokens: 9_007_199_254_740, outputTokens: 1 });
    const usage = await budget.usage();
    for (const scope of usage.scopes) {
      expect(scope.reserved).toEqual({ tokens: 0, usd: 0, requests: 0 });
      expect(scope.spent.tokens).toBe(9_007_199_254_741);
    }
  });

  it('a malformed ttlMs is INVALID_ARGUMENT before it reaches Redis', async () => {
    const store = redisStore({ client, prefix: prefix() });
    const budget = createBudget({ store, limits: { tokens: 100 } });
    for (const bad of [Number.NaN, -1, 0, 1.5]) {
      await expect(
        budget.reserve({ model: 'gpt-4o', inputTokens: 1, maxOutputTokens: 0, ttlMs: bad }),
      ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      // The store itself refuses it too (a host may call it directly).
      await expect(
        store.reserve({
          id: `direct-${bad}`,
          scopes: [],
          amount: { tokens: 1, microUsd: 0, requests: 1 },
          ttlMs: bad,
          thresholds: [],
        }),
      ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
    expect((await budget.usage()).scopes[0]!.reserved.tokens).toBe(0);
  });

  it('4 child processes hammer one shared budget: never over the cap, each alert once', async () => {
    const p = prefix();
    const violations: string[] = [];
    const monitor = redisStore({ client, prefix: p });
    const capMicro = 1_000_000;
    let running = true;
    const watch = (async () => {
      // Polls while the children run: spent + reserved must never pass the cap.
      while (running) {
        const [month] = await monitor.usage(['month:2026-11']);
        if (month!.spent.microUsd + month!.reserved.microUsd > capMicro)
          violations.push(JSON.stringify(month));
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const results = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        workerResult<{
          reserved: number;
          refused: number;
          settledMicro: number;
          alerts: string[];
        }>('redis-worker.ts', n, { PM_PREFIX: p, PM_SEED: String(n), PM_COUNT: '2000' }),
      ),
    );
    running = false;
    await watch;
    expect(violations).toEqual([]);
    expect(results.reduce((s, r) => s + r.reserved, 0)).toBeGreaterThan(1000);
    expect(results.reduce((s, r) => s + r.refused, 0)).toBeGreaterThan(0); // the cap was in play
    const [month] = await monitor.usage(['month:2026-11']);
    expect(month!.reserved).toEqual({ tokens: 0, microUsd: 0, requests: 0 });
    expect(month!.spent.microUsd).toBeLessThanOrEqual(capMicro);
    expect(month!.spent.microUsd).toBe(results.reduce((s, r) => s + r.settledMicro, 0));
    const alerts = results.flatMap((r) => r.alerts);
    expect(alerts.sort()).toEqual([
      'month:2026-11/usd/critical',
      'month:2026-11/usd/exhausted',
      'month:2026-11/usd/info',
      'month:2026-11/usd/warning',
    ]);
  }, 60_000);
});

/** A server on 127.0.0.1 that accepts connections and never replies; `stop()` drops them. */
async function silentServer(): Promise<{ port: number; stop(): void }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    stop() {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

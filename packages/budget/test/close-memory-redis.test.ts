import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cleanPrefix, connectRedis, uniquePrefix } from '../../../test/support/redis-env.js';
import { createBudget } from '../src/index.js';
import type { RedisClientLike } from '../src/redis/redis-client.js';
import { redisStore } from '../src/redis.js';
import {
  expectLateSettleRetrySameReply,
  expectReleaseAfterLostSettleSaysSettled,
  expectSettleAfterLostLateReleaseBooksExcess,
  expectSettleLongAfterLostReleaseBooks,
  expectSettleRetryAfterLostReleaseAnswersBooked,
  expectSettleRetryWithOtherUsageAnswersBooked,
  type LossyStore,
} from './lost-replies.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const redis = await connectRedis();

describe.runIf(redis !== undefined)('Redis store: closes whose reply was lost', () => {
  const prefixes: string[] = [];
  afterEach(async () => {
    for (const p of prefixes.splice(0)) await cleanPrefix(redis!, p);
  });
  afterAll(() => redis?.disconnect());

  /**
   * A store on the shared Redis (a prefix of the test's own) whose next script's reply
   * comes after the store's timeout: done in Redis, refused to the caller.
   */
  function lossyRedis(): LossyStore & { readonly prefix: string } {
    const prefix = uniquePrefix();
    prefixes.push(prefix);
    let lose = false;
    let refuse = false;
    const late = async (reply: unknown) => {
      if (lose) {
        lose = false;
        await sleep(300);
      }
      return reply;
    };
    // A script that never reaches Redis (a connection refused).
    const refused = () => {
      if (!refuse) return;
      refuse = false;
      throw new Error('connect ECONNREFUSED');
    };
    const client: RedisClientLike = {
      evalsha: async (...args) => {
        refused();
        return late(await redis!.evalsha(...args));
      },
      eval: async (...args) => {
        refused();
        return late(await redis!.eval(...args));
      },
    };
    return {
      prefix,
      store: redisStore({ client, prefix, timeoutMs: 100 }),
      loseNextReply: () => {
        lose = true;
      },
      refuseNext: () => {
        refuse = true;
      },
      landed: () => sleep(300),
      // The hour's memory of releases ends (as its expiry would end it).
      forget: async () => {
        await redis!.del(`{${prefix}}:released`);
      },
    };
  }

  it('a release after a settle whose reply was lost says settled, and books nothing more', async () => {
    await expectReleaseAfterLostSettleSaysSettled(lossyRedis());
  });

  it('a settle past the hour after a release whose reply was lost books the actual, once', async () => {
    await expectSettleLongAfterLostReleaseBooks(lossyRedis());
  });

  it('a late settle retried after its reply was lost answers what the first attempt booked', async () => {
    await expectLateSettleRetrySameReply(lossyRedis(), () => sleep(40));
  });
  it('a settle after a late release whose reply was lost books what its actual exceeds the worst case by', async () => {
    await expectSettleAfterLostLateReleaseBooksExcess(lossyRedis(), () => sleep(40));
  });
  it('a settle after a lost release, retried with another usage, answers what the first attempt booked', async () => {
    await expectSettleRetryAfterLostReleaseAnswersBooked(lossyRedis());
  });
  it('a settle retried with another usage after its reply was lost answers what the first attempt booked', async () => {
    await expectSettleRetryWithOtherUsageAnswersBooked(lossyRedis());
  });
  it('a settle of a reservation Redis lost, retried with another usage, answers what was booked', async () => {
    const lossy = lossyRedis();
    const budget = createBudget({ store: lossy.store, limits: { tokens: 1000 }, alerts: false });
    const r = await budget.reserve({ model: 'gpt-5.2', inputTokens: 50, maxOutputTokens: 50 });
    // The store loses its data (a restart without persistence, a flush).
    await cleanPrefix(redis!, lossy.prefix);
    lossy.loseNextReply();
    await expect(r.settle({ inputTokens: 50, outputTokens: 40 })).rejects.toThrow();
    await lossy.landed();
    // The host recounted: the retry passes 60 tokens, the first attempt booked 90.
    expect(await r.settle({ inputTokens: 50, outputTokens: 10 })).toMatchObject({
      found: false,
      lost: true,
      tokens: 90,
      usageDiffered: true,
    });
    expect((await budget.usage()).scopes[0]).toMatchObject({ spent: { tokens: 90 } });
    budget.dispose();
  });
  it('a release after a lost settle of a reservation Redis lost says settled, and books nothing more', async () => {
    const lossy = lossyRedis();
    const budget = createBudget({
      store: lossy.store,
      limits: { tokens: 1000 },
      alerts: { info: 0.05 },
      onAlert: () => {},
    });
    const r = await budget.reserve({ model: 'gpt-5.2', inputTokens: 50, maxOutputTokens: 50 });
    await cleanPrefix(redis!, lossy.prefix);
    lossy.loseNextReply();
    await expect(r.settle({ inputTokens: 50, outputTokens: 40 })).rejects.toThrow();
    await lossy.landed();
    // The settle's kept reply ({9}, with the amounts) is handed over: its alert, not its amounts.
    const release = await r.release();
    expect(release).toMatchObject({ found: false, settled: true });
    expect(release.alerts.map((a) => `${a.level}:${a.spent}`)).toEqual(['info:90']);
    expect((await budget.usage()).scopes[0]).toMatchObject({
      spent: { tokens: 90 },
      reserved: { tokens: 0 },
    });
    budget.dispose();
  });
});

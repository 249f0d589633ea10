import { afterAll, afterEach } from 'vitest';
import { cleanPrefix, connectRedis, uniquePrefix } from '../../../test/support/redis-env.js';
import type { RateLimiterOptions } from '../src/index.js';
import { redisStore } from '../src/redis.js';

/** A limiter back end: its name and the options that select it (a fresh Redis prefix each). */
export type LimiterBackend = [name: string, options: () => Partial<RateLimiterOptions>];

/**
 * The back ends a limiter test runs on: in one process, and shared through Redis when Redis
 * is reachable. Registers the hooks that remove each test's Redis keys and close the client.
 */
export async function limiterBackends(): Promise<LimiterBackend[]> {
  const redis = await connectRedis();
  const backends: LimiterBackend[] = [['in one process', () => ({})]];
  if (redis === undefined) return backends;
  const prefixes: string[] = [];
  afterEach(async () => {
    for (const p of prefixes.splice(0)) await cleanPrefix(redis, p);
  });
  afterAll(() => {
    redis.disconnect();
  });
  backends.push([
    'shared (Redis)',
    () => {
      const prefix = uniquePrefix();
      prefixes.push(prefix);
      return { store: redisStore({ client: redis, prefix }) };
    },
  ]);
  return backends;
}

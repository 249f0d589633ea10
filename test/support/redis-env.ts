import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis the tests use. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Under CI an unreachable Redis fails the suite instead of skipping it. */
export const IN_CI = process.env.CI === 'true';

/** Connects, or returns undefined (after a loud message) when Redis is unreachable. */
export async function connectRedis(): Promise<Redis | undefined> {
  const client = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return client;
  } catch (error) {
    client.disconnect();
    const message =
      `\n\n!!!!! REDIS UNREACHABLE at ${REDIS_URL} (${String(error)}): the Redis tests are ${IN_CI ? 'FAILING (CI=true)' : 'SKIPPED'} !!!!!\n` +
      "!!!!! start it: redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save '' --appendonly no !!!!!\n\n";
    console.error(message);
    return undefined;
  }
}

/** A fresh key prefix per test, so tests never share state. */
export function uniquePrefix(): string {
  return `pm:test:${randomUUID()}`;
}

/** Deletes every key under a prefix (all are hash-tagged `{prefix}`). */
export async function cleanPrefix(client: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `{${prefix}}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await client.del(...keys);
  } while (cursor !== '0');
}

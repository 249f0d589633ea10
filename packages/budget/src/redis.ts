export type { RedisClientLike } from './redis/redis-client.js';
export { type RedisStore, type RedisStoreOptions, redisStore } from './redis/redis-store.js';

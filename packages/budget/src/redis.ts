export type { RedisClientLike } from './redis/redis-client.js';
export {
  MIN_RETENTION_MS,
  type RedisStore,
  type RedisStoreOptions,
  redisStore,
} from './redis/redis-store.js';

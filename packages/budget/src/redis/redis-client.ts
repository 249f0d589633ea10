/**
 * The few ioredis methods the store calls, as a structural type: the package never imports
 * ioredis, so it stays an optional peer. An ioredis `Redis` or `Cluster` instance fits.
 */
export interface RedisClientLike {
  /** Runs a cached script by SHA1. */
  evalsha(sha: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  /** Runs (and caches) a script. */
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

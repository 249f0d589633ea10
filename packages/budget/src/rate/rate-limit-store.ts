/** Per-minute limits of a shared rate limit, as the store sees them (`-1` = none). */
export interface RateLimits {
  /** Requests per minute. */
  readonly requestsPerMinute: number;
  /** Tokens per minute. */
  readonly tokensPerMinute: number;
}

/**
 * A rate limit shared by several processes (implemented by the Redis store with one Lua
 * script). Two token buckets, refilled continuously at `limit / 60 s`, holding at most one
 * minute's allowance; a call takes from both buckets or from neither.
 */
export interface RateLimitStore {
  /**
   * Takes `requests` and `tokens` from the buckets of `key` if both have enough, and
   * returns 0; otherwise takes nothing and returns how many ms to wait before trying again.
   */
  acquireRate(key: string, requests: number, tokens: number, limits: RateLimits): Promise<number>;
}

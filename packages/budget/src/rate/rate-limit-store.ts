/** Per-minute limits of a shared rate limit, as the store sees them (`-1` = none). */
export interface RateLimits {
  /** Requests per minute. */
  readonly requestsPerMinute: number;
  /** Tokens per minute. */
  readonly tokensPerMinute: number;
}

/**
 * A rate limit shared by several processes (implemented by the Redis store with one Lua
 * script). A sliding 60 s window per limit: a call is granted when the requests and tokens
 * granted in the last 60 s plus its own fit both limits, and then counts in both; otherwise
 * it takes nothing. No 60 s window ever starts more than a limit.
 */
export interface RateLimitStore {
  /**
   * Grants `requests` and `tokens` under `key` if both fit the last 60 s's grants, and
   * returns 0; otherwise takes nothing and returns how many ms to wait before trying again.
   */
  acquireRate(key: string, requests: number, tokens: number, limits: RateLimits): Promise<number>;
}

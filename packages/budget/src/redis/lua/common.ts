/**
 * Lua shared by the budget scripts. Every script runs atomically in Redis: no other
 * command interleaves, which is what makes reserve-if-it-fits hard across processes.
 *
 * Scope hash fields: st/sm/sr = spent tokens / micro-USD / requests, rt/rm/rr = reserved,
 * `a:<metric>:<level>` = alert fired (HSETNX, so once across processes).
 * Held reservations: HASH id -> cjson {k = scope hash keys, n = scope names, l = limits
 * (flat t,m,r per scope), a = {t,m,r}, ret = retention ms}, numbers kept as decimal
 * strings (cjson.encode keeps only 14 significant digits); ZSET id -> expiry ms.
 */
export const NOW_MS = `
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
`;

/**
 * Takes a held amount (a decimal string) off a counter. Not `-amount`: Lua's minus turns
 * "0" into -0, which Redis passes on as "-0", and HINCRBY refuses that as not an integer
 * (after earlier writes of the script are done: Redis does not roll them back). Held
 * amounts of 0 are common: $0 under a budget without a USD cap, no requests.
 */
export const TAKE_HELD = `
local function take_held(key, field, amount)
  local n = tonumber(amount)
  if n ~= 0 then redis.call('HINCRBY', key, field, -n) end
end
`;

/**
 * Books one expired reservation (its held record `raw`) as spent at the worst case and
 * drops it. Whoever finds it expired books it the same way: the sweep, or the holder's own
 * late settle or release, so what a late close books never depends on whether some other
 * call swept first.
 */
export const BOOK_EXPIRED = `${TAKE_HELD}
local function book_expired(held, expiry, id, raw)
  local rec = cjson.decode(raw)
  for _, k in ipairs(rec.k) do
    take_held(k, 'rt', rec.a[1])
    take_held(k, 'rm', rec.a[2])
    take_held(k, 'rr', rec.a[3])
    redis.call('HINCRBY', k, 'st', rec.a[1])
    redis.call('HINCRBY', k, 'sm', rec.a[2])
    redis.call('HINCRBY', k, 'sr', rec.a[3])
    redis.call('PEXPIRE', k, rec.ret)
  end
  redis.call('HDEL', held, id)
  redis.call('ZREM', expiry, id)
end
`;

/**
 * Books crashed holders' reservations (past their expiry) as spent at the worst case, so
 * a dead process never turns held budget back into free budget. Bounded per call.
 */
export const SWEEP = `${BOOK_EXPIRED}
local function sweep(held, expiry, now)
  local ids = redis.call('ZRANGEBYSCORE', expiry, '-inf', now, 'LIMIT', 0, 64)
  for _, id in ipairs(ids) do
    local raw = redis.call('HGET', held, id)
    if raw then book_expired(held, expiry, id, raw) else redis.call('ZREM', expiry, id) end
  end
end
`;

/** Metric names in field order (t, m, r). */
export const METRICS = `local METRICS = { 'tokens', 'usd', 'requests' }
local SPENT = { 'st', 'sm', 'sr' }
local RESERVED = { 'rt', 'rm', 'rr' }
`;

/**
 * Lua shared by the budget scripts. Every script runs atomically in Redis: no other
 * command interleaves, which is what makes reserve-if-it-fits hard across processes.
 *
 * Scope hash fields: st/sm/sr = spent tokens / micro-USD / requests, rt/rm/rr = reserved,
 * `a:<metric>:<level>` = alert fired (HSETNX, so once across processes).
 * Held reservations: HASH id -> cjson {k = scope hash keys, n = scope names, l = limits
 * (flat t,m,r per scope), a = {t,m,r}, ret = retention ms}, numbers kept as decimal
 * strings (cjson.encode keeps only 14 significant digits); ZSET id -> expiry ms.
 * Booked: ZSET id -> ms when an expired reservation (or one the store had lost) was
 * booked, kept for the retention, so a late close knows it was booked. Epoch: a random
 * string set by the first reserve; a reservation made under another epoch was lost with
 * the store's data (a restart without persistence, a flush).
 */
export const NOW_MS = `
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
`;

/** Metric names in field order (t, m, r). */
export const METRICS = `local METRICS = { 'tokens', 'usd', 'requests' }
local SPENT = { 'st', 'sm', 'sr' }
local RESERVED = { 'rt', 'rm', 'rr' }
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
 * Fires the alert tiers that `spent` has reached on one scope counter, once each (HSETNX
 * marks, shared by every process), appending {scopeName, metricIndex, level, spent, limit}
 * per alert fired to `out`. `tiers` is a flat list of level, permille pairs, ascending.
 */
export const MARK_ALERTS = `
local function mark_alerts(k, name, m, spent, limit, tiers, out)
  if limit <= 0 then return end
  for t = 1, #tiers, 2 do
    local level, permille = tiers[t], tonumber(tiers[t + 1])
    if spent * 1000 < permille * limit then break end
    if redis.call('HSETNX', k, 'a:' .. METRICS[m] .. ':' .. level, 1) == 1 then
      out[#out + 1] = name
      out[#out + 1] = m
      out[#out + 1] = level
      out[#out + 1] = spent
      out[#out + 1] = limit
    end
  end
end
`;

/**
 * Books one expired reservation (its held record `raw`) as spent at the worst case, fires
 * the alert tiers that spend reaches (appended to `out`, as close does), and drops it,
 * leaving its id in `booked`.
 * Whoever finds it expired books it the same way: the sweep, or the holder's own late
 * settle or release, so what a late close books never depends on whether some other call
 * swept first.
 */
export const BOOK_EXPIRED = `${METRICS}${TAKE_HELD}${MARK_ALERTS}
local function mark_booked(booked, id, now, ret)
  redis.call('ZADD', booked, now, id)
  redis.call('ZREMRANGEBYSCORE', booked, '-inf', now - tonumber(ret))
  redis.call('PEXPIRE', booked, ret)
end
local function book_expired(held, expiry, booked, now, id, raw, tiers, out)
  local rec = cjson.decode(raw)
  mark_booked(booked, id, now, rec.ret)
  for i, k in ipairs(rec.k) do
    for m = 1, 3 do
      take_held(k, RESERVED[m], rec.a[m])
      local spent = redis.call('HINCRBY', k, SPENT[m], rec.a[m])
      mark_alerts(k, rec.n[i], m, spent, tonumber(rec.l[(i - 1) * 3 + m]), tiers, out)
    end
    redis.call('PEXPIRE', k, rec.ret)
  end
  redis.call('HDEL', held, id)
  redis.call('ZREM', expiry, id)
end
`;

/**
 * Books crashed holders' reservations (past their expiry) as spent at the worst case, so
 * a dead process never turns held budget back into free budget, firing their alerts into
 * `out`. Batches of 64 until none is left, at most 512 per call so one script never blocks
 * Redis for long: each reservation adds one record, so sweeping up to 512 per reserve
 * always catches up. Until booked, an expired record still counts as reserved (the cap
 * holds) and usage reads it as spent.
 */
export const SWEEP = `${BOOK_EXPIRED}
local function sweep(held, expiry, booked, now, tiers, out)
  for _ = 1, 8 do
    local ids = redis.call('ZRANGEBYSCORE', expiry, '-inf', now, 'LIMIT', 0, 64)
    for _, id in ipairs(ids) do
      local raw = redis.call('HGET', held, id)
      if raw then
        book_expired(held, expiry, booked, now, id, raw, tiers, out)
      else
        redis.call('ZREM', expiry, id)
      end
    end
    if #ids < 64 then return end
  end
end
`;

import { MAX_TIMER_MS } from '../../budget/limits.js';
import { NOW_MS, SWEEP } from './common.js';

/**
 * KEYS: held hash, expiry zset, booked zset, epoch string, then one hash per scope.
 * ARGV: id, ttlMs, retentionMs, tokens, microUsd, requests, number of alert tiers (0 = no
 * alerts), epoch to set if none is, then per scope: name, limit tokens, limit micro-USD,
 * limit requests (-1 = none), then the alert tiers as level, permille pairs (ascending).
 * Returns {1, epoch, then alerts} when held, {0, scopeIndex, metricIndex, limit, spent, reserved,
 * exhaustedFired (1 only when the refusal truly exhausts the counter, see refusalExhausts),
 * then alerts} when refused, {-1} when the id is already held, {-2} when it was cancelled
or booked (its caller gave up on it: see CANCEL_LUA). The alerts
 * (scopeName, metricIndex, level, spent, limit each) are those fired by booking expired
 * reservations first.
 * The held record keeps amounts, limits and retention as the ARGV strings: cjson encodes
 * numbers with 14 significant digits, which would turn 123456789012345 into
 * 1.2345678901234e+14 and leave the difference reserved forever.
 */
export const RESERVE_LUA = `${NOW_MS}${SWEEP}
local held, expiry, booked, epochKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local id = ARGV[1]
local now = now_ms()
local n = #KEYS - 4
local tiers = {}
for t = 9 + 4 * n, #ARGV do tiers[#tiers + 1] = ARGV[t] end
local swept = {}
sweep(held, expiry, booked, now, tiers, swept)
local function with_swept(reply)
  for _, v in ipairs(swept) do reply[#reply + 1] = v end
  return reply
end
if redis.call('HEXISTS', held, id) == 1 then return { -1 } end
-- Cancelled (CANCEL_LUA) because its caller gave up before this reserve arrived: hold nothing.
if redis.call('ZSCORE', booked, id) then return { -2 } end
local amount = { tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]) }
local alerts = tonumber(ARGV[7]) > 0
local top_tier = 0
for t = 2, #tiers, 2 do
  local permille = tonumber(tiers[t])
  if permille < 1000 and permille > top_tier then top_tier = permille end
end
local names, limits, limitArgs = {}, {}, {}
for i = 1, n do
  local base = 9 + (i - 1) * 4
  names[i] = ARGV[base]
  local k = KEYS[i + 4]
  local v = redis.call('HMGET', k, 'st', 'sm', 'sr', 'rt', 'rm', 'rr')
  for m = 1, 3 do
    local limit = tonumber(ARGV[base + m])
    limits[#limits + 1] = limit
    limitArgs[#limitArgs + 1] = ARGV[base + m]
    if limit >= 0 then
      local spent = tonumber(v[m]) or 0
      local reserved = tonumber(v[m + 3]) or 0
      if spent + reserved + amount[m] > limit then
        local fired = 0
        -- As refusalExhausts (refusal-exhausts.ts): only a refusal that spend alone explains,
        -- once spend has reached the last tier below exhausted, uses up the exhausted mark.
        if alerts and spent + amount[m] > limit and spent * 1000 >= top_tier * limit then
          fired = redis.call('HSETNX', k, 'a:' .. METRICS[m] .. ':exhausted', 1)
          -- The mark may have created the scope's hash: it expires like any counter.
          redis.call('PEXPIRE', k, ARGV[3])
        end
        return with_swept({ 0, i, m, limit, spent, reserved, fired })
      end
    end
  end
end
local keys = {}
for i = 1, n do
  local k = KEYS[i + 4]
  keys[i] = k
  for m = 1, 3 do redis.call('HINCRBY', k, RESERVED[m], amount[m]) end
  redis.call('PEXPIRE', k, ARGV[3])
end
redis.call('HSET', held, id, cjson.encode({ k = keys, n = names, l = limitArgs, a = { ARGV[4], ARGV[5], ARGV[6] }, ret = ARGV[3] }))
redis.call('ZADD', expiry, now + tonumber(ARGV[2]), id)
-- The records outlive every reservation in them and the scopes they book into: retention
-- plus the longest TTL, refreshed by each reserve, so an idle prefix leaves nothing behind.
local keep = tonumber(ARGV[3]) + ${MAX_TIMER_MS}
redis.call('PEXPIRE', held, keep)
redis.call('PEXPIRE', expiry, keep)
local epoch = redis.call('GET', epochKey)
if not epoch then
  epoch = ARGV[8]
  redis.call('SET', epochKey, epoch)
end
redis.call('PEXPIRE', epochKey, keep)
return with_swept({ 1, epoch })
`;

import { NOW_MS } from './common.js';

/**
 * Two token buckets (requests, tokens) refilled continuously at limit / 60 s, capped at one
 * minute's allowance; takes from both or neither. Each bucket keeps its own level and time
 * and is written only by callers that limit it: a limiter without a token limit sharing
 * the key must not leave the token bucket empty (or stale) for one that has one.
 * KEYS: bucket hash. ARGV: requests, tokens, requestsPerMinute, tokensPerMinute (-1 = none).
 * Returns 0 when granted, else the ms to wait before trying again.
 */
export const RATE_LUA = `${NOW_MS}
local k = KEYS[1]
local want = { tonumber(ARGV[1]), tonumber(ARGV[2]) }
local per = { tonumber(ARGV[3]), tonumber(ARGV[4]) }
local LEVEL, TIME = { 'r', 't' }, { 'rts', 'tts' }
local now = now_ms()
local v = redis.call('HMGET', k, 'r', 't', 'rts', 'tts')
local level = { 0, 0 }
local wait = 0
for i = 1, 2 do
  if per[i] >= 0 then
    local have = tonumber(v[i])
    if have == nil then have = per[i] end
    local elapsed = math.max(0, now - (tonumber(v[i + 2]) or now))
    level[i] = math.min(per[i], have + elapsed * per[i] / 60000)
    if level[i] < want[i] then
      wait = math.max(wait, math.ceil((want[i] - level[i]) * 60000 / per[i]))
    end
  end
end
for i = 1, 2 do
  if per[i] >= 0 then
    if wait == 0 then level[i] = level[i] - want[i] end
    redis.call('HSET', k, LEVEL[i], tostring(level[i]), TIME[i], now)
  end
end
redis.call('PEXPIRE', k, 120000)
return wait
`;

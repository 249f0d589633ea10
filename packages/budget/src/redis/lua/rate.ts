import { NOW_MS } from './common.js';

/**
 * Two token buckets (requests, tokens) refilled continuously at limit / 60 s, capped at one
 * minute's allowance; takes from both or neither.
 * KEYS: bucket hash. ARGV: requests, tokens, requestsPerMinute, tokensPerMinute (-1 = none).
 * Returns 0 when granted, else the ms to wait before trying again.
 */
export const RATE_LUA = `${NOW_MS}
local k = KEYS[1]
local want = { tonumber(ARGV[1]), tonumber(ARGV[2]) }
local per = { tonumber(ARGV[3]), tonumber(ARGV[4]) }
local now = now_ms()
local v = redis.call('HMGET', k, 'r', 't', 'ts')
local last = tonumber(v[3]) or now
local elapsed = math.max(0, now - last)
local level = { 0, 0 }
local wait = 0
for i = 1, 2 do
  if per[i] >= 0 then
    local have = tonumber(v[i])
    if have == nil then have = per[i] end
    level[i] = math.min(per[i], have + elapsed * per[i] / 60000)
    if level[i] < want[i] then
      wait = math.max(wait, math.ceil((want[i] - level[i]) * 60000 / per[i]))
    end
  end
end
if wait == 0 then
  for i = 1, 2 do level[i] = level[i] - want[i] end
end
redis.call('HSET', k, 'r', tostring(level[1]), 't', tostring(level[2]), 'ts', now)
redis.call('PEXPIRE', k, 120000)
return wait
`;

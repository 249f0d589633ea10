import { NOW_MS } from './common.js';

/** Length of the rate window, ms. */
export const RATE_WINDOW_MS = 60_000;

/**
 * Sliding-window logs (requests, tokens): every grant is logged with its time and amount,
 * and a call is granted only if the amounts logged in the last 60 s plus its own fit the
 * per-minute limit, for both logs or neither. So no 60 s window ever starts more than the
 * limit (a token bucket that starts full and refills continuously lets through twice the
 * limit in the first minute). Each log keeps a running sum in the hash; entries that leave
 * the window are taken off it as they are trimmed, so a call costs O(log n) amortised.
 * A log is written only by callers that limit it: a limiter without a token limit sharing
 * the key leaves the token log alone.
 * KEYS: hash (running sums `sr`/`st`, sequence `n`), request log zset, token log zset.
 * ARGV: requests, tokens, requestsPerMinute, tokensPerMinute (-1 = none).
 * Log members are `<sequence>:<amount>`, scored by the grant's time (Redis's clock).
 * Returns 0 when granted, else the ms until enough of the log leaves the window.
 */
export const RATE_LUA = `${NOW_MS}
local k = KEYS[1]
local logs = { KEYS[2], KEYS[3] }
local want = { tonumber(ARGV[1]), tonumber(ARGV[2]) }
local per = { tonumber(ARGV[3]), tonumber(ARGV[4]) }
local SUM = { 'sr', 'st' }
local WINDOW = ${RATE_WINDOW_MS}
local now = now_ms()
local function amount_of(member) return tonumber(string.match(member, ':(%d+)$')) end
local wait = 0
for i = 1, 2 do
  if per[i] >= 0 then
    local log = logs[i]
    -- Entries at or before now - WINDOW are outside (now - WINDOW, now]: trim them.
    local old = redis.call('ZRANGEBYSCORE', log, '-inf', now - WINDOW)
    local sum = tonumber(redis.call('HGET', k, SUM[i])) or 0
    if #old > 0 then
      for _, member in ipairs(old) do sum = sum - amount_of(member) end
      redis.call('ZREMRANGEBYSCORE', log, '-inf', now - WINDOW)
      redis.call('HSET', k, SUM[i], sum)
    end
    -- A log lost (flushed, expired) while its sum survived must not block for ever.
    if sum ~= 0 and redis.call('ZCARD', log) == 0 then
      sum = 0
      redis.call('HSET', k, SUM[i], 0)
    end
    local need = sum + want[i] - per[i]
    if need > 0 then
      -- Wait until the oldest entries worth need have left the window (scan bounded: past
      -- it, the caller waits for the last entry scanned and asks again).
      local freed, start, w = 0, 0, WINDOW
      repeat
        local batch = redis.call('ZRANGE', log, start, start + 99, 'WITHSCORES')
        if #batch == 0 then break end
        for j = 1, #batch, 2 do
          freed = freed + amount_of(batch[j])
          w = tonumber(batch[j + 1]) + WINDOW - now
          if freed >= need then break end
        end
        start = start + 100
      until freed >= need or start >= 1000
      wait = math.max(wait, w, 1)
    end
  end
end
if wait == 0 then
  for i = 1, 2 do
    if per[i] >= 0 and want[i] > 0 then
      local n = redis.call('HINCRBY', k, 'n', 1)
      -- ARGV, not want[i]: Lua's tostring keeps only 14 significant digits.
      redis.call('ZADD', logs[i], now, n .. ':' .. ARGV[i])
      redis.call('HINCRBY', k, SUM[i], ARGV[i])
      redis.call('PEXPIRE', logs[i], 2 * WINDOW)
    end
  end
end
redis.call('PEXPIRE', k, 2 * WINDOW)
return wait
`;

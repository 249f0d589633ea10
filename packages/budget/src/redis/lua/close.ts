import { BOOK_EXPIRED, METRICS, NOW_MS } from './common.js';

/**
 * Settle (book = 1) or release (book = 0) one reservation.
 * KEYS: held hash, expiry zset. ARGV: id, book, tokens, microUsd, requests, then the alert
 * tiers as level, permille pairs (ascending).
 * Returns {0} when the reservation is no longer held (expired: already booked at the worst
 * case) or is past its expiry (booked at the worst case now, as the sweep would have:
 * never freed, whether or not another call swept first), else {1, then per alert fired:
 * scopeName, metricIndex, level, spent, limit}.
 * Record amounts and limits are decimal strings (see RESERVE_LUA); tonumber and Lua's
 * arithmetic read them exactly up to 2^53.
 */
export const CLOSE_LUA = `${NOW_MS}${METRICS}${BOOK_EXPIRED}
local held, expiry = KEYS[1], KEYS[2]
local id = ARGV[1]
local raw = redis.call('HGET', held, id)
if not raw then return { 0 } end
local due = tonumber(redis.call('ZSCORE', expiry, id))
if due ~= nil and due <= now_ms() then
  book_expired(held, expiry, id, raw)
  return { 0 }
end
redis.call('HDEL', held, id)
redis.call('ZREM', expiry, id)
local rec = cjson.decode(raw)
local book = ARGV[2] == '1'
local actual = { tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]) }
local out = { 1 }
for i, k in ipairs(rec.k) do
  for m = 1, 3 do
    take_held(k, RESERVED[m], rec.a[m])
  end
  if book then
    for m = 1, 3 do
      local spent = redis.call('HINCRBY', k, SPENT[m], actual[m])
      local limit = tonumber(rec.l[(i - 1) * 3 + m])
      if limit > 0 then
        for t = 6, #ARGV, 2 do
          local level, permille = ARGV[t], tonumber(ARGV[t + 1])
          if spent * 1000 < permille * limit then break end
          if redis.call('HSETNX', k, 'a:' .. METRICS[m] .. ':' .. level, 1) == 1 then
            out[#out + 1] = rec.n[i]
            out[#out + 1] = m
            out[#out + 1] = level
            out[#out + 1] = spent
            out[#out + 1] = limit
          end
        end
      end
    end
  end
  redis.call('PEXPIRE', k, rec.ret)
end
return out
`;

import { BOOK_EXPIRED, NOW_MS } from './common.js';

/**
 * Settle (book = 1) or release (book = 0) one reservation.
 * KEYS: held hash, expiry zset. ARGV: id, book, tokens, microUsd, requests, then the alert
 * tiers as level, permille pairs (ascending).
 * Returns {0} when the reservation is no longer held (expired: already booked at the worst
 * case); {0, then alerts} when it is past its expiry (booked at the worst case now, as the
 * sweep would have: never freed, whether or not another call swept first); else {1, then
 * alerts}. Each alert fired: scopeName, metricIndex, level, spent, limit.
 * Record amounts and limits are decimal strings (see RESERVE_LUA); tonumber and Lua's
 * arithmetic read them exactly up to 2^53.
 */
export const CLOSE_LUA = `${NOW_MS}${BOOK_EXPIRED}
local held, expiry = KEYS[1], KEYS[2]
local id = ARGV[1]
local tiers = {}
for t = 6, #ARGV do tiers[#tiers + 1] = ARGV[t] end
local raw = redis.call('HGET', held, id)
if not raw then return { 0 } end
local due = tonumber(redis.call('ZSCORE', expiry, id))
if due ~= nil and due <= now_ms() then
  local out = { 0 }
  book_expired(held, expiry, id, raw, tiers, out)
  return out
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
      mark_alerts(k, rec.n[i], m, spent, tonumber(rec.l[(i - 1) * 3 + m]), tiers, out)
    end
  end
  redis.call('PEXPIRE', k, rec.ret)
end
return out
`;

import { NOW_MS } from './common.js';

/**
 * KEYS: held hash, expiry zset, then one hash per scope.
 * Returns, per scope, {st, sm, sr, rt, rm, rr} (missing = 0), read in one atomic step so
 * spent and reserved are consistent with each other. Reservations past their expiry are
 * reported as spent at the worst case (what reserve and close book them as), however many
 * there are, so usage never shows a crashed holder's reservation as still held. They are
 * only read here, not booked: booking fires alerts, and usage has no caller to hand them
 * to, so the next reserve or close books them and fires their alerts.
 */
export const USAGE_LUA = `${NOW_MS}
local index, out = {}, {}
for i = 3, #KEYS do
  index[KEYS[i]] = (i - 3) * 6
  local v = redis.call('HMGET', KEYS[i], 'st', 'sm', 'sr', 'rt', 'rm', 'rr')
  for m = 1, 6 do out[#out + 1] = tonumber(v[m]) or 0 end
end
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now_ms())) do
  local raw = redis.call('HGET', KEYS[1], id)
  if raw then
    local rec = cjson.decode(raw)
    for _, k in ipairs(rec.k) do
      local base = index[k]
      if base ~= nil then
        for m = 1, 3 do
          local a = tonumber(rec.a[m])
          out[base + m] = out[base + m] + a
          out[base + 3 + m] = out[base + 3 + m] - a
        end
      end
    end
  end
end
return out
`;

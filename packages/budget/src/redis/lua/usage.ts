import { NOW_MS, SWEEP } from './common.js';

/**
 * KEYS: held hash, expiry zset, then one hash per scope. Books expired reservations first
 * (as reserve does), so usage never reports a crashed holder's reservation as still held.
 * Returns, per scope, {st, sm, sr, rt, rm, rr} (missing = 0), read in one atomic step so
 * spent and reserved are consistent with each other.
 */
export const USAGE_LUA = `${NOW_MS}${SWEEP}
sweep(KEYS[1], KEYS[2], now_ms())
local out = {}
for i = 3, #KEYS do
  local v = redis.call('HMGET', KEYS[i], 'st', 'sm', 'sr', 'rt', 'rm', 'rr')
  for m = 1, 6 do out[#out + 1] = tonumber(v[m]) or 0 end
end
return out
`;

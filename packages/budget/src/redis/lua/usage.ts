/**
 * KEYS: scope hashes. Returns, per scope, {st, sm, sr, rt, rm, rr} (missing = 0), read in
 * one atomic step so spent and reserved are consistent with each other.
 */
export const USAGE_LUA = `
local out = {}
for i, k in ipairs(KEYS) do
  local v = redis.call('HMGET', k, 'st', 'sm', 'sr', 'rt', 'rm', 'rr')
  for m = 1, 6 do out[#out + 1] = tonumber(v[m]) or 0 end
end
return out
`;

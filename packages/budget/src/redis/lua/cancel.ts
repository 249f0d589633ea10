import { BOOK_EXPIRED, NOW_MS } from './common.js';

/**
 * Cancels reservations whose reserve the caller gave up on (a timeout or a dropped
 * connection): the client may still deliver such a reserve after Redis comes back (ioredis
 * queues commands while disconnected and resends unanswered ones on reconnect), and nobody
 * holds a `Reservation` to close it, so it would sit held for its TTL and then be booked as
 * spent at its worst case for a call that was never made.
 * KEYS: held hash, expiry zset, booked zset. ARGV: retentionMs, then the ids.
 * A held one is freed (nothing booked: the call was refused, so nothing was billed). Every
 * id is then marked in `booked`, which RESERVE_LUA refuses, so a reserve that arrives
 * after its cancel holds nothing either. One already booked by expiry stays booked.
 * Returns how many held reservations it freed.
 */
export const CANCEL_LUA = `${NOW_MS}${BOOK_EXPIRED}
local held, expiry, booked = KEYS[1], KEYS[2], KEYS[3]
local ret = ARGV[1]
local now = now_ms()
local freed = 0
for i = 2, #ARGV do
  local id = ARGV[i]
  local raw = redis.call('HGET', held, id)
  if raw then
    local rec = cjson.decode(raw)
    for _, k in ipairs(rec.k) do
      for m = 1, 3 do take_held(k, RESERVED[m], rec.a[m]) end
      redis.call('PEXPIRE', k, rec.ret)
    end
    redis.call('HDEL', held, id)
    redis.call('ZREM', expiry, id)
    freed = freed + 1
    mark_booked(booked, id, now, ret)
  elseif not redis.call('ZSCORE', booked, id) then
    mark_booked(booked, id, now, ret)
  end
end
return freed
`;

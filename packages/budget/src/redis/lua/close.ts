import { BOOK_EXPIRED, NOW_MS } from './common.js';

/** How long a close's reply that fired alerts is kept for a retry of that close: a day. */
const REPLY_KEEP_MS = 86_400_000;

/**
 * How long every release is remembered for a settle after it (its reply lost): an hour.
 * Every release writes one entry, so not a day. Past the hour the caller's own record of
 * the close it tried first and never heard back from (kept a day) tells the close apart.
 */
const RELEASED_KEEP_MS = 3_600_000;

/**
 * Settle (book = 1) or release (book = 0) one reservation.
 * KEYS: held hash, expiry zset, booked zset, epoch string, replies hash, replies zset,
 * settled-late zset (ids whose late settle booked past a sweep), released zset (ids released
 * in the last hour), then the reservation's scope hashes (as reserve had them; used only if
 * the store lost the reservation, swept it, or released it).
 * ARGV: id, book, tokens, microUsd, requests, the epoch the reservation was made in,
 * retentionMs, the worst case held (tokens, microUsd, requests; '' each if unknown), the
 * kind of the first close of it the caller tried and got no answer for ('s' settle, 'r'
 * release, '' none), then per scope: name, limit tokens, limit micro-USD, limit requests, then the alert tiers as
 * level, permille pairs (ascending).
 * Returns, then the alerts fired (scopeName, metricIndex, level, spent, limit each; level
 * 'over' marks a counter that booking the actual left above its cap, not an alert):
 * {1} when held and closed; {6, status of the settle, then its reply} when a release found
 * it settled by an earlier attempt whose reply was lost (nothing freed or booked now); {0} when past its expiry, booked at the worst case now (as the
 * sweep would have: never freed, whether or not another call swept first) or earlier by a
 * sweep; {2} when the store has no trace of it and its epoch is gone: the store lost its
 * data (a restart without persistence, a flush), so a settle books the actual on the
 * scopes given, once (the id is then marked booked), and answers {9, tokens, microUsd,
 * requests} ({2} with the actual booked, so a retry with another usage learns what was
 * booked; a {2} kept before it gave them is returned as kept); {4, tokens, microUsd, requests} when
 * a settle found it past its expiry: it books, per counter, the larger of the actual and the
 * worst case (what the reply gives), or, if a sweep booked the worst case first, what the
 * actual exceeds it by, once; {7, tokens, microUsd, requests} when a settle found it
 * released (that release's reply was lost, and the call was made after all): the actual
 * (what the reply gives, so a retry with another usage still learns what was booked) is
 * booked on the scopes given, once (a release retried answers {3}); {5} is that reply as
 * kept before it gave the amounts. A missing record under the same
 * epoch is a close already done by an earlier attempt whose reply was lost: {3} (closed as
 * {1} was), nothing booked. {8, tokens, microUsd, requests} is {1} for a settle whose reply
 * is kept (it fired alerts, or a close of it went unanswered before it): with the actual it
 * booked, so a retry with another usage learns what was booked; a {3} to a settle was then
 * booked by the first settle of it that went unanswered (every later one keeps its reply),
 * whose actual the caller remembers.
 * Record amounts and limits are decimal strings (see RESERVE_LUA); tonumber and Lua's
 * arithmetic read them exactly up to 2^53.
 * A close that fires alerts, books a lost reservation, or follows an unanswered close of the
 * other kind keeps its reply for a day (replies hash, as {op = 's' or 'r', r = reply},
 * with its time in the replies zset): when the caller never got it (a timeout, a
 * dropped connection) every retry gets the same reply, so those alerts, whose once-only
 * marks are set, still reach it, and a lost reservation still reads as lost. A plain close
 * keeps nothing: its retry answers {3} from the epoch. Which kind of close was done when
 * there is no record: the caller says which kind it tried first without an answer. If only
 * the other kind can have been done (every later close of this kind keeps its reply), a
 * settle books the actual ({7}: the release was done, however long ago) and a release
 * answers {6} (the settle was done).
 */
export const CLOSE_LUA = `${NOW_MS}${BOOK_EXPIRED}
local held, expiry, booked, epochKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local replies, repliedAt, settledLate, released = KEYS[5], KEYS[6], KEYS[7], KEYS[8]
local id = ARGV[1]
local book = ARGV[2] == '1'
local op = book and 's' or 'r'
local first = ARGV[11]
-- The other kind of close was tried first and never answered: this close's reply is kept.
local cross = first ~= '' and first ~= op
local actual = { tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]) }
local n = #KEYS - 8
local tiers = {}
for t = 12 + 4 * n, #ARGV do tiers[#tiers + 1] = ARGV[t] end
local now = now_ms()
-- Lists a counter that booking \`added\` left above its cap, as an alert entry of level
-- 'over' (the store reads these apart from alerts).
local function passed(name, m, added, spent, limit, out)
  if added > 0 and limit >= 0 and spent > limit then
    out[#out + 1] = name
    out[#out + 1] = m
    out[#out + 1] = 'over'
    out[#out + 1] = spent
    out[#out + 1] = limit
  end
end
-- Books the actual on the scopes the caller gave (the store holds no record of them): the
-- decimal strings as given, exact to 2^53, firing alerts and listing passed caps in \`out\`.
local function book_actual_on_given(out)
  for i = 1, n do
    local k = KEYS[i + 8]
    local base = 12 + (i - 1) * 4
    for m = 1, 3 do
      local spent = redis.call('HINCRBY', k, SPENT[m], ARGV[2 + m])
      local limit = tonumber(ARGV[base + m])
      mark_alerts(k, ARGV[base], m, spent, limit, tiers, out)
      passed(ARGV[base], m, actual[m], spent, limit, out)
    end
    redis.call('PEXPIRE', k, ARGV[7])
  end
end
-- Keeps a reply that fired alerts, or any when \`always\` (see above); numbers as '%d'
-- strings, exact to 2^53.
local function kept(out, always)
  if #out > 1 or always or cross then
    local enc = {}
    for i, v in ipairs(out) do
      enc[i] = type(v) == 'number' and string.format('%d', v) or v
    end
    for _, old in ipairs(redis.call('ZRANGEBYSCORE', repliedAt, '-inf', now - ${REPLY_KEEP_MS})) do
      redis.call('HDEL', replies, old)
    end
    redis.call('ZREMRANGEBYSCORE', repliedAt, '-inf', now - ${REPLY_KEEP_MS})
    redis.call('HSET', replies, id, cjson.encode({ op = op, r = enc }))
    redis.call('ZADD', repliedAt, now, id)
    redis.call('PEXPIRE', replies, ${REPLY_KEEP_MS})
    redis.call('PEXPIRE', repliedAt, ${REPLY_KEEP_MS})
  end
  return out
end
-- A settle after a release that was done (its reply lost): books the actual on the scopes
-- given, once.
local function settle_released()
  redis.call('ZREM', released, id)
  local out = { 7, ARGV[3], ARGV[4], ARGV[5] }
  book_actual_on_given(out)
  return kept(out, true)
end
local raw = redis.call('HGET', held, id)
if not raw then
  local prior = redis.call('HGET', replies, id)
  -- Kept for the day, not taken: the retry's own reply may be lost too.
  if prior then
    local p = cjson.decode(prior)
    -- Kept before replies named their close: returned as they are.
    if p.r == nil then return p end
    if p.op == op then return p.r end
    if not book then
      -- A settle's reply, to a release after it: the settle was done.
      local out = { 6 }
      for _, v in ipairs(p.r) do out[#out + 1] = v end
      return out
    end
    -- A release's reply, to a settle after it: held and freed ({1}), the call is booked
    -- now; past its TTL ({0}), the settle adds what its actual exceeds the worst case by.
    if tonumber(p.r[1]) == 1 and n > 0 then return settle_released() end
  end
  if redis.call('ZSCORE', booked, id) then
    -- Booked at its worst case by a sweep: a settle adds what its actual exceeds that by,
    -- once (settledLate), on the scopes and worst case the caller remembers.
    if not book or n == 0 or ARGV[8] == '' or redis.call('ZSCORE', settledLate, id) then
      return { 0 }
    end
    local out = { 4 }
    local extra = {}
    for m = 1, 3 do
      local worst = tonumber(ARGV[7 + m])
      if actual[m] > worst then
        out[m + 1] = ARGV[2 + m]
        extra[m] = string.format('%d', actual[m] - worst)
      else
        out[m + 1] = ARGV[7 + m]
        extra[m] = '0'
      end
    end
    for i = 1, n do
      local k = KEYS[i + 8]
      local base = 12 + (i - 1) * 4
      for m = 1, 3 do
        if extra[m] ~= '0' then
          local spent = redis.call('HINCRBY', k, SPENT[m], extra[m])
          local limit = tonumber(ARGV[base + m])
          mark_alerts(k, ARGV[base], m, spent, limit, tiers, out)
          passed(ARGV[base], m, tonumber(extra[m]), spent, limit, out)
        end
      end
      redis.call('PEXPIRE', k, ARGV[7])
    end
    mark_booked(settledLate, id, now, ARGV[7])
    return kept(out, true)
  end
  if n == 0 then return { 0 } end
  if redis.call('ZSCORE', released, id) then
    -- Released by an earlier attempt whose reply was lost: a release retried answers as it
    -- would have; a settle means the call was made after all, so it books the actual, once.
    if not book then return { 3 } end
    return settle_released()
  end
  -- Same epoch, no record, not booked by expiry: an earlier close did it. If the caller
  -- tried only the other kind before this one (a close of this kind after it would have
  -- kept its reply), that kind did it.
  if redis.call('GET', epochKey) == ARGV[6] then
    if cross and book then return settle_released() end
    if cross then return { 6, 1 } end
    return { 3 }
  end
  if not book then return kept({ 2 }) end
  -- With the actual booked ({9}), so a retry with another usage learns what was booked.
  local out = { 9, ARGV[3], ARGV[4], ARGV[5] }
  book_actual_on_given(out)
  mark_booked(booked, id, now, ARGV[7])
  -- A retry would find the id booked and answer {0}: keep this reply for it (rare: data loss).
  return kept(out, true)
end
local due = tonumber(redis.call('ZSCORE', expiry, id))
if due ~= nil and due <= now then
  if not book then
    local out = { 0 }
    book_expired(held, expiry, booked, now, id, raw, tiers, out)
    return kept(out)
  end
  -- A late settle: the worst case counts as spent, and an actual above it was billed too.
  -- Booked here with the record dropped, so no sweep books it again.
  local rec = cjson.decode(raw)
  mark_booked(booked, id, now, rec.ret)
  mark_booked(settledLate, id, now, rec.ret)
  local out = { 4 }
  for m = 1, 3 do
    out[m + 1] = actual[m] > tonumber(rec.a[m]) and ARGV[2 + m] or rec.a[m]
  end
  for i, k in ipairs(rec.k) do
    for m = 1, 3 do
      take_held(k, RESERVED[m], rec.a[m])
      local total = out[m + 1]
      local spent = redis.call('HINCRBY', k, SPENT[m], total)
      local limit = tonumber(rec.l[(i - 1) * 3 + m])
      mark_alerts(k, rec.n[i], m, spent, limit, tiers, out)
      passed(rec.n[i], m, tonumber(total), spent, limit, out)
    end
    redis.call('PEXPIRE', k, rec.ret)
  end
  redis.call('HDEL', held, id)
  redis.call('ZREM', expiry, id)
  return kept(out, true)
end
redis.call('HDEL', held, id)
redis.call('ZREM', expiry, id)
local rec = cjson.decode(raw)
-- A settle made after a close of it went unanswered keeps its reply (see the end).
local keep_booked = book and first ~= ''
local out = { 1 }
for i, k in ipairs(rec.k) do
  for m = 1, 3 do
    take_held(k, RESERVED[m], rec.a[m])
  end
  if book then
    for m = 1, 3 do
      local spent = redis.call('HINCRBY', k, SPENT[m], actual[m])
      local limit = tonumber(rec.l[(i - 1) * 3 + m])
      mark_alerts(k, rec.n[i], m, spent, limit, tiers, out)
      passed(rec.n[i], m, actual[m], spent, limit, out)
    end
  end
  redis.call('PEXPIRE', k, rec.ret)
end
if not book then
  -- Remembered for an hour, in case this reply is lost and the holder then settles.
  redis.call('ZREMRANGEBYSCORE', released, '-inf', now - ${RELEASED_KEEP_MS})
  redis.call('ZADD', released, now, id)
  redis.call('PEXPIRE', released, ${RELEASED_KEEP_MS})
end
if keep_booked or #out > 1 and book then
  -- A settle's reply is kept (alerts fired, or a close went unanswered before): with the
  -- amounts booked, for a retry with another usage.
  if out[1] == 1 then
    out = { 8, ARGV[3], ARGV[4], ARGV[5], unpack(out, 2) }
  end
  return kept(out, true)
end
return kept(out)
`;

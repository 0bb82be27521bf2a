/**
 * The Lua side of the shared Reddit request budget (see budget.ts for the rules). All times are
 * Redis server milliseconds (`TIME`), so pollers on hosts with skewed clocks share one view.
 *
 * State hash fields: `limit` (Used + Remaining of the last response), `remaining` (requests we may
 * still start in this window), `end` (an upper bound of the window's end, ms; absent: not known yet,
 * one probe request at a time), `start` (when this window began for us: answers to requests
 * granted before it describe an older window and are ignored), `used` (highest X-Ratelimit-Used
 * seen in the window: older answers arriving late are ignored), `nextAt` (pacing), `rateLimited`
 * (429s seen), `updatedAt`. In-flight zset: slot id → grant time.
 */
const now = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/**
 * KEYS: state, in-flight, per-minute counter prefix. ARGV: slot id, reserve, in-flight TTL (ms),
 * interactive ('1': not paced; see RequestBudgetOptions.interactive).
 * Returns { 1, grantTime } when granted, or { 0, wait ms }.
 */
export const ACQUIRE = `${now}
local reserve = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[3]))
local s = redis.call('HMGET', KEYS[1], 'limit', 'remaining', 'end', 'nextAt')
local limit, remaining, wend, nextAt = tonumber(s[1]), tonumber(s[2]), tonumber(s[3]), tonumber(s[4]) or 0
if wend and now >= wend then
  -- The window has certainly ended (end is an upper bound): a new one, as large as the last.
  redis.call('HSET', KEYS[1], 'remaining', limit or 1, 'start', now, 'used', -1, 'nextAt', 0)
  redis.call('HDEL', KEYS[1], 'end')
  remaining, wend, nextAt = limit or 1, nil, 0
end
if not wend then
  -- Its end is unknown until an answer of this window says it: one request at a time until then,
  -- and no more than one a second (the seed's pace) while answers carry no X-Ratelimit headers.
  if redis.call('ZCARD', KEYS[2]) > 0 then return { 0, 25 } end
  if now < nextAt then return { 0, nextAt - now } end
  redis.call('HSET', KEYS[1], 'nextAt', now + 1000)
  if not redis.call('HGET', KEYS[1], 'start') then redis.call('HSET', KEYS[1], 'start', now) end
else
  if remaining == nil or remaining <= reserve then return { 0, math.max(1, wend - now) } end
  if ARGV[4] ~= '1' then
    if now < nextAt then return { 0, nextAt - now } end
    -- Paced: what is left is spread over what is left of the window.
    local pace = math.floor((wend - now) / (remaining - reserve))
    redis.call('HSET', KEYS[1], 'nextAt', now + pace)
  end
end
redis.call('HINCRBY', KEYS[1], 'remaining', -1)
redis.call('ZADD', KEYS[2], now, ARGV[1])
redis.call('PEXPIRE', KEYS[2], 3600000)
local minute = KEYS[3] .. math.floor(now / 60000)
redis.call('INCR', minute)
redis.call('PEXPIRE', minute, 180000)
return { 1, now }`;

/**
 * KEYS: state, in-flight. ARGV: slot id, grant time, answered (1/0), used, remaining, reset s,
 * ms since the answer arrived, status.
 * An answer tells how many requests are left; the ones we started after this one and that are
 * still in flight may not be counted in it yet, so they are taken off.
 */
export const RELEASE = `${now}
local granted = tonumber(ARGV[2])
redis.call('ZREM', KEYS[2], ARGV[1])
if ARGV[3] ~= '1' then return 0 end
if ARGV[8] == '429' then redis.call('HINCRBY', KEYS[1], 'rateLimited', 1) end
local used, rem, reset = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local at = now - tonumber(ARGV[7])
local s = redis.call('HMGET', KEYS[1], 'start', 'used', 'end', 'limit')
local start, maxUsed, wend, oldLimit = tonumber(s[1]) or 0, tonumber(s[2]) or -1, tonumber(s[3]), tonumber(s[4])
local upper = at + (reset + 1) * 1000
local lower = at + reset * 1000
if wend and lower > wend + 1000 then
  -- A later window than ours (e.g. the request crossed the boundary): start it from this answer.
  redis.call('HSET', KEYS[1], 'start', granted, 'used', -1)
  start, maxUsed, wend = granted, -1, nil
end
if granted < start or used < maxUsed then return 0 end
local after = redis.call('ZCOUNT', KEYS[2], '(' .. granted, '+inf')
local left = math.floor(rem) - after
if ARGV[8] == '429' then left = 0 end
-- Each answer bounds the window's end from above (Reset is rounded down): keep the tightest bound.
if not wend then wend = upper else wend = math.min(wend, upper) end
redis.call('HSET', KEYS[1], 'used', used, 'remaining', left, 'end', wend, 'limit', used + math.floor(rem), 'updatedAt', now)
return 1`;

/** KEYS: state, per-minute counter prefix. Returns the raw fields and the count of the last whole minute. */
export const READ = `${now}
local s = redis.call('HMGET', KEYS[1], 'limit', 'used', 'remaining', 'end', 'rateLimited', 'updatedAt')
local minute = math.floor(now / 60000)
local last = tonumber(redis.call('GET', KEYS[2] .. (minute - 1)) or 0)
return { s[1] or false, s[2] or false, s[3] or false, s[4] or false, s[5] or false, s[6] or false, last, now }`;

import type { Redis } from 'ioredis';

/** The window and the two thresholds of the invalid-request budget. */
export interface InvalidRequestLimits {
  /** Sliding window, in ms. Discord's is 10 minutes. */
  windowMs: number;
  /** From this count in the window on, requests are paced. */
  slowAt: number;
  /** From this count on, requests wait until the window drains below it. */
  stopAt: number;
}

/** Sorted set of invalid responses (score: Redis server time in ms), shared by every process of the install. */
export const invalidRequestKey = (prefix: string): string => `${prefix}:discord:invalid`;
/** Hash of the limits the notifiers use, so the dashboard can show them. */
export const invalidRequestLimitsKey = (prefix: string): string => `${prefix}:discord:invalid:limits`;

// Redis server time, not each replica's clock, orders the entries, so skewed hosts still share one window.
// Returns { count in window, ms until the count falls below stopAt (-1 when below) } after an optional add.
const COUNT_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local stop = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if ARGV[4] ~= '' then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], window)
end
redis.call('HSET', KEYS[2], 'windowMs', ARGV[1], 'slowAt', ARGV[2], 'stopAt', ARGV[3])
local count = redis.call('ZCARD', KEYS[1])
local resume = -1
if count >= stop then
  local entry = redis.call('ZRANGE', KEYS[1], count - stop, count - stop, 'WITHSCORES')
  resume = tonumber(entry[2]) + window - now + 1
end
return { count, resume }`;

// Read-only view for the dashboard: the limits published by the notifiers, and the count in their window.
const READ_SCRIPT = `
local limits = redis.call('HMGET', KEYS[2], 'windowMs', 'slowAt', 'stopAt')
if not limits[1] then return false end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local count = redis.call('ZCOUNT', KEYS[1], '(' .. (now - tonumber(limits[1])), '+inf')
return { count, tonumber(limits[1]), tonumber(limits[2]), tonumber(limits[3]) }`;

export interface WindowCount {
  count: number;
  /** ms until the count falls below `stopAt`; null when it already is. */
  resumeInMs: number | null;
}

/** Trims the window, optionally adds one entry (`member`, unique), publishes the limits, and counts. */
export async function countInRedis(redis: Redis, prefix: string, limits: InvalidRequestLimits, member = ''): Promise<WindowCount> {
  const keys = [invalidRequestKey(prefix), invalidRequestLimitsKey(prefix)];
  const [count, resume] = (await redis.eval(COUNT_SCRIPT, 2, ...keys, limits.windowMs, limits.slowAt, limits.stopAt, member)) as [number, number];
  return { count, resumeInMs: resume < 0 ? null : resume };
}

export type InvalidBudgetState = 'normal' | 'slowed' | 'paused';

export function budgetState(count: number, limits: InvalidRequestLimits): InvalidBudgetState {
  if (count >= limits.stopAt) return 'paused';
  return count >= limits.slowAt ? 'slowed' : 'normal';
}

export interface InvalidBudgetReading extends InvalidRequestLimits {
  count: number;
  state: InvalidBudgetState;
}

/**
 * What the dashboard and `/metrics` show: the shared count and the limits the notifiers published.
 * null when no notifier has counted anything under this prefix yet. Rejects when Redis does.
 */
export async function readInvalidRequestBudget(redis: Pick<Redis, 'eval'>, prefix: string): Promise<InvalidBudgetReading | null> {
  const keys = [invalidRequestKey(prefix), invalidRequestLimitsKey(prefix)];
  const row = (await redis.eval(READ_SCRIPT, 2, ...keys)) as [number, number, number, number] | null;
  if (!row) return null;
  const [count, windowMs, slowAt, stopAt] = row;
  const limits = { windowMs, slowAt, stopAt };
  return { count, ...limits, state: budgetState(count, limits) };
}

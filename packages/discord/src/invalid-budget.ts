import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '@herald/logging';
import { budgetState, countInRedis, type InvalidBudgetState, type InvalidRequestLimits, type WindowCount } from './invalid-budget-redis.js';
import { abortableSleep } from './sleep.js';

/**
 * Discord bans the IP for a while after 10,000 invalid requests (401, 403, 429 except `X-RateLimit-Scope:
 * shared`) in 10 minutes (https://docs.discord.com/developers/topics/rate-limits#invalid-request-limit).
 * Pacing from a quarter of that and stopping at half leaves room for what other tools on the same IP spend.
 */
export const DefaultInvalidRequestLimits: InvalidRequestLimits = { windowMs: 10 * 60_000, slowAt: 2500, stopAt: 5000 };

export interface InvalidRequestBudgetOptions extends Partial<InvalidRequestLimits> {
  /** Shared by every notifier replica and the bot. Best with `enableOfflineQueue: false` (fails fast). */
  redis: Redis;
  /** The install's Redis key prefix. */
  prefix: string;
  logger?: Logger;
  /** While slowed, this process sends at most one request per this many ms. Default 1000. */
  slowedIntervalMs?: number;
  /** A Redis call slower than this counts as Redis being unreachable. Default 1000. */
  redisTimeoutMs?: number;
}

export interface InvalidRequestBudget {
  readonly limits: InvalidRequestLimits;
  /** Counts one invalid response. Never rejects: without Redis it counts in this process. */
  record(): Promise<void>;
  /** Resolves when a request may go out: at once, paced (slowed), or once the window drains (paused). */
  gate(signal?: AbortSignal): Promise<void>;
  /** The count and state as this process sees them (its local count while Redis is unreachable). */
  current(): Promise<WindowCount & { state: InvalidBudgetState; shared: boolean }>;
}

/** A cached count is good enough for this long; a paused gate re-reads at least once a second. */
const CACHE_MS = 250;
const MAX_PAUSE_STEP_MS = 1000;
const REDIS_RETRY_MS = 5000;

export function createInvalidRequestBudget(options: InvalidRequestBudgetOptions): InvalidRequestBudget {
  const limits: InvalidRequestLimits = {
    windowMs: options.windowMs ?? DefaultInvalidRequestLimits.windowMs,
    slowAt: options.slowAt ?? DefaultInvalidRequestLimits.slowAt,
    stopAt: options.stopAt ?? DefaultInvalidRequestLimits.stopAt,
  };
  const { redis, prefix, logger } = options;
  const slowedIntervalMs = options.slowedIntervalMs ?? 1000;
  const redisTimeoutMs = options.redisTimeoutMs ?? 1000;
  let local: number[] = []; // epoch ms, used only while Redis is unreachable
  let redisDownUntil = 0; // while in the future, Redis is not tried
  let usingLocal = false;
  let cached: { at: number; value: WindowCount } | undefined;
  let reading: Promise<WindowCount> | undefined;
  let nextSlot = 0;
  let announced: InvalidBudgetState = 'normal';

  function localCount(add: boolean): WindowCount {
    const now = Date.now();
    local = local.filter((t) => t > now - limits.windowMs);
    if (add) local.push(now);
    const excess = local.length - limits.stopAt;
    return { count: local.length, resumeInMs: excess < 0 ? null : (local[excess] ?? now) + limits.windowMs - now + 1 };
  }

  /** Redis when reachable; the local count otherwise, switching once each way with one log line. */
  async function count(add: boolean): Promise<WindowCount> {
    if (Date.now() >= redisDownUntil) {
      let timer: NodeJS.Timeout | undefined;
      try {
        const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${redisTimeoutMs} ms`)), redisTimeoutMs)));
        const value = await Promise.race([countInRedis(redis, prefix, limits, add ? randomUUID() : ''), timeout]);
        if (usingLocal) logger?.info('Redis reachable again: the invalid Discord request budget is shared again');
        usingLocal = false;
        return value;
      } catch (error) {
        redisDownUntil = Date.now() + REDIS_RETRY_MS;
        if (!usingLocal) logger?.warn({ err: error }, 'Redis unreachable: counting invalid Discord requests in this process only; delivery goes on');
        usingLocal = true;
      } finally {
        clearTimeout(timer);
      }
    }
    return localCount(add);
  }

  async function read(maxAgeMs: number): Promise<WindowCount> {
    if (cached && Date.now() - cached.at <= maxAgeMs) return cached.value;
    reading ??= count(false)
      .then((value) => ((cached = { at: Date.now(), value }), value))
      .finally(() => (reading = undefined));
    return reading;
  }

  function announce(state: InvalidBudgetState, value: WindowCount): void {
    if (state === announced) return;
    const fields = { count: value.count, ...limits, shared: !usingLocal };
    if (state === 'paused') logger?.error({ ...fields, resumeInMs: value.resumeInMs }, 'Too many invalid Discord requests: sending paused until the window drains');
    else if (state === 'slowed') logger?.warn(fields, 'Many invalid Discord requests: sending slowed');
    else logger?.info(fields, 'Invalid Discord requests back to normal: sending at full speed');
    announced = state;
  }

  return {
    limits,

    async record() {
      const value = await count(true);
      cached = { at: Date.now(), value };
    },

    async gate(signal) {
      let value = await read(CACHE_MS);
      while (value.count >= limits.stopAt) {
        announce('paused', value);
        await abortableSleep(Math.min(Math.max(value.resumeInMs ?? 0, 50), MAX_PAUSE_STEP_MS), signal);
        value = await read(0);
      }
      const state = budgetState(value.count, limits);
      announce(state, value);
      if (state !== 'slowed') return;
      const now = Date.now();
      const slot = Math.max(now, nextSlot);
      nextSlot = slot + slowedIntervalMs;
      await abortableSleep(slot - now, signal);
    },

    async current() {
      const value = await read(CACHE_MS);
      return { ...value, state: budgetState(value.count, limits), shared: !usingLocal };
    },
  };
}

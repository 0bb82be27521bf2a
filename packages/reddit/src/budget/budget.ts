import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { RateLimitHeaders, RequestGate, RequestSlot } from '../client/types.js';
import { ACQUIRE, READ, RELEASE } from './scripts.js';

export interface RequestBudgetOptions {
  redis: Pick<Redis, 'eval'>;
  /** Herald's Redis prefix (`redis.prefix`). */
  prefix: string;
  /** The OAuth client id: Reddit counts requests per client id, so every process using it shares one budget. */
  clientId: string;
  /**
   * Requests kept back in each window (default 1): answers can arrive out of order, so the count a
   * process believes may be off by one; Reddit answers 429 past the limit.
   */
  reserve?: number;
  /** A slot whose request never reports back (its process died) stops counting as in flight after this (ms). */
  inFlightTtlMs?: number;
  /**
   * Requests a person waits for (a command's or the CLI's user lookups): not paced, so they go
   * ahead of the scans' even pace while the window has room (the scans' pace then spreads what is
   * left); they still never pass the limit or the reserve.
   */
  interactive?: boolean;
  /** Called with the wait before retrying; tests and benchmarks may replace it. */
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const DefaultRequestBudgetOptions = { reserve: 1, inFlightTtlMs: 60_000 } as const;

const keysFor = (prefix: string, clientId: string) => {
  const base = `${prefix}:reddit:budget:${clientId}`;
  return { state: base, inFlight: `${base}:in-flight`, perMinute: `${base}:minute:` };
};

/**
 * Reddit's request budget (anchors §3.1: 100 requests a minute per OAuth client, told in the
 * `X-Ratelimit-Used/Remaining/Reset` headers of every answer), shared through Redis by every
 * process that uses the client id, so that together they spend it all and never more.
 *
 * Rules: each answer says how many requests are left in the window and when it ends; Reset is in
 * whole seconds rounded down, so "now + Reset + 1 s" bounds the end from above, and the tightest bound
 * over the window's answers is kept. Requests are started no faster than what is left spread over what
 * is left of the window (no burst at its start), never when only `reserve` are left, and once the
 * bound has passed a new window is assumed, as large as the last: one request is sent alone until its
 * answer tells the new window's figures. Before any answer, likewise one request at a time.
 * A 429 (someone else spent the budget) stops everything until the window ends.
 */
export function createRequestBudget(options: RequestBudgetOptions): RequestGate {
  const keys = keysFor(options.prefix, options.clientId);
  const reserve = options.reserve ?? DefaultRequestBudgetOptions.reserve;
  const ttl = options.inFlightTtlMs ?? DefaultRequestBudgetOptions.inFlightTtlMs;
  const wait = options.wait ?? ((ms, signal) => sleep(ms, undefined, signal ? { signal } : undefined));
  return {
    async acquire(signal) {
      const id = randomUUID();
      for (;;) {
        signal?.throwIfAborted();
        const [granted, value] = (await options.redis.eval(ACQUIRE, 3, keys.state, keys.inFlight, keys.perMinute, id, reserve, ttl, options.interactive ? '1' : '0')) as [number, number];
        if (granted === 1) return slot(id, value);
        // Other processes' answers may free the budget before `value` ms: look again within a second.
        await wait(Math.min(Math.max(value, 1), 1000), signal);
      }
    },
  };

  function slot(id: string, grantedAt: number): RequestSlot {
    let released = false;
    return {
      async release(headers: RateLimitHeaders | undefined, status?: number) {
        if (released) return;
        released = true;
        const answered = headers ? 1 : 0;
        const args = headers
          ? [headers.used, headers.remaining, headers.resetSeconds, Math.max(0, Date.now() - headers.receivedAt)]
          : [0, 0, 0, 0];
        await options.redis.eval(RELEASE, 2, keys.state, keys.inFlight, id, grantedAt, answered, ...args, status ?? 0);
      },
    };
  }
}

/** What the dashboard shows of a budget; null fields: no answer from Reddit told it yet. */
export interface BudgetSnapshot {
  limit: number | null;
  used: number | null;
  remaining: number | null;
  /** An upper bound of when the window ends. */
  resetAt: Date | null;
  /** Requests started in the last whole minute, by every process. */
  requestsLastMinute: number;
  /** 429s seen since the budget's state was created. */
  rateLimited: number;
  updatedAt: Date | null;
}

/** Reads a client id's budget as the pollers share it; null when no poller has used it yet. Rejects when Redis does. */
export async function readBudgetSnapshot(redis: Pick<Redis, 'eval'>, where: { prefix: string; clientId: string }): Promise<BudgetSnapshot | null> {
  const keys = keysFor(where.prefix, where.clientId);
  // Lua's false (an absent field) arrives as null.
  const row = (await redis.eval(READ, 2, keys.state, keys.perMinute)) as Array<string | null | number>;
  const num = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? null : Number(v));
  const [limit, used, remaining, end, rateLimited, updatedAt, lastMinute] = row;
  if (limit === null && updatedAt === null && Number(lastMinute ?? 0) === 0) return null;
  const date = (v: string | number | null | undefined) => (num(v) === null ? null : new Date(num(v)!));
  return {
    limit: num(limit),
    used: num(used),
    remaining: num(remaining),
    resetAt: date(end),
    requestsLastMinute: Number(lastMinute ?? 0),
    rateLimited: num(rateLimited) ?? 0,
    updatedAt: date(updatedAt),
  };
}

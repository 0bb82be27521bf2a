import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestRedisPrefix, type TestRedisPrefix } from '@herald/testkit';
import type { RateLimitHeaders } from '../client/types.js';
import { createRequestBudget, readBudgetSnapshot } from './budget.js';

let space: TestRedisPrefix;
let redis: Redis;
beforeEach(() => {
  space = createTestRedisPrefix();
  redis = new Redis(space.url);
});
afterEach(async () => {
  await space.cleanup();
  redis.disconnect();
});

/**
 * Reddit's side of the budget, as its headers describe it: fixed windows aligned to the epoch,
 * `Reset` rounded down to whole seconds, 429 past the limit. (The fake Reddit in testkit does the
 * same over HTTP; here the budget alone is under test.)
 */
function fixedWindowServer(limit: number, windowMs: number) {
  const counts = new Map<number, number>();
  let refused = 0;
  return {
    refused: () => refused,
    served: () => [...counts.values()].reduce((a, b) => a + b, 0),
    counts,
    answer(): { status: number; headers: RateLimitHeaders } {
      const now = Date.now();
      const window = Math.floor(now / windowMs);
      const used = (counts.get(window) ?? 0) + 1;
      counts.set(window, used);
      const over = used > limit;
      if (over) refused += 1;
      const resetSeconds = Math.floor(((window + 1) * windowMs - now) / 1000);
      return { status: over ? 429 : 200, headers: { used, remaining: Math.max(0, limit - used), resetSeconds, receivedAt: Date.now() } };
    },
  };
}

/** A request's simulated time on the wire (2–20 ms): the budget is about time windows, so time is the scenario. */
const latency = (i: number) => new Promise((resolve) => setTimeout(resolve, 2 + (i % 7) * 3));

describe('the shared Reddit request budget', () => {
  it('two processes with four lanes each spend every whole window and never pass the limit', async () => {
    const windowMs = 2000;
    const limit = 40;
    const server = fixedWindowServer(limit, windowMs);
    const processes = [0, 1].map(() => createRequestBudget({ redis: new Redis(space.url), prefix: space.prefix, clientId: 'app' }));
    // Start on a window boundary, so whole windows can be counted (the windows are the wall clock's).
    await new Promise((resolve) => setTimeout(resolve, windowMs - (Date.now() % windowMs) + 5));
    const first = Math.floor(Date.now() / windowMs);
    const stopAt = (first + 4) * windowMs;
    let i = 0;
    const lane = async () => {
      while (Date.now() < stopAt) {
        const slot = await processes[i % 2]!.acquire();
        if (Date.now() >= stopAt) {
          await slot.release(undefined);
          break;
        }
        await latency(i++);
        const { status, headers } = server.answer();
        await slot.release(headers, status);
      }
    };
    await Promise.all(Array.from({ length: 8 }, lane));
    expect(server.refused()).toBe(0);
    for (let w = first; w < first + 4; w += 1) {
      expect(server.counts.get(w) ?? 0).toBeLessThanOrEqual(limit);
      // The first window is where the budget learns the limit; the others are spent, not left idle
      // (≥ 0.6 here: a test machine under CI's load delays the lanes themselves; bench/reddit-budget.ts
      // measures the ratio on a quiet machine: 0.99).
      if (w > first) expect(server.counts.get(w) ?? 0).toBeGreaterThanOrEqual(0.6 * limit);
    }
    const snapshot = await readBudgetSnapshot(redis, { prefix: space.prefix, clientId: 'app' });
    expect(snapshot).toMatchObject({ limit, rateLimited: 0 });
  }, 20_000);

  it('a 429 (the budget spent by someone else) stops requests until the window ends', async () => {
    const budget = createRequestBudget({ redis, prefix: space.prefix, clientId: 'app' });
    const slot = await budget.acquire();
    await slot.release({ used: 100, remaining: 0, resetSeconds: 1, receivedAt: Date.now() }, 429);
    const before = Date.now();
    const next = await budget.acquire();
    // The bound is now + Reset + 1 s: nothing before it.
    expect(Date.now() - before).toBeGreaterThanOrEqual(1900);
    await next.release(undefined);
    expect(await readBudgetSnapshot(redis, { prefix: space.prefix, clientId: 'app' })).toMatchObject({ rateLimited: 1 });
  }, 10_000);

  it('before any answer, one request at a time; a slot that never reports back stops counting after its TTL', async () => {
    const budget = createRequestBudget({ redis, prefix: space.prefix, clientId: 'app', inFlightTtlMs: 300 });
    await budget.acquire(); // never released: its process "died"
    const started = Date.now();
    const second = await budget.acquire();
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    await second.release({ used: 2, remaining: 98, resetSeconds: 50, receivedAt: Date.now() }, 200);
    expect(await readBudgetSnapshot(redis, { prefix: space.prefix, clientId: 'app' })).toMatchObject({ limit: 100, remaining: 98, used: 2 });
  });

  it('an answer that arrives after a newer one does not raise what is left', async () => {
    const budget = createRequestBudget({ redis, prefix: space.prefix, clientId: 'app' });
    const probe = await budget.acquire();
    await probe.release({ used: 1, remaining: 99, resetSeconds: 50, receivedAt: Date.now() }, 200);
    const [a, b] = [await budget.acquire(), await budget.acquire()];
    await b.release({ used: 3, remaining: 97, resetSeconds: 50, receivedAt: Date.now() }, 200);
    await a.release({ used: 2, remaining: 98, resetSeconds: 50, receivedAt: Date.now() }, 200);
    expect(await readBudgetSnapshot(redis, { prefix: space.prefix, clientId: 'app' })).toMatchObject({ remaining: 97, used: 3 });
  });

  it("an interactive lookup (a command's) goes ahead of the scans' pace, within the window's room", async () => {
    const scans = createRequestBudget({ redis, prefix: space.prefix, clientId: 'app' });
    const lookups = createRequestBudget({ redis, prefix: space.prefix, clientId: 'app', interactive: true });
    const probe = await scans.acquire();
    await probe.release({ used: 1, remaining: 99, resetSeconds: 50, receivedAt: Date.now() }, 200);
    await scans.acquire(); // sets the pace: ~0.5 s until the next scan request
    const started = Date.now();
    await lookups.acquire();
    await lookups.acquire();
    expect(Date.now() - started).toBeLessThan(300);
    const paced = Date.now();
    await scans.acquire();
    expect(Date.now() - paced).toBeGreaterThanOrEqual(200);
  });

  it('has no snapshot before any poller used it', async () => {
    expect(await readBudgetSnapshot(redis, { prefix: space.prefix, clientId: 'nobody' })).toBeNull();
  });
});

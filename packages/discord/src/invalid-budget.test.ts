import { PassThrough } from 'node:stream';
import { Redis } from 'ioredis';
import { createLogger } from '@herald/logging';
import { createTestRedisPrefix, type TestRedisPrefix } from '@herald/testkit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createInvalidRequestBudget } from './invalid-budget.js';
import { invalidRequestKey, readInvalidRequestBudget } from './invalid-budget-redis.js';

let space: TestRedisPrefix;
let redis: Redis;
beforeEach(() => {
  space = createTestRedisPrefix();
  redis = new Redis(space.url, { maxRetriesPerRequest: 1, enableOfflineQueue: true });
});
afterEach(async () => {
  await space.cleanup();
  redis.disconnect();
});

/** Entries as a busy replica elsewhere would have left them, `ageMs` old. */
async function prefill(n: number, ageMs = 0): Promise<void> {
  const now = Date.now() - ageMs;
  await redis.zadd(invalidRequestKey(space.prefix), ...Array.from({ length: n }, (_, i) => [now, `pre-${ageMs}-${i}`]).flat());
}

describe('invalid request budget shared through Redis', () => {
  it('counts every invalid answer of every process in one window and publishes the limits', async () => {
    const a = createInvalidRequestBudget({ redis, prefix: space.prefix, slowAt: 10, stopAt: 20 });
    const b = createInvalidRequestBudget({ redis, prefix: space.prefix, slowAt: 10, stopAt: 20 });
    await Promise.all([a.record(), a.record(), b.record()]);
    expect(await redis.zcard(invalidRequestKey(space.prefix))).toBe(3);
    expect(await readInvalidRequestBudget(redis, space.prefix)).toEqual({ count: 3, windowMs: 600_000, slowAt: 10, stopAt: 20, state: 'normal' });
    expect((await b.current()).shared).toBe(true);
  });

  it('paces requests past the first threshold', async () => {
    await prefill(3);
    const budget = createInvalidRequestBudget({ redis, prefix: space.prefix, slowAt: 3, stopAt: 100, slowedIntervalMs: 150 });
    const t0 = Date.now();
    for (let i = 0; i < 3; i++) await budget.gate();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290); // first at once, then one per 150 ms
    expect((await readInvalidRequestBudget(redis, space.prefix))?.state).toBe('slowed');
  });

  it('holds requests past the second threshold until the window drains below it, then resumes by itself', async () => {
    const windowMs = 1500;
    await prefill(2, 1000); // leave the window 500 ms from now
    await prefill(2, 0);
    const budget = createInvalidRequestBudget({ redis, prefix: space.prefix, windowMs, slowAt: 100, stopAt: 4 });
    expect((await budget.current()).state).toBe('paused');
    const t0 = Date.now();
    await budget.gate();
    const waited = Date.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(400);
    expect(waited).toBeLessThan(1400);
    expect(await readInvalidRequestBudget(redis, space.prefix)).toMatchObject({ count: 2, state: 'normal' });
  });

  it('keeps delivering without Redis: counts locally and says so once', async () => {
    const lines: string[] = [];
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
    const logger = createLogger({ name: 't', level: 'info', destination: stream });
    const dead = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, enableOfflineQueue: false, lazyConnect: true, retryStrategy: () => null });
    const budget = createInvalidRequestBudget({ redis: dead, prefix: space.prefix, slowAt: 2, stopAt: 50, slowedIntervalMs: 10, logger });
    const attempts = vi.spyOn(dead, 'eval');
    // Only the clock is faked (timers stay real): it jumps past the pause between Redis attempts.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      for (let i = 0; i < 3; i++) await budget.record();
      await budget.gate();
      expect(await budget.current()).toMatchObject({ count: 3, state: 'slowed', shared: false });
      // Redis is tried again after the pause, fails again, and that is not reported a second time.
      vi.setSystemTime(Date.now() + 6_000);
      await budget.record();
      expect(await budget.current()).toMatchObject({ count: 4, state: 'slowed', shared: false });
      expect(attempts).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
    // Every call above has finished, so nothing more can be logged about them; lines reach the stream
    // in order, so once this marker has arrived every earlier line has too, and the count is final.
    logger.info('end of test');
    await expect.poll(() => lines.some((l) => l.includes('end of test'))).toBe(true);
    expect(lines.filter((l) => l.includes('Redis unreachable'))).toHaveLength(1);
    dead.disconnect();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { QueueName } from '@herald/contracts';
import { createLogger } from '@herald/logging';
import { createTestRedisPrefix, type TestRedisPrefix } from '@herald/testkit';
import { createRedis } from './connection.js';
import { createQueue } from './typed.js';
import { ensureSchedulers } from './schedulers.js';

const logger = createLogger({ name: 'test', level: 'silent' });
let redis: TestRedisPrefix;
afterEach(async () => {
  await redis.cleanup();
});

describe('ensureSchedulers', () => {
  it('gives scheduled jobs one attempt, replacing a scheduler that still carries the queue retries', async () => {
    redis = createTestRedisPrefix();
    const connection = createRedis(redis.url, 'worker');
    const queue = createQueue(QueueName.servatricePoll, { connection, prefix: redis.prefix, logger });
    try {
      // What an older version left in Redis: the template inherits the queue's 10 attempts.
      await queue.upsertJobScheduler('poll-x', { every: 1000 }, { name: 'servatrice.poll', data: { source: 'x' } });
      expect((await queue.getJobScheduler('poll-x'))?.template?.opts?.attempts).toBe(10);
      const spec = { id: 'poll-x', queue, job: 'servatrice.poll' as const, data: { source: 'x' }, everyMs: 1000 };
      expect(await ensureSchedulers([spec], logger)).toBe(1);
      expect((await queue.getJobScheduler('poll-x'))?.template?.opts?.attempts).toBe(1);
      expect(await ensureSchedulers([spec], logger)).toBe(0); // up to date: left alone
    } finally {
      await queue.close();
      await connection.quit();
    }
  });
});

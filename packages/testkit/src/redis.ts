import { Redis } from 'ioredis';
import { uniqueName } from './names.js';

export const redisTestUrl = process.env.HERALD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestRedisPrefix {
  prefix: string;
  url: string;
  /** Deletes every key under the prefix (what "Redis lost its data" looks like to Herald). */
  flush(): Promise<number>;
  cleanup(): Promise<void>;
}

/** A unique BullMQ key prefix so tests sharing the machine's Redis never see each other's jobs. */
export function createTestRedisPrefix(): TestRedisPrefix {
  const prefix = uniqueName('htest');
  const flush = async () => {
    const redis = new Redis(redisTestUrl, { maxRetriesPerRequest: 1 });
    try {
      let deleted = 0;
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) deleted += await redis.del(...keys);
      } while (cursor !== '0');
      return deleted;
    } finally {
      redis.disconnect();
    }
  };
  return { prefix, url: redisTestUrl, flush, cleanup: async () => void (await flush()) };
}

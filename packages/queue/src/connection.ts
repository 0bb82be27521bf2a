import { Redis } from 'ioredis';

export interface RedisTarget {
  url: string;
  /** Key prefix for every BullMQ key (one Herald install, or one test). */
  prefix: string;
}

/**
 * Workers block on Redis and must wait out outages (`maxRetriesPerRequest: null`); producers in
 * request paths fail fast instead of hanging an HTTP request (BullMQ's production guidance).
 */
export function createRedis(url: string, role: 'worker' | 'producer'): Redis {
  const retryStrategy = (times: number) => Math.min(times * 200, 5000);
  return role === 'worker'
    ? new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, retryStrategy })
    : new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5000, retryStrategy });
}

import { Redis } from 'ioredis';
import { createOutageReporter, type Logger } from '@herald/logging';

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

/**
 * Logs a connection's outage once (and that it is back), for a connection no Queue or Worker
 * listens to: without an `error` listener ioredis prints each reconnection failure as a raw,
 * non-JSON line. `what` names it in the log, e.g. "Redis (Reddit request budget)".
 */
export function reportRedisOutages(redis: Redis, logger: Logger, what: string): Redis {
  const outage = createOutageReporter({ logger, what });
  redis.on('error', (error: unknown) => outage.failed(error));
  redis.on('ready', () => outage.succeeded());
  return redis;
}

import type { Registry } from 'prom-client';
import { mergeServiceMetrics, readPublishedMetrics, snapshotOf, startMetricsPublisher, type RedisConnection } from '@herald/pipeline/metrics';
import type { WebDeps } from '../deps.js';

export interface ServiceMetrics {
  /** Every service process's own metrics (this one's live), labelled with `service` and `instance`. */
  registry(): Promise<Registry>;
  close(): Promise<void>;
}

function isRedisConnection(value: unknown): value is RedisConnection {
  return typeof value === 'object' && value !== null && typeof (value as RedisConnection).multi === 'function';
}

/**
 * The web's own process metrics and those the other services publish to Redis (see
 * startMetricsPublisher). The web publishes its own too, so whichever replica Prometheus scrapes
 * shows every replica. Redis is reached through the queues' connection (a fail-fast producer): a
 * Redis outage leaves the other services out of that scrape and is logged, and /metrics still answers.
 */
export function createServiceMetrics(deps: WebDeps): ServiceMetrics {
  const { connection, prefix } = deps.queues.deliver.opts;
  if (!isRedisConnection(connection)) throw new Error('the web queues must share one ioredis connection');
  const redis = { connection, prefix: prefix ?? 'bull' };
  const publisher = startMetricsPublisher({ service: 'web', redis, logger: deps.logger });
  return {
    async registry() {
      const published = await readPublishedMetrics(connection, redis.prefix).catch((error: unknown) => {
        deps.logger.warn({ err: error }, "metrics: could not read the services' metrics from Redis; left out of this scrape");
        return [];
      });
      const others = published.filter((p) => !(p.service === 'web' && p.instance === publisher.instance));
      return mergeServiceMetrics([await snapshotOf(publisher.registry, 'web', publisher.instance), ...others]);
    },
    close: () => publisher.close(),
  };
}

import { hostname } from 'node:os';
import { AggregatorRegistry, collectDefaultMetrics, Registry } from 'prom-client';
import { z } from 'zod';
import type { Logger } from '@herald/logging';
import { createRedis } from '@herald/queue';

/**
 * Each service's own metrics (process CPU and memory, event loop, heap, and whatever it registers
 * itself) reach Prometheus through the web service's /metrics: every service publishes its registry
 * to Redis (prom-client's `getMetricsAsJSON`) every few seconds with a TTL, and the web merges them
 * with `service` and `instance` labels. One scrape target however many replicas run, no extra
 * ports; a service that stops withdraws its snapshot, one that dies disappears when its TTL ends.
 */
export type RedisConnection = ReturnType<typeof createRedis>;

export const DefaultMetricsPublishOptions = {
  intervalMs: 10_000,
  /** Three intervals: a snapshot outlives two missed publishes (a slow event loop, a Redis blip). */
  ttlFactor: 3,
} as const;

/** One metric as prom-client's `getMetricsAsJSON` gives it (the fields the merge and serialisation use). */
export interface MetricJson {
  name: string;
  help: string;
  type: string;
  aggregator?: string | undefined;
  values: Array<{ value: number; labels: Record<string, unknown>; metricName?: string | undefined }>;
}

/** One service process's snapshot as stored in Redis. */
export interface PublishedMetrics {
  service: string;
  instance: string;
  metrics: MetricJson[];
}

const keys = (prefix: string) => ({
  /** Sorted set of published snapshots, scored by when each expires (ms), so readers never SCAN. */
  index: `${prefix}:service-metrics`,
  snapshot: (service: string, instance: string) => `${prefix}:service-metrics:${service}:${instance}`,
});

/** Names this process in the `instance` label: host (container id in compose) and pid. */
export function defaultInstance(): string {
  return `${hostname()}:${process.pid}`;
}

/** Stores one snapshot of `registry` for `ttlMs`. Throws when Redis is unavailable. */
export async function publishMetricsSnapshot(
  redis: RedisConnection,
  target: { prefix: string; service: string; instance: string; ttlMs: number },
  registry: Registry,
): Promise<void> {
  const { index, snapshot } = keys(target.prefix);
  const body = await snapshotOf(registry, target.service, target.instance);
  await redis
    .multi()
    .set(snapshot(target.service, target.instance), JSON.stringify(body), 'PX', target.ttlMs)
    .zadd(index, Date.now() + target.ttlMs, JSON.stringify([target.service, target.instance]))
    .exec();
}

/** The registry's metrics as published (prom-client's `getMetricsAsJSON`). */
export async function snapshotOf(registry: Registry, service: string, instance: string): Promise<PublishedMetrics> {
  // prom-client's declared types omit metricName and mark labels partial; the JSON is exactly MetricJson.
  const metrics = (await registry.getMetricsAsJSON()) as unknown as MetricJson[];
  return { service, instance, metrics };
}

const member = z.tuple([z.string(), z.string()]);
const published = z.object({
  service: z.string(),
  instance: z.string(),
  metrics: z.array(z.object({ name: z.string(), help: z.string(), type: z.string(), values: z.array(z.object({ value: z.number(), labels: z.record(z.string(), z.unknown()), metricName: z.string().optional() }).loose()), aggregator: z.string().optional() }).loose()),
});

/** Every live snapshot (expired ones are dropped from the index first). Malformed ones are skipped. */
export async function readPublishedMetrics(redis: RedisConnection, prefix: string, now = Date.now()): Promise<PublishedMetrics[]> {
  const { index, snapshot } = keys(prefix);
  await redis.zremrangebyscore(index, '-inf', String(now));
  const members = (await redis.zrange(index, '0', '-1')).map((m) => member.safeParse(safeJson(m))).flatMap((m) => (m.success ? [m.data] : []));
  if (members.length === 0) return [];
  const bodies = await redis.mget(...members.map(([service, instance]) => snapshot(service, instance)));
  return bodies.flatMap((body) => {
    const parsed = body === null ? undefined : published.safeParse(safeJson(body));
    return parsed?.success ? [parsed.data] : [];
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * One registry holding every snapshot's metrics, each sample labelled with its `service` and
 * `instance`; same-named metrics of several services become one metric family, as the exposition
 * format requires. prom-client's AggregatorRegistry does the merging and serialisation; its
 * per-metric aggregators (sums across cluster workers, "omit" for the start time) are replaced by
 * "first", which keeps each sample as it is: the added labels make every sample distinct.
 */
export function mergeServiceMetrics(snapshots: PublishedMetrics[]): Registry {
  const labelled = snapshots.map(({ service, instance, metrics }) =>
    metrics.map((metric) => ({
      ...metric,
      aggregator: 'first',
      values: metric.values.map((value) => ({ ...value, labels: { ...value.labels, service, instance } })),
    })),
  );
  return AggregatorRegistry.aggregate(labelled);
}

export interface MetricsPublisher {
  /** The service's registry: default process metrics, plus whatever the service registers. */
  registry: Registry;
  instance: string;
  /** Stops publishing and withdraws the snapshot (closes the connection if the publisher opened it). */
  close(): Promise<void>;
}

export interface MetricsPublisherOptions {
  /** e.g. "notifier", "servatrice-poller": the `service` label. */
  service: string;
  /** A URL (the publisher opens and closes its own fail-fast connection) or a connection to reuse. */
  redis: { prefix: string } & ({ url: string } | { connection: RedisConnection });
  logger: Logger;
  intervalMs?: number;
  instance?: string;
}

/**
 * Publishes the service's registry now (once Redis is ready) and every `intervalMs`. A Redis outage
 * skips publishes (logged once when it starts); the snapshot then expires and the series disappear
 * from /metrics, as they would for a dead process.
 */
export function startMetricsPublisher(options: MetricsPublisherOptions): MetricsPublisher {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const intervalMs = options.intervalMs ?? DefaultMetricsPublishOptions.intervalMs;
  const target = {
    prefix: options.redis.prefix,
    service: options.service,
    instance: options.instance ?? defaultInstance(),
    ttlMs: intervalMs * DefaultMetricsPublishOptions.ttlFactor,
  };
  const owned = 'url' in options.redis;
  const redis = 'url' in options.redis ? createRedis(options.redis.url, 'producer') : options.redis.connection;
  // An owned connection's errors are the publish failures below; without a listener ioredis would print them.
  if (owned) redis.on('error', () => undefined);
  let failing = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const publish = async () => {
    try {
      await publishMetricsSnapshot(redis, target, registry);
      if (failing) options.logger.info({ service: target.service }, 'metrics: publishing to Redis again');
      failing = false;
    } catch (error) {
      if (!failing) options.logger.warn({ err: error, service: target.service }, 'metrics: could not publish to Redis; will retry');
      failing = true;
    }
  };
  const loop = () => {
    timer = setTimeout(() => void publish().finally(() => !stopped && loop()), intervalMs);
    timer.unref(); // never what keeps a process alive
  };
  const publishWhenReady = () => void publish();
  if (redis.status === 'ready') publishWhenReady();
  else redis.once('ready', publishWhenReady);
  loop();

  return {
    registry,
    instance: target.instance,
    async close() {
      stopped = true;
      clearTimeout(timer);
      redis.off('ready', publishWhenReady);
      const { index, snapshot } = keys(target.prefix);
      await redis
        .multi()
        .del(snapshot(target.service, target.instance))
        .zrem(index, JSON.stringify([target.service, target.instance]))
        .exec()
        .catch(() => undefined); // Redis down: the TTL withdraws it
      if (owned) redis.disconnect();
    },
  };
}

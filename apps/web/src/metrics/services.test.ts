import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Counter, Registry } from 'prom-client';
import { publishMetricsSnapshot, startMetricsPublisher } from '@herald/pipeline/metrics';
import { createLogger } from '@herald/logging';
import { redisTestUrl } from '@herald/testkit';
import { createTestEnv, type TestEnv } from '../test-harness.js';

/** The lines of a scrape that belong to one service instance. */
const linesOf = (text: string, instance: string) => text.split('\n').filter((l) => l.includes(`instance="${instance}"`));

describe('GET /metrics: the services publish their own metrics through Redis', () => {
  let env: TestEnv;
  let app: Awaited<ReturnType<TestEnv['build']>>;
  let prefix: string;
  const scrape = async () => (await app.inject({ url: '/metrics' })).body;

  beforeAll(async () => {
    env = await createTestEnv();
    app = await env.build();
    prefix = env.queues.deliver.opts.prefix!;
    if (env.redis.status !== 'ready') await once(env.redis, 'ready');
  });
  afterAll(async () => {
    await env.cleanup();
  });

  it("merges a service's registry with service and instance labels, and drops it once its TTL ends (a crashed process)", async () => {
    const registry = new Registry();
    new Counter({ name: 'herald_retention_deleted_rows_total', help: 'Rows deleted.', labelNames: ['table'], registers: [registry] }).inc({ table: 'events' }, 5);
    new Counter({ name: 'process_cpu_user_seconds_total', help: 'CPU.', registers: [registry] }).inc(7);
    // One publish and then nothing, as from a process that died right after it.
    await publishMetricsSnapshot(env.redis, { prefix, service: 'notifier', instance: 'notifier-1', ttlMs: 1500 }, registry);

    const text = await scrape();
    expect(text).toContain('herald_retention_deleted_rows_total{table="events",service="notifier",instance="notifier-1"} 5');
    expect(text).toContain('process_cpu_user_seconds_total{service="notifier",instance="notifier-1"} 7');
    // One family per name, holding the web's own sample and the notifier's.
    expect(text.match(/^# TYPE process_cpu_user_seconds_total counter$/gm)).toHaveLength(1);
    expect(text).toMatch(/^process_cpu_user_seconds_total\{service="web",instance="[^"]+"\} /m);

    await expect.poll(async () => linesOf(await scrape(), 'notifier-1'), { timeout: 10_000, interval: 250 }).toEqual([]);
  });

  it("keeps a running service's metrics fresh, and withdraws them when it stops", async () => {
    const logger = createLogger({ name: 'test', level: 'silent' });
    const publisher = startMetricsPublisher({ service: 'ibc-poller', redis: { url: redisTestUrl, prefix }, logger, instance: 'ibc-1', intervalMs: 200 });
    const polls = new Counter({ name: 'herald_test_polls_total', help: 'Polls.', registers: [publisher.registry] });
    await expect.poll(async () => linesOf(await scrape(), 'ibc-1').length, { timeout: 10_000 }).toBeGreaterThan(10);
    const text = await scrape();
    expect(text).toMatch(/^process_resident_memory_bytes\{service="ibc-poller",instance="ibc-1"\} \d+/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes\{service="ibc-poller",instance="ibc-1"\} \d+/m);
    // Later values reach the scrape: the publisher publishes again, every interval.
    polls.inc(3);
    await expect.poll(async () => (await scrape()).includes('herald_test_polls_total{service="ibc-poller",instance="ibc-1"} 3'), { timeout: 10_000 }).toBe(true);
    await publisher.close();
    expect(linesOf(await scrape(), 'ibc-1')).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addJob } from '@herald/queue';
import { createTestEnv, fixtureSecrets, seedFixtures, type TestEnv } from '../test-harness.js';

/** The value of one sample, e.g. sample(text, 'herald_deliveries{status="dead"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  let env: TestEnv;
  let text: string;
  let contentType: string | undefined;
  let fixtures: Awaited<ReturnType<typeof seedFixtures>>;
  let app: Awaited<ReturnType<TestEnv['build']>>;

  beforeAll(async () => {
    env = await createTestEnv();
    fixtures = await seedFixtures(env.db);
    await addJob(env.queues.deliver, 'events.deliver', { events: [{ eventId: '1', fingerprint: 'a' }], destinations: [1] }, { jobId: 'deliver-a' });
    await addJob(env.queues.deliver, 'events.deliver', { events: [{ eventId: '2', fingerprint: 'b' }], destinations: [1] }, { jobId: 'deliver-b' });
    await addJob(env.queues.maintenance, 'outbox.reconcile', {}, { jobId: 'later', delay: 60_000 });
    app = await env.build();
    const res = await app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    text = res.body;
    contentType = String(res.headers['content-type']);
  });
  afterAll(async () => {
    await env.cleanup();
  });

  it("is Prometheus text with the web process's own metrics, labelled as the web service", () => {
    expect(contentType).toMatch(/^text\/plain/);
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(text).toMatch(/^process_cpu_user_seconds_total\{service="web",instance="[^"]+"\} \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds\{service="web",instance="[^"]+"\} /m);
  });

  it('counts jobs per queue and state from Redis', () => {
    expect(sample(text, 'herald_queue_jobs{queue="deliver",state="waiting"}')).toBe(2);
    expect(sample(text, 'herald_queue_jobs{queue="maintenance",state="delayed"}')).toBe(1);
    expect(sample(text, 'herald_queue_jobs{queue="servatrice-poll",state="failed"}')).toBe(0);
    expect(sample(text, 'herald_queue_jobs{queue="deliver",state="completed"}')).toBe(0);
  });

  it('counts deliveries and destinations by status, including zero counts', () => {
    expect(sample(text, 'herald_deliveries{status="delivered"}')).toBe(1);
    expect(sample(text, 'herald_deliveries{status="dead"}')).toBe(1);
    expect(sample(text, 'herald_deliveries{status="pending"}')).toBe(0);
    expect(sample(text, 'herald_deliveries{status="sending"}')).toBe(0);
    expect(sample(text, 'herald_destinations{status="active"}')).toBe(1);
    expect(sample(text, 'herald_destinations{status="quarantined"}')).toBe(1);
  });

  it('reports each source: last poll duration, last success and lag', () => {
    const source = 'source="servatrice:default"';
    expect(sample(text, `herald_source_last_poll_duration_seconds{${source}}`)).toBe(0.042);
    const lastSuccess = sample(text, `herald_source_last_success_timestamp_seconds{${source}}`)!;
    expect(lastSuccess).toBeCloseTo(Date.now() / 1000 - 5, -1);
    const lag = sample(text, `herald_source_poll_lag_seconds{${source}}`)!;
    expect(lag).toBeGreaterThanOrEqual(5);
    expect(lag).toBeLessThan(30);
  });

  it('exports delivery latency as a histogram over every delivered delivery', () => {
    // The one delivered delivery reached Discord 2 s after its event was recorded (bounds are ≤).
    expect(text).toContain('# TYPE herald_delivery_latency_seconds histogram');
    expect(sample(text, 'herald_delivery_latency_seconds_bucket{le="1"}')).toBe(0);
    expect(sample(text, 'herald_delivery_latency_seconds_bucket{le="2"}')).toBe(1);
    expect(sample(text, 'herald_delivery_latency_seconds_bucket{le="3600"}')).toBe(1);
    expect(sample(text, 'herald_delivery_latency_seconds_bucket{le="+Inf"}')).toBe(1);
    expect(sample(text, 'herald_delivery_latency_seconds_count')).toBe(1);
    expect(sample(text, 'herald_delivery_latency_seconds_sum')).toBeCloseTo(2, 3);
    expect(text).not.toContain('quantile=');
  });

  it('counts in-doubt resends, and reads them again at every scrape', async () => {
    expect(sample(text, 'herald_delivery_in_doubt_attempts')).toBe(0);
    await env.db.deliveryAttempt.create({ data: { deliveryId: fixtures.bobDelivery.id, outcome: 'in_doubt', error: 'no answer' } });
    expect(sample((await app.inject({ url: '/metrics' })).body, 'herald_delivery_in_doubt_attempts')).toBe(1);
  });

  it('never puts webhook URLs or e-mail addresses into labels', () => {
    expect(text).not.toContain(fixtureSecrets.webhookToken);
    expect(text).not.toContain('discord.com');
    expect(text).not.toMatch(/@example\.org/);
    expect(fixtures.main.target).toContain(fixtureSecrets.webhookToken);
  });

  it('reads the database again at every scrape', async () => {
    await env.db.delivery.update({ where: { id: fixtures.bobDelivery.id }, data: { status: 'pending' } });
    const again = (await app.inject({ url: '/metrics' })).body;
    expect(sample(again, 'herald_deliveries{status="dead"}')).toBe(0);
    expect(sample(again, 'herald_deliveries{status="pending"}')).toBe(1);
  });
});

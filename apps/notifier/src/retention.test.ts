import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { QueueName } from '@herald/contracts';
import { createSqlPool, type SqlPool } from '@herald/db/sql';
import { createLogger } from '@herald/logging';
import { addJob, createQueue, createRedis, createWorker } from '@herald/queue';
import { createTestDatabase, createTestRedisPrefix, redisTestUrl, type TestDatabase, type TestRedisPrefix } from '@herald/testkit';
import { setupRetention } from './retention.js';

const day = 86_400_000;

describe('the retention.run maintenance job', () => {
  let testDb: TestDatabase;
  let pool: SqlPool;
  let redisPrefix: TestRedisPrefix;
  const connection = createRedis(redisTestUrl, 'worker');
  const logger = createLogger({ name: 'test', level: 'silent' });

  beforeAll(async () => {
    testDb = await createTestDatabase('herald_notifier_retention');
    pool = createSqlPool({ url: testDb.url, max: 3 });
    redisPrefix = createTestRedisPrefix();
  });
  afterAll(async () => {
    await pool.end();
    await testDb.drop();
    await redisPrefix.cleanup();
    connection.disconnect();
  });

  it('skips a run while Postgres is unavailable (an outage, not a failed job), and still fails on other errors', async () => {
    const queue = createQueue(QueueName.maintenance, { connection, prefix: redisPrefix.prefix, logger });
    const settings = { events: 90 * day, deliveries: 90 * day, attempts: 30 * day, personalData: null, interval: 3_600_000, batchSize: 10 };
    const failing = (error: Error) => ({ query: () => Promise.reject(error) }) as unknown as SqlPool;
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    try {
      const down = setupRetention({ settings, db: failing(refused), maintenanceQueue: queue, registry: new Registry(), logger });
      await expect(down.run()).resolves.toBeUndefined();
      const broken = setupRetention({ settings, db: failing(new Error('relation "events" does not exist')), maintenanceQueue: queue, registry: new Registry(), logger });
      await expect(broken.run()).rejects.toThrow(/does not exist/);
    } finally {
      await queue.close();
    }
  });

  it('works off a backlog across follow-up jobs when one run cannot finish it', async () => {
    const { rows } = await pool.query<{ id: number }>(`INSERT INTO destinations (key, kind, target, label, updated_at) VALUES ('main', 'webhook', 'x', 'main', now()) RETURNING id`);
    await pool.query(
      `WITH e AS (
         INSERT INTO events (fingerprint, type, source_key, subject, payload, created_at)
         SELECT 'old.' || i, 'servatrice.account.registered', 'servatrice:test', 'old' || i, '{}'::jsonb, (now() AT TIME ZONE 'UTC') - interval '200 days' + i * interval '1 second'
         FROM generate_series(1, 30) i RETURNING id, created_at)
       INSERT INTO deliveries (event_id, destination_id, status, created_at, delivered_at) SELECT id, $1, 'delivered', created_at, created_at FROM e`,
      [rows[0]!.id],
    );
    const ctx = { connection, prefix: redisPrefix.prefix, logger };
    const queue = createQueue(QueueName.maintenance, ctx);
    const registry = new Registry();
    const settings = { events: 90 * day, deliveries: 90 * day, attempts: 30 * day, personalData: null, interval: 3_600_000, batchSize: 10 };
    // A budget of 0: every run does one statement and hands the rest to a follow-up job.
    const job = setupRetention({ settings, db: pool, maintenanceQueue: queue, registry, logger, budgetMs: 0, followUpDelayMs: 10 });
    const worker = createWorker(QueueName.maintenance, { 'retention.run': () => job.run(), 'outbox.reconcile': async () => undefined, 'ibc.status.refresh': async () => undefined }, ctx, { concurrency: 1 });
    try {
      await addJob(queue, 'retention.run', {});
      const left = async () => Number((await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM events')).rows[0]!.n);
      await expect.poll(left, { timeout: 20_000, interval: 100 }).toBe(0);
      const deleted = (await registry.getSingleMetric('herald_retention_deleted_rows_total')!.get()).values;
      expect(deleted).toEqual(expect.arrayContaining([{ value: 30, labels: { table: 'events' } }, { value: 30, labels: { table: 'deliveries' } }]));
      expect(job.schedulers).toEqual([expect.objectContaining({ id: 'retention', job: 'retention.run', everyMs: 3_600_000 })]);
    } finally {
      await worker.close();
      await queue.close();
    }
  });
});

import { QueueName } from '@herald/contracts';
import { Queue } from 'bullmq';
import pg from 'pg';
import { expect } from 'vitest';
import { eventually } from './ibc-harness.js';

/** What the quiet check reads: the stack's Postgres database and Redis prefix (any e2e stack has them). */
export interface PipelineStores {
  pg: { url: string };
  redis: { url: string; prefix: string };
}

/**
 * What is still owed to Discord. Deliveries are the truth: the poller writes one per routed destination
 * in the same transaction as its event, and the reconciler re-enqueues by them (`events.enqueued_at`
 * only says whether the poller's own enqueue ran: it stays empty for an event the reconciler handed on).
 */
interface Owed {
  /** Deliveries not finished (pending, or sending: possibly on their way to Discord). */
  openDeliveries: number;
  /** Deliver jobs waiting, active (or stalled by a killed notifier), delayed for a retry, or prioritised. */
  deliverJobs: number;
}

async function owed(db: pg.Client, deliver: Queue): Promise<Owed> {
  const { rows } = await db.query<{ open: string }>(`SELECT count(*) AS open FROM deliveries WHERE status IN ('pending', 'sending')`);
  const jobs = await deliver.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
  return {
    openDeliveries: Number(rows[0]!.open),
    deliverJobs: Object.values(jobs).reduce((sum, n) => sum + n, 0),
  };
}

const nothingOwed = (o: Owed) => o.openDeliveries === 0 && o.deliverJobs === 0;

/**
 * Resolves once the pipeline is quiet, so a test can assert the final Discord messages once (a poll
 * that stops at its first match would miss a later duplicate): nothing is owed (no open delivery, no
 * deliver job queued, running or delayed), and still nothing after an outbox
 * reconciliation that started after that moment, the one job that could enqueue more (it re-enqueues
 * whatever Postgres says is owed). Rejects after `timeoutMs` with what was still owed.
 */
export async function waitForQuiet(stores: PipelineStores, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const left = () => Math.max(1, deadline - Date.now());
  const db = new pg.Client({ connectionString: stores.pg.url });
  const connection = { url: stores.redis.url };
  const deliver = new Queue(QueueName.deliver, { connection, prefix: stores.redis.prefix });
  const maintenance = new Queue(QueueName.maintenance, { connection, prefix: stores.redis.prefix });
  await db.connect();
  try {
    await eventually(() => owed(db, deliver), nothingOwed, left(), 'nothing owed to Discord');
    const quietSince = Date.now();
    await eventually(
      async () => (await maintenance.getJobs(['completed'], 0, 50)).filter((j) => j.name === 'outbox.reconcile' && (j.processedOn ?? 0) > quietSince).length,
      (n) => n > 0,
      left(),
      'an outbox reconciliation after the pipeline went quiet',
    );
    await eventually(() => owed(db, deliver), nothingOwed, left(), 'nothing owed to Discord after the reconciliation');
  } finally {
    await Promise.all([db.end(), deliver.close(), maintenance.close()]);
  }
}

/**
 * Where duplicates matter: waits until `read()` (e.g. the usernames posted to Discord) has at least as
 * many items as `expected` (`expect.poll(...).toEqual` would stop at its first match and miss a later
 * duplicate), then until the pipeline is quiet, and only then asserts the final list, once.
 */
export async function expectFinalList<T>(stores: PipelineStores, read: () => T[], expected: T[], timeoutMs = 30_000): Promise<void> {
  await expect.poll(() => read().length, { timeout: timeoutMs, interval: 200 }).toBeGreaterThanOrEqual(expected.length);
  await waitForQuiet(stores, timeoutMs);
  expect(read()).toEqual(expected);
}

/**
 * Resolves once `count` outbox reconciliations have completed after `since` (ms): proving that nothing
 * happens (no resend to a quarantined webhook) needs the one job that would resend to have run, not a timer.
 */
export async function waitForReconciliations(stores: PipelineStores, count: number, since: number, timeoutMs = 30_000): Promise<void> {
  const maintenance = new Queue(QueueName.maintenance, { connection: { url: stores.redis.url }, prefix: stores.redis.prefix });
  try {
    await eventually(
      async () => (await maintenance.getJobs(['completed'], 0, 100)).filter((j) => j.name === 'outbox.reconcile' && (j.processedOn ?? 0) > since).length,
      (n) => n >= count,
      timeoutMs,
      `${count} outbox reconciliations`,
    );
  } finally {
    await maintenance.close();
  }
}

import type { Queue } from 'bullmq';
import { isDatabaseUnavailable, type Queryable } from '@herald/db/sql';
import type { Logger } from '@herald/logging';
import { addJob } from '@herald/queue';
import { deliverJobs, type OwedEvent } from './enqueue.js';

/**
 * Re-enqueues every event that still has an open delivery to an active destination but no live
 * job: after Redis lost its data, after a crash between commit and enqueue, after an operator
 * resumed a destination or retried a dead delivery. Postgres decides what is owed; the job id
 * (the first event's fingerprint) keeps a live job from being added twice, and the delivery
 * ledger makes any overlap between jobs harmless.
 */
export async function reconcileOutbox(
  db: Queryable,
  deliverQueue: Queue,
  logger: Logger,
  options: { limit?: number } = {},
): Promise<number> {
  let owed: OwedEvent[];
  try {
    owed = await owedEvents(db, options.limit ?? 2000);
  } catch (error) {
    // Postgres unavailable: the next cycle tries again. The outage is logged once by the pool's
    // availability reporter (reportAvailability), not once per cycle here.
    if (!isDatabaseUnavailable(error)) throw error;
    logger.debug({ err: error }, 'reconcile skipped: Postgres unavailable');
    return 0;
  }
  let added = 0;
  for (const job of deliverJobs(owed)) {
    const existing = await deliverQueue.getJob(job.opts.jobId);
    if (existing) {
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') continue;
      await existing.remove().catch(() => undefined);
    }
    await addJob(deliverQueue, 'events.deliver', job.data, job.opts);
    added += job.data.events.length;
  }
  if (added > 0) logger.info({ added }, 'reconciled outbox: re-enqueued events owed a delivery');
  return added;
}

/** Events with an open delivery to an active destination, oldest first, with where they go. */
async function owedEvents(db: Queryable, limit: number): Promise<OwedEvent[]> {
  const { rows } = await db.query<{ id: bigint; fingerprint: string; destinations: number[] }>(
    `SELECT e.id, e.fingerprint, array_agg(d.destination_id ORDER BY d.destination_id) AS destinations FROM deliveries d
     JOIN events e ON e.id = d.event_id
     JOIN destinations t ON t.id = d.destination_id
     WHERE d.status IN ('pending', 'sending') AND t.status = 'active'
     GROUP BY e.id ORDER BY e.id LIMIT $1`,
    [limit],
  );
  return rows;
}

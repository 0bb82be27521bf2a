import type { Queue } from 'bullmq';
import { jobIdFor } from '@herald/contracts';
import type { Queryable } from '@herald/db/sql';
import { addJobs } from '@herald/queue';
import type { RecordedEvent } from './types.js';

/** The delivery job of an event is named by its fingerprint: adding it twice is a no-op. */
export function deliverJobId(fingerprint: string): string {
  return jobIdFor('deliver', fingerprint);
}

/**
 * Hands recorded events to the notifier. Called after the poll transaction committed; if the
 * process dies before this, the reconciler enqueues them (Postgres is the truth, Redis transport).
 */
export async function enqueueDeliveries(queue: Queue, db: Queryable, events: RecordedEvent[]): Promise<void> {
  if (events.length === 0) return;
  await addJobs(
    queue,
    'event.deliver',
    events.map((e) => ({
      data: { eventId: e.id.toString(), fingerprint: e.fingerprint, destinations: e.destinations },
      opts: { jobId: deliverJobId(e.fingerprint) },
    })),
  );
  await db.query('UPDATE events SET enqueued_at = now() WHERE id = ANY($1::bigint[])', [events.map((e) => e.id.toString())]);
}

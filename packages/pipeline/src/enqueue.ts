import type { Queue } from 'bullmq';
import { jobIdFor, MaxEventsPerDeliverJob } from '@herald/contracts';
import type { Queryable } from '@herald/db/sql';
import { addJobs } from '@herald/queue';
import type { RecordedEvent } from './types.js';

/** A delivery job is named by its first event's fingerprint: adding the same batch twice is a no-op. */
export function deliverJobId(firstFingerprint: string): string {
  return jobIdFor('deliver', firstFingerprint);
}

export interface OwedEvent {
  id: bigint;
  fingerprint: string;
  destinations: number[];
}

/**
 * Groups events (in id order) into delivery jobs: consecutive events with the same destinations
 * share a job, up to MaxEventsPerDeliverJob. Events routed nowhere need no job.
 */
export function deliverJobs(events: OwedEvent[], maxPerJob = MaxEventsPerDeliverJob) {
  const jobs: Array<{ data: { events: Array<{ eventId: string; fingerprint: string }>; destinations: number[] }; opts: { jobId: string } }> = [];
  let current: (typeof jobs)[number] | undefined;
  let currentKey = '';
  for (const event of events) {
    if (event.destinations.length === 0) continue;
    const key = event.destinations.join(',');
    if (!current || key !== currentKey || current.data.events.length >= maxPerJob) {
      current = { data: { events: [], destinations: event.destinations }, opts: { jobId: deliverJobId(event.fingerprint) } };
      currentKey = key;
      jobs.push(current);
    }
    current.data.events.push({ eventId: event.id.toString(), fingerprint: event.fingerprint });
  }
  return jobs;
}

/**
 * Hands recorded events to the notifier. Called after the poll transaction committed; if the
 * process dies before this, the reconciler enqueues them (Postgres is the truth, Redis transport).
 */
export async function enqueueDeliveries(queue: Queue, db: Queryable, events: RecordedEvent[]): Promise<void> {
  if (events.length === 0) return;
  await addJobs(queue, 'events.deliver', deliverJobs(events));
  await db.query('UPDATE events SET enqueued_at = now() WHERE id = ANY($1::bigint[])', [events.map((e) => e.id.toString())]);
}

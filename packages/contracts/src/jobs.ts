import { z } from 'zod';
import { QueueName } from './queues.js';

const decimalId = z.string().regex(/^\d+$/, 'must be a decimal id');

/** Most events one delivery job carries (a poll's batch of 500 fits). */
export const MaxEventsPerDeliverJob = 1000;

/**
 * The job catalogue: job name → queue and payload schema. Producers validate before adding,
 * workers validate when dequeuing. A worker's handler map must cover every job of its queue
 * (see `HandlersFor`), so adding a job here without a handler fails to compile.
 */
export const jobCatalogue = {
  'servatrice.poll': {
    queue: QueueName.servatricePoll,
    schema: z.object({ source: z.string().min(1) }),
  },
  'ibc.poll': {
    queue: QueueName.ibcPoll,
    /** One monitored chain's connections and clients (both ends). */
    schema: z.object({ chainId: z.string().min(1) }),
  },
  'ibc.wallets': {
    queue: QueueName.ibcPoll,
    /** Every registered relayer wallet's balance. */
    schema: z.object({}),
  },
  'ibc.status.refresh': {
    queue: QueueName.maintenance,
    /** Re-render the IBC status message in each status channel and edit it in place (the notifier's job). */
    schema: z.object({}),
  },
  'reddit.resurrections': {
    queue: QueueName.redditPoll,
    /** Ask /about for every suspended or deleted tracked user; announce each return once. */
    schema: z.object({}),
  },
  'reddit.inactivity': {
    queue: QueueName.redditPoll,
    /** Mark users without a comment within `inactivity_threshold` inactive (scanned only every `full_scan_interval`). */
    schema: z.object({}),
  },
  'events.deliver': {
    queue: QueueName.deliver,
    schema: z.object({
      /**
       * Events recorded together (one poll), oldest first, all routed to the same destinations. One
       * job per batch, not per event: Redis work per job would otherwise bound throughput. What is
       * owed stays per event in Postgres (the delivery ledger), which is what prevents duplicates.
       */
      events: z.array(z.object({ eventId: decimalId, fingerprint: z.string().min(1) })).min(1).max(MaxEventsPerDeliverJob),
      /** Where the events are routed (known when they are recorded), so finished work is recognised without a query. */
      destinations: z.array(z.number().int().positive()),
    }),
  },
  'outbox.reconcile': {
    queue: QueueName.maintenance,
    schema: z.object({}),
  },
  'retention.run': {
    queue: QueueName.maintenance,
    /** Delete and redact history past its retention age, for a bounded time; a follow-up job continues (the notifier's job). */
    schema: z.object({}),
  },
} as const;

export type JobName = keyof typeof jobCatalogue;
export type JobData<N extends JobName> = z.infer<(typeof jobCatalogue)[N]['schema']>;
export type JobsInQueue<Q extends QueueName> = {
  [N in JobName]: (typeof jobCatalogue)[N]['queue'] extends Q ? N : never;
}[JobName];

export function parseJobData<N extends JobName>(name: N, data: unknown): JobData<N> {
  return jobCatalogue[name].schema.parse(data) as JobData<N>;
}

export function isJobName(value: string): value is JobName {
  return Object.hasOwn(jobCatalogue, value);
}

/**
 * BullMQ job ids must not contain ':' and must not be plain integers. Fingerprints are
 * made of [A-Za-z0-9._/-] segments joined by '.', so they are valid ids as they are.
 */
export function jobIdFor(prefix: string, key: string): string {
  const id = `${prefix}.${key}`;
  if (id.includes(':') || /^\d+$/.test(id)) throw new Error(`invalid job id ${id}`);
  return id;
}

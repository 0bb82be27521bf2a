import { z } from 'zod';
import { QueueName } from './queues.js';

const decimalId = z.string().regex(/^\d+$/, 'must be a decimal id');

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
  'event.deliver': {
    queue: QueueName.deliver,
    schema: z.object({
      eventId: decimalId,
      fingerprint: z.string().min(1),
      /** Where the event is routed (known when it is recorded), so finished work is recognised without a query. */
      destinations: z.array(z.number().int().positive()),
    }),
  },
  'outbox.reconcile': {
    queue: QueueName.maintenance,
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

import { Queue, Worker, UnrecoverableError, type Job, type JobsOptions, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { ZodError } from 'zod';
import { isJobName, jobCatalogue, parseJobData, type JobData, type JobName, type JobsInQueue, type QueueName } from '@herald/contracts';
import type { Logger } from '@herald/logging';

/** Handlers for every job of one queue; a missing handler is a compile error. */
export type HandlersFor<Q extends QueueName> = {
  [N in JobsInQueue<Q>]: (data: JobData<N>, job: Job, token: string | undefined) => Promise<unknown>;
};

/** Retention: enough history for Bull Board, bounded so Redis never fills with finished jobs. */
export const DefaultJobOptions: JobsOptions = {
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
  attempts: 10,
  backoff: { type: 'exponential', delay: 1000 },
};

export interface QueueContext {
  connection: Redis;
  prefix: string;
  logger: Logger;
}

export function createQueue<Q extends QueueName>(name: Q, ctx: QueueContext, defaultJobOptions: JobsOptions = DefaultJobOptions): Queue {
  const queue = new Queue(name, { connection: ctx.connection, prefix: ctx.prefix, defaultJobOptions });
  queue.on('error', (error) => ctx.logger.error({ err: error, queue: name }, 'queue error'));
  return queue;
}

/** Validates the payload against the catalogue before it reaches Redis. */
export async function addJob<N extends JobName>(queue: Queue, name: N, data: JobData<N>, opts: JobsOptions = {}): Promise<Job> {
  if (jobCatalogue[name].queue !== queue.name) throw new Error(`job ${name} belongs to queue ${jobCatalogue[name].queue}, not ${queue.name}`);
  return queue.add(name, parseJobData(name, data), opts);
}

export async function addJobs<N extends JobName>(queue: Queue, name: N, jobs: Array<{ data: JobData<N>; opts?: JobsOptions }>): Promise<Job[]> {
  if (jobs.length === 0) return [];
  if (jobCatalogue[name].queue !== queue.name) throw new Error(`job ${name} belongs to queue ${jobCatalogue[name].queue}, not ${queue.name}`);
  return queue.addBulk(jobs.map((j) => ({ name, data: parseJobData(name, j.data), ...(j.opts ? { opts: j.opts } : {}) })));
}

/**
 * A worker whose payloads are validated when dequeued. A job whose name or payload is not in the
 * catalogue can never succeed, so it fails at once (UnrecoverableError) instead of retrying.
 */
export function createWorker<Q extends QueueName>(
  name: Q,
  handlers: HandlersFor<Q>,
  ctx: QueueContext,
  options: Omit<WorkerOptions, 'connection' | 'prefix'> = {},
): Worker {
  const table = handlers as unknown as Record<string, (data: unknown, job: Job, token: string | undefined) => Promise<unknown>>;
  const worker = new Worker(
    name,
    async (job, token) => {
      if (!isJobName(job.name) || !table[job.name]) throw new UnrecoverableError(`no handler for job ${job.name} on queue ${name}`);
      let data: unknown;
      try {
        data = parseJobData(job.name, job.data);
      } catch (error) {
        if (error instanceof ZodError) throw new UnrecoverableError(`invalid payload for ${job.name}: ${error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
        throw error;
      }
      return table[job.name]!(data, job, token);
    },
    { connection: ctx.connection, prefix: ctx.prefix, ...options },
  );
  worker.on('error', (error) => ctx.logger.error({ err: error, queue: name }, 'worker error'));
  worker.on('failed', (job, error) => ctx.logger.warn({ queue: name, job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: error }, 'job failed'));
  return worker;
}

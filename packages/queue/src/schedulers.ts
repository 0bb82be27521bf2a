import type { Queue } from 'bullmq';
import { parseJobData, type JobData, type JobName } from '@herald/contracts';
import type { Logger } from '@herald/logging';

export interface SchedulerSpec<N extends JobName = JobName> {
  id: string;
  queue: Queue;
  job: N;
  data: JobData<N>;
  everyMs: number;
}

/**
 * Options of every job a scheduler creates. One attempt: the schedule itself is the retry. BullMQ's
 * retries (the queue's DefaultJobOptions) would stack on top of the next scheduled jobs and
 * multiply a failing poll during an outage (issue 7, §5); back-off belongs in the handler
 * (see `createPollGuard`).
 */
export const ScheduledJobOptions = { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } } as const;

/**
 * Upserts job schedulers from one place at start-up. If Redis loses its data (flush, failover
 * without persistence) the schedulers vanish with it and polling would silently stop, so a
 * watchdog re-creates any scheduler that is missing. Checking first avoids needless upserts,
 * which BullMQ has had races around.
 */
export async function ensureSchedulers(specs: SchedulerSpec[], logger: Logger): Promise<number> {
  let created = 0;
  for (const spec of specs) {
    const existing = await spec.queue.getJobScheduler(spec.id);
    // A scheduler from an older version still carries the queue's retries in its template: replace it.
    if (existing && existing.every === spec.everyMs && existing.template?.opts?.attempts === ScheduledJobOptions.attempts) continue;
    await spec.queue.upsertJobScheduler(
      spec.id,
      { every: spec.everyMs },
      { name: spec.job, data: parseJobData(spec.job, spec.data), opts: ScheduledJobOptions },
    );
    created++;
    logger.info({ scheduler: spec.id, everyMs: spec.everyMs, recreated: Boolean(existing) }, existing ? 'job scheduler updated' : 'job scheduler ready');
  }
  return created;
}

export interface Watchdog {
  stop(): void;
}

/** Re-checks schedulers every `checkEveryMs`; calls `onRecovered` when it had to re-create one. */
export function watchSchedulers(specs: SchedulerSpec[], options: { checkEveryMs: number; logger: Logger; onRecovered?: () => Promise<void> }): Watchdog {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = async () => {
    try {
      const created = await ensureSchedulers(specs, options.logger);
      if (created > 0) {
        options.logger.warn({ created }, 'job schedulers were missing (Redis lost its data?); re-created them');
        await options.onRecovered?.();
      }
    } catch (error) {
      options.logger.warn({ err: error }, 'scheduler watchdog check failed; will retry');
    }
    if (!stopped) timer = setTimeout(tick, options.checkEveryMs).unref();
  };
  timer = setTimeout(tick, options.checkEveryMs).unref();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

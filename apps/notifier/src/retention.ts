import type { Queue } from 'bullmq';
import type { RetentionSettings } from '@herald/config';
import { isDatabaseUnavailable, type Queryable } from '@herald/db/sql';
import type { Logger } from '@herald/logging';
import { createRetentionMetrics, runRetention } from '@herald/pipeline';
import type { MetricsPublisher } from '@herald/pipeline/metrics';
import { addJob, type SchedulerSpec } from '@herald/queue';

const SCHEDULER_ID = 'retention';
/**
 * A run that used its time budget is continued by this job shortly after, once other maintenance
 * jobs had their turn. keepLastIfActive: the run adding it is itself the follow-up of the previous
 * run (same deduplication id, still active), and must not be deduplicated away.
 */
const FollowUp = { deduplicationId: 'retention-continue', delayMs: 1000 };

export interface RetentionJob {
  /** The `retention.run` job's handler. */
  run(): Promise<void>;
  schedulers: SchedulerSpec[];
}

/**
 * The retention job on the maintenance queue (see runRetention). The maintenance worker runs one job
 * at a time, so a run is bounded in time (outbox.reconcile must not wait behind a large backlog of
 * old rows): an unfinished run queues a follow-up, and the backlog is worked off across jobs.
 */
export function setupRetention(input: {
  settings: RetentionSettings;
  db: Queryable;
  maintenanceQueue: Queue;
  registry: MetricsPublisher['registry'];
  logger: Logger;
  /** Tests shorten these; see DefaultRetentionOptions and FollowUp. */
  budgetMs?: number;
  followUpDelayMs?: number;
}): RetentionJob {
  const { settings, db, maintenanceQueue, logger } = input;
  const metrics = createRetentionMetrics(input.registry);
  const budget = input.budgetMs === undefined ? {} : { budgetMs: input.budgetMs };
  return {
    async run() {
      let result: Awaited<ReturnType<typeof runRetention>>;
      try {
        result = await runRetention({ db, policy: settings, logger, metrics, ...budget });
      } catch (error) {
        // Postgres unavailable is an outage, logged once by the pool's availability reporter, not a
        // failed job: the next scheduled run trims what this one could not (as reconcileOutbox does).
        if (!isDatabaseUnavailable(error)) throw error;
        logger.debug({ err: error }, 'retention skipped: Postgres unavailable');
        return;
      }
      if (!result.finished) {
        await addJob(maintenanceQueue, 'retention.run', {}, {
          delay: input.followUpDelayMs ?? FollowUp.delayMs,
          deduplication: { id: FollowUp.deduplicationId, keepLastIfActive: true },
          removeOnComplete: true,
          removeOnFail: { count: 100 },
        });
      }
    },
    schedulers: [{ id: SCHEDULER_ID, queue: maintenanceQueue, job: 'retention.run', data: {}, everyMs: settings.interval }],
  };
}

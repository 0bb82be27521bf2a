import { failpoint, type Logger } from '@herald/logging';
import type { RecordedEvent } from '@herald/pipeline';
import { backfill, pollOnce, type PollOptions } from './poll.js';

export interface PollJobOptions {
  poll: PollOptions;
  /** Hands newly recorded events to the notifier (after their transaction committed). */
  enqueue: (events: RecordedEvent[]) => Promise<void>;
  logger: Logger;
  /** During a backlog, keep polling within one job for at most this long. Default 5000 ms. */
  budgetMs?: number;
  /** `--backfill N`: done by the first job that reaches the database, before its poll. */
  backfill?: number;
}

/**
 * The work of a `servatrice.poll` job: polls until the backlog is read (or the time budget is
 * spent) and enqueues what it recorded. It throws on failure and logs nothing about it: wrap it in
 * `createPollGuard` (@herald/queue), which reports outages, backs off and notes every outcome.
 */
export function createPollJobHandler(options: PollJobOptions): () => Promise<{ recorded: number }> {
  const budgetMs = options.budgetMs ?? 5000;
  let backfillPending = options.backfill;
  return async () => {
    const started = performance.now();
    let recorded = 0;
    if (backfillPending !== undefined) {
      const result = await backfill(options.poll, backfillPending);
      await options.enqueue(result.recorded);
      backfillPending = undefined;
    }
    for (;;) {
      const result = await pollOnce(options.poll);
      if (result.recorded.length > 0) failpoint('poll.after-commit');
      await options.enqueue(result.recorded);
      recorded += result.recorded.length;
      if (!result.more || performance.now() - started > budgetMs) break;
    }
    if (recorded > 0) options.logger.info({ source: options.poll.source, recorded }, 'new accounts recorded');
    return { recorded };
  };
}

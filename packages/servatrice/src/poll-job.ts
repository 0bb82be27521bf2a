import { failpoint, redact, type Logger } from '@herald/logging';
import type { OutboxStore, RecordedEvent } from '@herald/pipeline';
import { pollOnce, sourceKey, type PollOptions } from './poll.js';

export interface PollJobOptions {
  poll: PollOptions;
  outbox: OutboxStore;
  /** Hands newly recorded events to the notifier (after their transaction committed). */
  enqueue: (events: RecordedEvent[]) => Promise<void>;
  logger: Logger;
  /** During a backlog, keep polling within one job for at most this long. */
  budgetMs?: number;
}

/**
 * The handler of a `servatrice.poll` job: polls until the backlog is read (or the time budget is
 * spent), enqueues what it recorded, and notes the outcome for the dashboard and metrics.
 */
export function createPollJobHandler(options: PollJobOptions): () => Promise<{ recorded: number }> {
  const budgetMs = options.budgetMs ?? 5000;
  return async () => {
    const started = performance.now();
    let recorded = 0;
    try {
      for (;;) {
        const result = await pollOnce(options.poll);
        if (result.recorded.length > 0) failpoint('poll.after-commit');
        await options.enqueue(result.recorded);
        recorded += result.recorded.length;
        if (!result.more || performance.now() - started > budgetMs) break;
      }
      if (recorded > 0) options.logger.info({ source: options.poll.source, recorded }, 'new accounts recorded');
      await options.outbox.notePoll(sourceKey(options.poll.source), { durationMs: performance.now() - started });
      return { recorded };
    } catch (error) {
      const message = redact(error instanceof Error ? error.message : String(error));
      options.logger.error({ source: options.poll.source, err: error }, 'poll failed; the next scheduled poll retries');
      await options.outbox.notePoll(sourceKey(options.poll.source), { durationMs: performance.now() - started, error: message }).catch(() => undefined);
      throw error;
    }
  };
}

import { backoffDelayMs, createOutageReporter, redact, type Logger, type OutageReporter } from '@herald/logging';

/** How the polling of a failing source slows down: the n-th consecutive failure waits `min(initialMs × 2^(n-1), maxMs)`. */
export interface PollBackoff {
  initialMs: number;
  maxMs: number;
}

/**
 * Doubling from 1 s up to 10 s: a source that is down costs one attempt every 10 s at most (issue 7,
 * §5), and one that is back is polled again within 10 s (a 30 s cap made recovery feel slow).
 */
export const DefaultPollBackoff: PollBackoff = { initialMs: 1000, maxMs: 10_000 };

export interface PollGuardOptions<R> {
  /** One poll (of one source). Throws when the poll failed. */
  poll: () => Promise<R>;
  logger: Logger;
  /**
   * Names what a failure means is down, as an operator would say it (`Servatrice database`,
   * `Postgres`): each name gets its own outage lines ("… unavailable", "… is back").
   */
  whatFailed: (error: unknown) => string;
  /** Fields added to every outage line (e.g. `{ source: 'default' }`). */
  context?: Record<string, unknown>;
  backoff?: PollBackoff;
  /** While an outage lasts, one short reminder this often (OutageReporter's default: 60 s). */
  remindEveryMs?: number;
  /**
   * Records each attempt's outcome for the dashboard, /status and /metrics (e.g. the outbox's
   * `notePoll`). Its own failure (Postgres down too) is logged at debug level and otherwise ignored.
   */
  note?: (outcome: { durationMs: number; error?: string }) => Promise<void>;
  now?: () => number;
}

export type GuardedPollResult<R> =
  | { status: 'ok'; result: R }
  | { status: 'failed'; error: string }
  /** Skipped without polling: the source is failing and its back-off has not elapsed, or a poll is in flight. */
  | { status: 'skipped'; reason: 'backing-off' | 'in-flight'; retryInMs: number };

export interface PollGuard<R> {
  /** Runs the poll unless backing off or already running. Never throws: the next scheduled job is the retry. */
  run(): Promise<GuardedPollResult<R>>;
  /** Consecutive failures (0 while healthy). */
  readonly failures: number;
}

/**
 * Wraps a scheduled poll so an outage costs little and says little (issue 7, §5): at most one poll
 * in flight; after a failure, scheduled jobs are skipped until the back-off has elapsed (so the
 * schedule itself is the retry and no jobs stack up); failures are logged through an
 * OutageReporter (one line when an outage starts, a brief reminder while it lasts, one when it
 * ends) instead of a stack trace per attempt; every attempt's outcome is noted for the dashboard.
 * Use it with schedulers whose jobs have one attempt (`ScheduledJobOptions`).
 */
export function createPollGuard<R>(options: PollGuardOptions<R>): PollGuard<R> {
  const now = options.now ?? Date.now;
  const backoff = options.backoff ?? DefaultPollBackoff;
  const reporters = new Map<string, OutageReporter>();
  const reporter = (what: string) => {
    let r = reporters.get(what);
    if (!r) {
      r = createOutageReporter({
        logger: options.logger,
        what,
        ...(options.context ? { context: options.context } : {}),
        ...(options.remindEveryMs !== undefined ? { remindEveryMs: options.remindEveryMs } : {}),
        now,
      });
      reporters.set(what, r);
    }
    return r;
  };
  let failures = 0;
  let notBefore = 0;
  let inFlight = false;

  const note = async (outcome: { durationMs: number; error?: string }) => {
    try {
      await options.note?.(outcome);
    } catch (error) {
      options.logger.debug({ ...options.context, err: error }, 'could not record the poll outcome');
    }
  };

  return {
    get failures() {
      return failures;
    },
    async run() {
      const started = now();
      if (inFlight) return { status: 'skipped', reason: 'in-flight', retryInMs: 0 };
      if (started < notBefore) return { status: 'skipped', reason: 'backing-off', retryInMs: notBefore - started };
      inFlight = true;
      try {
        const result = await options.poll();
        failures = 0;
        notBefore = 0;
        for (const r of reporters.values()) r.succeeded();
        await note({ durationMs: now() - started });
        return { status: 'ok', result };
      } catch (error) {
        failures++;
        // No jitter: the retry is the next scheduled job after this delay, so the schedule sets the pace.
        notBefore = now() + backoffDelayMs(failures, backoff);
        reporter(options.whatFailed(error)).failed(error);
        const message = redact(error instanceof Error ? error.message || error.name : String(error));
        await note({ durationMs: now() - started, error: message });
        return { status: 'failed', error: message };
      } finally {
        inFlight = false;
      }
    },
  };
}

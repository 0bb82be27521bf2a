import type { Logger } from 'pino';
import { redact } from './redact.js';

export interface OutageState {
  /** When the first failure of the current outage happened; null while healthy. */
  since: Date | null;
  /** Failures since the outage started. */
  failures: number;
  /** The last failure's message, redacted. */
  lastError: string | null;
}

export interface OutageReporterOptions {
  logger: Logger;
  /** What is down, as an operator would name it: `Servatrice database`, `Postgres`, `Discord`. */
  what: string;
  /** Fields added to every line (e.g. `{ source: 'default' }`). */
  context?: Record<string, unknown>;
  /** While the outage lasts, at most one short reminder this often. Default 60 000 ms. */
  remindEveryMs?: number;
  now?: () => number;
}

export interface OutageReporter {
  /** Records a failure: logs (with the error) only when an outage starts, then a brief reminder now and then. */
  failed(error: unknown): void;
  /** Records a success: logs once if it ends an outage. */
  succeeded(): void;
  readonly state: OutageState;
}

/**
 * Turns a stream of failures of something outside (a database, Redis, Discord) into three kinds of
 * log line: one when the outage starts (with the error), a brief reminder at most every
 * `remindEveryMs` while it lasts, and one when it ends (with its length and failure count). An
 * outage that retries every second would otherwise write a stack trace per attempt (issue 7, §5/§8).
 */
export function createOutageReporter(options: OutageReporterOptions): OutageReporter {
  const { logger, what } = options;
  const context = options.context ?? {};
  const remindEveryMs = options.remindEveryMs ?? 60_000;
  const now = options.now ?? Date.now;
  const state: OutageState = { since: null, failures: 0, lastError: null };
  let lastReminder = 0;
  return {
    state,
    failed(error) {
      state.failures++;
      state.lastError = redact(error instanceof Error ? error.message || error.name : String(error));
      const at = now();
      if (state.since === null) {
        state.since = new Date(at);
        lastReminder = at;
        logger.error({ ...context, err: error }, `${what} unavailable; retrying until it is back`);
        return;
      }
      if (at - lastReminder >= remindEveryMs) {
        lastReminder = at;
        const downForSeconds = Math.round((at - state.since.getTime()) / 1000);
        logger.warn({ ...context, downForSeconds, failures: state.failures, error: state.lastError }, `${what} still unavailable`);
      }
    },
    succeeded() {
      if (state.since === null) return;
      const downForSeconds = Math.round((now() - state.since.getTime()) / 100) / 10;
      logger.info({ ...context, downForSeconds, failures: state.failures }, `${what} is back`);
      state.since = null;
      state.failures = 0;
      state.lastError = null;
    },
  };
}

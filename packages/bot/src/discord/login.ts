import { backoffDelayMs, type Logger } from '@herald/logging';

export interface RetryOptions {
  /** First wait after a failed login. Default 1000. */
  readonly initialDelayMs?: number;
  /** Waits double up to this. Default 60000. */
  readonly maxDelayMs?: number;
  /** For tests: a seeded source of jitter. */
  readonly random?: () => number;
  /**
   * After Discord refused the privileged intents (close 4014), wait this long before identifying
   * again without them: Discord allows one IDENTIFY per 5 s (max_concurrency 1). Default 5500.
   */
  readonly reidentifyDelayMs?: number;
}

/** The wait before attempt `attempt + 1`, in ms: doubling from the initial delay, ±25% jitter, never above the maximum. */
export function backoffDelay(attempt: number, options: RetryOptions = {}): number {
  return backoffDelayMs(attempt, {
    initialMs: options.initialDelayMs ?? 1000,
    maxMs: options.maxDelayMs ?? 60_000,
    jitter: { down: 0.25, up: 0.25 },
    capJittered: true,
    ...(options.random ? { random: options.random } : {}),
  });
}

/**
 * Calls `login` until it succeeds or `signal` aborts, so a gateway that is down when the notifier
 * starts delays the bot instead of crashing the process. Resolves false when stopped.
 */
export async function loginWithRetry(login: () => Promise<unknown>, signal: AbortSignal, logger: Logger, options: RetryOptions = {}): Promise<boolean> {
  for (let attempt = 1; !signal.aborted; attempt++) {
    try {
      await login();
      if (attempt > 1) logger.info({ attempt }, 'logged in to Discord after retrying');
      return true;
    } catch (err) {
      if (signal.aborted) return false;
      const delayMs = backoffDelay(attempt, options);
      // The error comes from discord.js/undici; the logger redacts tokens, and the token is never passed in.
      logger.warn({ err, attempt, retryInMs: delayMs }, 'Discord login failed; retrying');
      await sleep(delayMs, signal);
    }
  }
  return false;
}

/** Waits `ms`, or less when `signal` aborts; never rejects. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

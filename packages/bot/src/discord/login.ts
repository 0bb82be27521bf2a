import type { Logger } from '@herald/logging';

export interface RetryOptions {
  /** First wait after a failed login. Default 1000. */
  readonly initialDelayMs?: number;
  /** Waits double up to this. Default 60000. */
  readonly maxDelayMs?: number;
  /** For tests: a seeded source of jitter. */
  readonly random?: () => number;
}

/** The wait before attempt `attempt + 1`: doubling from the initial delay, capped, with ±25% jitter. */
export function backoffDelay(attempt: number, options: RetryOptions = {}): number {
  const initial = options.initialDelayMs ?? 1000;
  const max = options.maxDelayMs ?? 60_000;
  const base = Math.min(max, initial * 2 ** Math.min(attempt - 1, 30));
  const jitter = 0.75 + (options.random ?? Math.random)() * 0.5;
  return Math.min(max, Math.round(base * jitter));
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

function sleep(ms: number, signal: AbortSignal): Promise<void> {
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

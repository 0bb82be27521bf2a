/**
 * Random spread around the doubled delay, as shares of it: the delay is multiplied by a factor drawn
 * uniformly from [1 − down, 1 + up). `{ down: 0.1, up: 0.1 }` is ±10%; `{ down: 0, up: 0.5 }` never
 * waits less than the doubled delay, up to 50% more.
 */
export interface BackoffJitter {
  readonly down: number;
  readonly up: number;
}

export interface BackoffOptions {
  /** Wait after the first failure, in ms. */
  readonly initialMs: number;
  /** The doubling stops here, in ms. Jitter may go above it unless `capJittered` is set. */
  readonly maxMs: number;
  /** Spread so many clients failing together do not retry in lockstep. Default: none. */
  readonly jitter?: BackoffJitter;
  /** True: the jittered delay is clamped to `maxMs` as well. Default false. */
  readonly capJittered?: boolean;
  /** Source of jitter in [0, 1), for tests. Default Math.random. */
  readonly random?: () => number;
}

/**
 * Herald's one back-off rule: the wait, in whole ms, after the `failureNumber`-th failure in a row
 * (1 for the first; anything below 1 counts as 1): `min(initialMs · 2^(failureNumber−1), maxMs)`,
 * times the jitter factor, rounded. Used by the delivery engine (per-destination retry), the bot's
 * Discord login, the Discord client's floor after timing-less 429s, and the pollers' guard.
 *
 * Written here rather than taken from a library: the kept back-off libraries (cockatiel,
 * exponential-backoff, p-retry) are retry *runners* that own the loop and the attempt count, while
 * Herald's counts live elsewhere (a destination's `failure_streak` in Postgres, a poller's failures
 * between scheduled jobs) and only the delay for a given count is needed. It lives in
 * @herald/logging, next to the OutageReporter, because that is the one package every service that
 * retries already depends on.
 */
export function backoffDelayMs(failureNumber: number, options: BackoffOptions): number {
  const { initialMs, maxMs, jitter, capJittered = false, random = Math.random } = options;
  // Past 2^30 the doubling is far above any sensible cap; the clamp keeps the product finite.
  const exponent = Math.min(Math.max(failureNumber - 1, 0), 30);
  const base = Math.min(initialMs * 2 ** exponent, maxMs);
  const factor = jitter ? 1 - jitter.down + random() * (jitter.down + jitter.up) : 1;
  const delay = Math.round(base * factor);
  return capJittered ? Math.min(delay, maxMs) : delay;
}

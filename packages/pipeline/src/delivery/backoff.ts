import { backoffDelayMs } from '@herald/logging';

/**
 * Delay, in ms, before the next attempt after `streak` consecutive transient failures of a
 * destination: 1 s doubling, capped at `capMs` (default 5 min), ±10% jitter so many destinations
 * failing together do not retry in lockstep (the jitter may go up to 10% past the cap).
 */
export function retryDelayMs(streak: number, capMs = 5 * 60_000): number {
  return backoffDelayMs(streak, { initialMs: 1000, maxMs: capMs, jitter: { down: 0.1, up: 0.1 } });
}

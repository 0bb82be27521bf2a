/** Delay before the next attempt after `streak` consecutive transient failures: 1 s doubling, capped. */
export function retryDelayMs(streak: number, capMs = 5 * 60_000): number {
  const exponent = Math.min(Math.max(streak - 1, 0), 20);
  const base = Math.min(1000 * 2 ** exponent, capMs);
  // ±10% jitter so many destinations failing together do not retry in lockstep.
  return Math.round(base * (0.9 + Math.random() * 0.2));
}

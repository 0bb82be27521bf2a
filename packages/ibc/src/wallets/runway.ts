/** One balance read of a wallet (exact base units). */
export interface BalanceSample {
  at: Date;
  balance: bigint;
}

/** Spend rate and runway are measured over the samples of the last 24 hours. */
export const DefaultRunwayWindowMs = 24 * 3_600_000;

export interface Runway {
  /** Base units spent per day over the window; 0n when nothing was spent; null with fewer than two samples. */
  spendPerDay: bigint | null;
  /** How long `balance` lasts at that rate, in seconds; null when nothing is being spent (or not measurable). */
  runwaySeconds: number | null;
}

const DayMs = 86_400_000n;
/** Runways are capped at 100 years: beyond that the number means "not spending" and only risks overflow. */
export const MaxRunwaySeconds = 100 * 365 * 86_400;

/**
 * A wallet's runway (none of the anchors has it): balance ÷ spend rate, the rate measured from
 * successive samples over the last `windowMs` (default 24 h: long enough to average a relayer's
 * bursts, short enough to follow a change of traffic). Only decreases between successive samples
 * count as spending: a top-up is not negative spending, so the rate never goes negative (the
 * price: what was spent in the same interval as a top-up is not seen, so the rate is a lower
 * bound). Exact bigint arithmetic; the rate is extrapolated from the span the samples cover.
 */
export function measureRunway(samples: readonly BalanceSample[], balance: bigint, windowMs = DefaultRunwayWindowMs): Runway {
  const sorted = [...samples].sort((a, b) => a.at.getTime() - b.at.getTime());
  const last = sorted.at(-1);
  if (!last) return { spendPerDay: null, runwaySeconds: null };
  const inWindow = sorted.filter((s) => s.at.getTime() >= last.at.getTime() - windowMs);
  const first = inWindow[0]!;
  const spanMs = BigInt(last.at.getTime() - first.at.getTime());
  if (inWindow.length < 2 || spanMs <= 0n) return { spendPerDay: null, runwaySeconds: null };
  let spent = 0n;
  for (let i = 1; i < inWindow.length; i++) {
    const drop = inWindow[i - 1]!.balance - inWindow[i]!.balance;
    if (drop > 0n) spent += drop;
  }
  const spendPerDay = (spent * DayMs) / spanMs;
  if (spendPerDay <= 0n) return { spendPerDay: 0n, runwaySeconds: null };
  const seconds = balance <= 0n ? 0n : (balance * 86_400n) / spendPerDay;
  const runwaySeconds = seconds > BigInt(MaxRunwaySeconds) ? MaxRunwaySeconds : Number(seconds);
  return { spendPerDay, runwaySeconds };
}

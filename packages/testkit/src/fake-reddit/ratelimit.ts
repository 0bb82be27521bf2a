import type { FakeRedditBudget, FakeRedditWindowStats } from './types.js';

const KEPT_WINDOWS = 1000;

export interface BudgetDecision {
  allowed: boolean;
  /** `X-Ratelimit-Used`, `-Remaining`, `-Reset`, as Reddit sends them. */
  headers: Record<string, string>;
}

/**
 * Reddit's per-client request budget: `requests` per fixed window of `windowMs`, windows aligned
 * to the epoch (window = floor(now / windowMs)), counted per OAuth client id (Reddit Data API Wiki,
 * since 2023: "by client id"). Refused requests (429) are not added to `used`.
 */
export class RequestBudget {
  private readonly windows = new Map<string, FakeRedditWindowStats>();

  constructor(
    private budget: FakeRedditBudget,
    private readonly now: () => number,
  ) {
    validate(budget);
  }

  get current(): FakeRedditBudget {
    return { ...this.budget };
  }

  set(budget: FakeRedditBudget): void {
    validate(budget);
    this.budget = { ...budget };
  }

  /** Counts one API request of `clientId` and returns whether it is served, with the headers to send. */
  take(clientId: string): BudgetDecision {
    const now = this.now();
    const { requests, windowMs } = this.budget;
    const window = Math.floor(now / windowMs);
    const key = `${clientId}\n${windowMs}\n${window}`;
    let stats = this.windows.get(key);
    if (stats === undefined) {
      stats = { clientId, window, startMs: window * windowMs, served: 0, refused: 0 };
      this.windows.set(key, stats);
      if (this.windows.size > KEPT_WINDOWS) this.windows.delete(this.windows.keys().next().value as string);
    }
    const allowed = stats.served < requests;
    if (allowed) stats.served += 1;
    else stats.refused += 1;
    const resetSeconds = Math.floor(((window + 1) * windowMs - now) / 1000); // Python's int(): rounded down
    return {
      allowed,
      headers: {
        'X-Ratelimit-Used': String(stats.served),
        'X-Ratelimit-Remaining': Math.max(requests - stats.served, 0).toFixed(1),
        'X-Ratelimit-Reset': String(resetSeconds),
      },
    };
  }

  stats(): FakeRedditWindowStats[] {
    return [...this.windows.values()].map((w) => ({ ...w }));
  }

  reset(): void {
    this.windows.clear();
  }
}

function validate(budget: FakeRedditBudget): void {
  if (!Number.isInteger(budget.requests) || budget.requests < 0) throw new RangeError('budget.requests must be a non-negative integer');
  if (!Number.isInteger(budget.windowMs) || budget.windowMs < 1) throw new RangeError('budget.windowMs must be a positive integer');
}

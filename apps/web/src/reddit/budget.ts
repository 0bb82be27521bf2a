import { readBudgetSnapshot, type BudgetSnapshot } from '@herald/reddit/budget';
import type { WebDeps } from '../deps.js';

/** What the web knows of Reddit (`reddit:` in HERALD_CONFIG, see config.ts). */
export interface RedditPageOptions {
  /** `reddit.clientId`: the OAuth client whose shared request budget the page shows. */
  clientId?: string;
}

export type { BudgetSnapshot };

/**
 * The request budget as the page shows it:
 * - `unconfigured`: no `reddit.clientId` given to the web, so it cannot know which budget to read;
 * - `unavailable`: Redis did not answer (the page still renders, as the dashboard does);
 * - `none`: no poller has talked to Reddit with this client id yet;
 * - `known`: the pollers' shared figures.
 */
export type BudgetReading = { kind: 'unconfigured' } | { kind: 'unavailable' } | { kind: 'none' } | { kind: 'known'; snapshot: BudgetSnapshot };

/**
 * Reads the budget the reddit-pollers share in Redis (`readBudgetSnapshot` of @herald/reddit),
 * through the queues' connection and key prefix (Herald's `redis.prefix`). Never rejects.
 */
export async function readRedditBudget(queues: WebDeps['queues'], clientId: string | undefined): Promise<BudgetReading> {
  if (clientId === undefined) return { kind: 'unconfigured' };
  const queue = queues.deliver;
  try {
    // The queues run on the ioredis connection main.ts made (BullMQ types it as its own client interface).
    const redis = (await queue.backend.connection.client) as unknown as Parameters<typeof readBudgetSnapshot>[0];
    const snapshot = await readBudgetSnapshot(redis, { prefix: queue.opts.prefix ?? 'bull', clientId });
    return snapshot === null ? { kind: 'none' } : { kind: 'known', snapshot };
  } catch {
    return { kind: 'unavailable' };
  }
}

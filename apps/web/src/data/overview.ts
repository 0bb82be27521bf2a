import type { Queryable } from '@herald/db/sql';
import { readInvalidRequestBudget, type InvalidBudgetReading } from '@herald/discord/budget';
import { readDestinationHealth, readSourceHealth } from '@herald/pipeline/health';
import type { WebDeps } from '../deps.js';
import { shown } from '../views/format.js';

export interface SourceView {
  sourceKey: string;
  position: string;
  lastPollAt: string | null;
  lastSuccessAt: string | null;
  lastPollMs: number | null;
  /** Seconds since the last successful poll; null before the first one. */
  lagSeconds: number | null;
  lastError: string | null;
  /** Since when every poll has failed (ISO), or null while healthy. */
  failingSince: string | null;
  /** False until the first successful poll recorded the baseline (the position is then "—"). */
  baselined: boolean;
}

/** A destination as pages show it: by label only, never its webhook URL or channel target. */
export interface DestinationView {
  id: number;
  label: string;
  kind: string;
  status: string;
  quarantineReason: string | null;
  quarantinedAt: string | null;
  failureStreak: number;
  lastError: string | null;
}

export async function listSources(db: Queryable, now = new Date()): Promise<SourceView[]> {
  return (await readSourceHealth(db, now)).map((r) => ({
    ...r,
    position: r.position.toString(),
    lastPollAt: r.lastPollAt?.toISOString() ?? null,
    lastSuccessAt: r.lastSuccessAt?.toISOString() ?? null,
    lastError: shown(r.lastError),
    failingSince: r.failingSince?.toISOString() ?? null,
  }));
}

export async function listDestinations(db: Queryable): Promise<DestinationView[]> {
  return (await readDestinationHealth(db)).map((r) => ({
    ...r,
    label: shown(r.label) ?? '',
    quarantineReason: shown(r.quarantineReason),
    quarantinedAt: r.quarantinedAt?.toISOString() ?? null,
    lastError: shown(r.lastError),
  }));
}

/**
 * The invalid Discord request budget all notifiers share through Redis (count in the window, thresholds,
 * normal/slowed/paused); null before any notifier has counted. Read over the queues' connection and prefix.
 */
export async function readDiscordBudget(queues: WebDeps['queues']): Promise<InvalidBudgetReading | null> {
  const queue = Object.values(queues)[0];
  if (!queue) return null;
  // The queues run on the ioredis connection main.ts made (BullMQ types it as its own client interface).
  const redis = (await queue.backend.connection.client) as unknown as Parameters<typeof readInvalidRequestBudget>[0];
  return readInvalidRequestBudget(redis, queue.opts.prefix ?? 'bull');
}

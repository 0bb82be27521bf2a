import type { Queryable } from '@herald/db/sql';
import type { Activity } from './activity.js';
import type { DestinationView, SourceView } from './overview.js';

/** green: nothing to do; amber: look when you can; red: something is stuck or failing. */
export type Health = 'ok' | 'warn' | 'bad';

/** A count that stops at `CountCap` (shown as "10,000+"): counting a huge backlog exactly on every refresh would cost more than it tells. */
export interface CappedCount {
  count: number;
  capped: boolean;
}

export interface SourceLag {
  sourceKey: string;
  lagSeconds: number | null;
  failing: boolean;
  health: Health;
}

/** The row at the top of the dashboard. */
export interface Summary {
  /** Events recorded and deliveries made in the last 24 hourly buckets (the charts' hours). */
  events24h: number;
  delivered24h: number;
  pending: CappedCount & { oldestSeconds: number | null; health: Health };
  dead: CappedCount & { health: Health };
  quarantined: { count: number; health: Health };
  paused: { count: number; health: Health };
  sources: SourceLag[];
}

export const CountCap = 10_000;
/** A delivery still pending after this long is stuck (Discord retries and batching take seconds). */
export const PendingStuckSeconds = 300;
/** A source whose last successful poll is older than this is behind (the slowest default poll interval is 60 s). */
export const SourceLagWarnSeconds = 180;

async function cappedCount(db: Queryable, statuses: string[]): Promise<CappedCount> {
  // Reads at most CountCap + 1 entries of deliveries_status_event_id_idx, whatever the history.
  const { rows } = await db.query<{ n: bigint }>(
    'SELECT count(*) AS n FROM (SELECT 1 FROM deliveries WHERE status = ANY($1::text[]) LIMIT $2) s',
    [statuses, CountCap + 1],
  );
  const n = Number(rows[0]?.n ?? 0);
  return { count: Math.min(n, CountCap), capped: n > CountCap };
}

async function oldestPendingSeconds(db: Queryable, now: Date): Promise<number | null> {
  // Per destination, the first open delivery from the partial index deliveries_open_by_destination_idx.
  const { rows } = await db.query<{ oldest: Date | null }>(
    `SELECT min(o.created_at) AS oldest FROM destinations dest
     CROSS JOIN LATERAL (SELECT d.created_at FROM deliveries d
                         WHERE d.destination_id = dest.id AND d.status IN ('pending', 'sending') ORDER BY d.event_id LIMIT 1) o`,
  );
  const oldest = rows[0]?.oldest;
  return oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : null;
}

function sourceHealth(s: SourceView): Health {
  if (s.failingSince !== null || s.lastError !== null) return 'bad';
  if (s.lagSeconds === null || s.lagSeconds > SourceLagWarnSeconds) return 'warn';
  return 'ok';
}

export async function readSummary(
  db: Queryable,
  input: { activity: Activity; sources: SourceView[]; destinations: DestinationView[]; now?: Date },
): Promise<Summary> {
  const now = input.now ?? new Date();
  const [pending, dead, oldest] = await Promise.all([cappedCount(db, ['pending', 'sending']), cappedCount(db, ['dead']), oldestPendingSeconds(db, now)]);
  const quarantined = input.destinations.filter((d) => d.status === 'quarantined').length;
  const paused = input.destinations.filter((d) => d.status === 'paused').length;
  const pendingHealth: Health = pending.count === 0 ? 'ok' : oldest !== null && oldest > PendingStuckSeconds ? 'bad' : 'warn';
  return {
    events24h: input.activity.hours.reduce((n, h) => n + h.events, 0),
    delivered24h: input.activity.hours.reduce((n, h) => n + h.delivered, 0),
    pending: { ...pending, oldestSeconds: oldest, health: pendingHealth },
    dead: { ...dead, health: dead.count > 0 ? 'bad' : 'ok' },
    quarantined: { count: quarantined, health: quarantined > 0 ? 'bad' : 'ok' },
    paused: { count: paused, health: paused > 0 ? 'warn' : 'ok' },
    sources: input.sources.map((s) => ({ sourceKey: s.sourceKey, lagSeconds: s.lagSeconds, failing: s.failingSince !== null || s.lastError !== null, health: sourceHealth(s) })),
  };
}

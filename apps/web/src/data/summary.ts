import type { Queryable } from '@herald/db/sql';
import { DestinationStatus } from '@herald/db/statuses';
import type { Activity } from './activity.js';
import type { DestinationView, SourceView } from './overview.js';

/** green: nothing to do; amber: look when you can; red: something is stuck or failing. */
export type Health = 'ok' | 'warn' | 'bad';
/** A tile's state: a Health, or `held` (calm): waiting on purpose, because an operator paused a destination. */
export type TileState = Health | 'held';

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

/** Deliveries a paused destination holds back (pending until an operator resumes it). */
export interface HeldBacklog extends CappedCount {
  destinationId: number;
  /** The destination's label as pages show it. */
  label: string;
}

/** The row at the top of the dashboard. */
export interface Summary {
  /** Events recorded and deliveries made in the last 24 hourly buckets (the charts' hours). */
  events24h: number;
  delivered24h: number;
  /**
   * Deliveries owed to destinations that are not paused, the oldest of them, and their state; those a
   * paused destination holds are apart (`held`, the operator's choice), never a problem by themselves.
   */
  pending: CappedCount & { oldestSeconds: number | null; health: TileState; held: HeldBacklog[] };
  dead: CappedCount & { health: Health };
  quarantined: { count: number; health: Health };
  paused: { count: number; health: TileState };
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

/** Open deliveries of destinations that are not paused, read through deliveries_open_by_destination_idx: at most CountCap + 1 entries. */
async function pendingNotHeld(db: Queryable): Promise<CappedCount> {
  const { rows } = await db.query<{ n: bigint }>(
    `SELECT count(*) AS n FROM (
       SELECT 1 FROM destinations dest
       CROSS JOIN LATERAL (SELECT 1 FROM deliveries d WHERE d.destination_id = dest.id AND d.status IN ('pending', 'sending') LIMIT $1) o
       WHERE dest.status <> $2 LIMIT $1) s`,
    [CountCap + 1, DestinationStatus.paused],
  );
  const n = Number(rows[0]?.n ?? 0);
  return { count: Math.min(n, CountCap), capped: n > CountCap };
}

/** Per paused destination, its open deliveries (CountCap + 1 index entries at most each). */
async function heldBacklogs(db: Queryable, paused: readonly DestinationView[]): Promise<HeldBacklog[]> {
  if (paused.length === 0) return [];
  const { rows } = await db.query<{ id: number; n: bigint }>(
    `SELECT dest.id, (SELECT count(*) FROM (SELECT 1 FROM deliveries d
                      WHERE d.destination_id = dest.id AND d.status IN ('pending', 'sending') LIMIT $2) o) AS n
     FROM destinations dest WHERE dest.id = ANY($1::int[]) ORDER BY dest.id`,
    [paused.map((d) => d.id), CountCap + 1],
  );
  const labels = new Map(paused.map((d) => [d.id, d.label]));
  return rows
    .map((r) => ({ destinationId: r.id, label: labels.get(r.id) ?? `#${r.id}`, count: Math.min(Number(r.n), CountCap), capped: Number(r.n) > CountCap }))
    .filter((h) => h.count > 0);
}

async function oldestPendingSeconds(db: Queryable, now: Date): Promise<number | null> {
  // Per destination that is not paused, the first open delivery from the partial index deliveries_open_by_destination_idx.
  const { rows } = await db.query<{ oldest: Date | null }>(
    `SELECT min(o.created_at) AS oldest FROM destinations dest
     CROSS JOIN LATERAL (SELECT d.created_at FROM deliveries d
                         WHERE d.destination_id = dest.id AND d.status IN ('pending', 'sending') ORDER BY d.event_id LIMIT 1) o
     WHERE dest.status <> $1`,
    [DestinationStatus.paused],
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
  const paused = input.destinations.filter((d) => d.status === DestinationStatus.paused);
  const [pending, held, dead, oldest] = await Promise.all([pendingNotHeld(db), heldBacklogs(db, paused), cappedCount(db, ['dead']), oldestPendingSeconds(db, now)]);
  const quarantined = input.destinations.filter((d) => d.status === DestinationStatus.quarantined).length;
  // Quarantined destinations' backlogs count: Discord refused them, which is a problem, not a choice.
  const pendingHealth: TileState =
    pending.count > 0 ? (oldest !== null && oldest > PendingStuckSeconds ? 'bad' : 'warn') : held.length > 0 ? 'held' : 'ok';
  return {
    events24h: input.activity.hours.reduce((n, h) => n + h.events, 0),
    delivered24h: input.activity.hours.reduce((n, h) => n + h.delivered, 0),
    pending: { ...pending, oldestSeconds: oldest, health: pendingHealth, held },
    dead: { ...dead, health: dead.count > 0 ? 'bad' : 'ok' },
    quarantined: { count: quarantined, health: quarantined > 0 ? 'bad' : 'ok' },
    paused: { count: paused.length, health: paused.length > 0 ? 'held' : 'ok' },
    sources: input.sources.map((s) => ({ sourceKey: s.sourceKey, lagSeconds: s.lagSeconds, failing: s.failingSince !== null || s.lastError !== null, health: sourceHealth(s) })),
  };
}

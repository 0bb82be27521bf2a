import type { Queryable } from '@herald/db/sql';

/** How a source's polling is going, as the dashboard and the bot's /status show it. */
export interface SourceHealth {
  sourceKey: string;
  /** Where the cursor is; 0 before the baseline (see `baselined`). */
  position: bigint;
  /** False until the first successful poll recorded the baseline. */
  baselined: boolean;
  lastPollAt: Date | null;
  lastSuccessAt: Date | null;
  lastPollMs: number | null;
  /** Seconds since the last successful poll; null before the first one. */
  lagSeconds: number | null;
  lastError: string | null;
  /** The last poll failed (also true for a source that has never polled successfully and is failing). */
  failing: boolean;
  /** Since when every poll has failed; null while healthy. */
  failingSince: Date | null;
}

/** A destination by label only: never its target (a webhook URL carries its token). */
export interface DestinationHealth {
  id: number;
  label: string;
  kind: string;
  status: string;
  quarantineReason: string | null;
  quarantinedAt: Date | null;
  failureStreak: number;
  lastError: string | null;
}

export async function readSourceHealth(db: Queryable, now = new Date()): Promise<SourceHealth[]> {
  const { rows } = await db.query<{
    source_key: string;
    position: bigint | null;
    last_poll_at: Date | null;
    last_success_at: Date | null;
    last_poll_ms: number | null;
    last_error: string | null;
    failing_since: Date | null;
  }>('SELECT source_key, position, last_poll_at, last_success_at, last_poll_ms, last_error, failing_since FROM source_cursors ORDER BY source_key');
  return rows.map((r) => ({
    sourceKey: r.source_key,
    position: r.position ?? 0n,
    baselined: r.position !== null,
    lastPollAt: r.last_poll_at,
    lastSuccessAt: r.last_success_at,
    lastPollMs: r.last_poll_ms,
    lagSeconds: r.last_success_at ? (now.getTime() - r.last_success_at.getTime()) / 1000 : null,
    lastError: r.last_error,
    failing: r.last_error !== null,
    failingSince: r.failing_since,
  }));
}

export async function readDestinationHealth(db: Queryable): Promise<DestinationHealth[]> {
  const { rows } = await db.query<{
    id: number;
    label: string;
    kind: string;
    status: string;
    quarantine_reason: string | null;
    quarantined_at: Date | null;
    failure_streak: number;
    last_error: string | null;
  }>('SELECT id, label, kind, status, quarantine_reason, quarantined_at, failure_streak, last_error FROM destinations ORDER BY id');
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    kind: r.kind,
    status: r.status,
    quarantineReason: r.quarantine_reason,
    quarantinedAt: r.quarantined_at,
    failureStreak: r.failure_streak,
    lastError: r.last_error,
  }));
}

/** Deliveries not yet made (pending, or in flight). */
export async function countOpenDeliveries(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: bigint }>(`SELECT count(*) AS n FROM deliveries WHERE status IN ('pending', 'sending')`);
  return Number(rows[0]?.n ?? 0);
}

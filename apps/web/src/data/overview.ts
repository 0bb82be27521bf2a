import type { Queryable } from '@herald/db/sql';
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

interface SourceRow {
  source_key: string;
  position: bigint;
  last_poll_at: Date | null;
  last_success_at: Date | null;
  last_poll_ms: number | null;
  last_error: string | null;
}

interface DestinationRow {
  id: number;
  label: string;
  kind: string;
  status: string;
  quarantine_reason: string | null;
  quarantined_at: Date | null;
  failure_streak: number;
  last_error: string | null;
}

export async function listSources(db: Queryable, now = new Date()): Promise<SourceView[]> {
  const { rows } = await db.query<SourceRow>(
    'SELECT source_key, position, last_poll_at, last_success_at, last_poll_ms, last_error FROM source_cursors ORDER BY source_key',
  );
  return rows.map((r) => ({
    sourceKey: r.source_key,
    position: r.position.toString(),
    lastPollAt: r.last_poll_at?.toISOString() ?? null,
    lastSuccessAt: r.last_success_at?.toISOString() ?? null,
    lastPollMs: r.last_poll_ms,
    lagSeconds: r.last_success_at ? (now.getTime() - r.last_success_at.getTime()) / 1000 : null,
    lastError: shown(r.last_error),
  }));
}

export async function listDestinations(db: Queryable): Promise<DestinationView[]> {
  // Never `target`: it is the webhook URL with its token.
  const { rows } = await db.query<DestinationRow>(
    `SELECT id, label, kind, status, quarantine_reason, quarantined_at, failure_streak, last_error
     FROM destinations ORDER BY id`,
  );
  return rows.map((r) => ({
    id: r.id,
    label: shown(r.label) ?? '',
    kind: r.kind,
    status: r.status,
    quarantineReason: shown(r.quarantine_reason),
    quarantinedAt: r.quarantined_at?.toISOString() ?? null,
    failureStreak: r.failure_streak,
    lastError: shown(r.last_error),
  }));
}

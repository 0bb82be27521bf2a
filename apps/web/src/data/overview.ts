import type { Queryable } from '@herald/db/sql';
import { readDestinationHealth, readSourceHealth } from '@herald/pipeline/health';
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

export async function listSources(db: Queryable, now = new Date()): Promise<SourceView[]> {
  return (await readSourceHealth(db, now)).map((r) => ({
    ...r,
    position: r.position.toString(),
    lastPollAt: r.lastPollAt?.toISOString() ?? null,
    lastSuccessAt: r.lastSuccessAt?.toISOString() ?? null,
    lastError: shown(r.lastError),
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

import type { Db } from '@herald/db';
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

export async function listSources(db: Db, now = new Date()): Promise<SourceView[]> {
  const rows = await db.sourceCursor.findMany({
    orderBy: { sourceKey: 'asc' },
    select: { sourceKey: true, position: true, lastPollAt: true, lastSuccessAt: true, lastPollMs: true, lastError: true },
  });
  return rows.map((r) => ({
    sourceKey: r.sourceKey,
    position: r.position.toString(),
    lastPollAt: r.lastPollAt?.toISOString() ?? null,
    lastSuccessAt: r.lastSuccessAt?.toISOString() ?? null,
    lastPollMs: r.lastPollMs,
    lagSeconds: r.lastSuccessAt ? (now.getTime() - r.lastSuccessAt.getTime()) / 1000 : null,
    lastError: shown(r.lastError),
  }));
}

export async function listDestinations(db: Db): Promise<DestinationView[]> {
  const rows = await db.destination.findMany({
    orderBy: { id: 'asc' },
    select: { id: true, label: true, kind: true, status: true, quarantineReason: true, quarantinedAt: true, failureStreak: true, lastError: true },
  });
  return rows.map((r) => ({
    ...r,
    label: shown(r.label) ?? '',
    quarantineReason: shown(r.quarantineReason),
    quarantinedAt: r.quarantinedAt?.toISOString() ?? null,
    lastError: shown(r.lastError),
  }));
}

import { DestinationStatus } from '@herald/db/statuses';
import type { Queryable } from '@herald/db/sql';

export interface DestinationSpec {
  /** Stable name from configuration, e.g. "servatrice-default". */
  key: string;
  kind: 'webhook' | 'channel';
  /** The webhook URL (a secret: stored for the notifier, never rendered) or the channel id. */
  target: string;
  /** What pages and logs show instead of the target. */
  label: string;
}

/**
 * Makes the destinations table match configuration. A quarantined destination whose target
 * changed is released: the operator has supplied new credentials, so it deserves a new try.
 * A paused one stays paused whatever changed: only an operator's resume ends a pause.
 */
export async function syncDestinations(db: Queryable, specs: DestinationSpec[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const spec of specs) {
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO destinations (key, kind, target, label, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, target = excluded.target, label = excluded.label, updated_at = now(),
         status = CASE WHEN destinations.status <> 'paused' AND (destinations.target <> excluded.target OR destinations.kind <> excluded.kind) THEN 'active'
           ELSE destinations.status END,
         quarantine_reason = CASE WHEN destinations.target <> excluded.target THEN NULL ELSE destinations.quarantine_reason END,
         quarantined_at = CASE WHEN destinations.target <> excluded.target THEN NULL ELSE destinations.quarantined_at END,
         retry_at = CASE WHEN destinations.target <> excluded.target THEN NULL ELSE destinations.retry_at END,
         failure_streak = CASE WHEN destinations.target <> excluded.target THEN 0 ELSE destinations.failure_streak END
       RETURNING id`,
      [spec.key, spec.kind, spec.target, spec.label],
    );
    ids.set(spec.key, rows[0]!.id);
  }
  return ids;
}

/** What an operator's pause or resume did: changed it, or why not (no such destination, or its status did not allow it). */
export type DestinationChange = { kind: 'changed' } | { kind: 'not-found' } | { kind: 'conflict'; status: string };

async function changeStatus(db: Queryable, id: number, from: DestinationStatus[], set: string, values: unknown[]): Promise<DestinationChange> {
  const updated = await db.query(`UPDATE destinations SET ${set}, updated_at = now() WHERE id = $1 AND status = ANY($2::text[])`, [id, from, ...values]);
  if (updated.rowCount !== 0) return { kind: 'changed' };
  const { rows } = await db.query<{ status: string }>('SELECT status FROM destinations WHERE id = $1', [id]);
  return rows[0] ? { kind: 'conflict', status: rows[0].status } : { kind: 'not-found' };
}

/**
 * Pauses an active destination: the delivery engine sends it nothing (not even status-message
 * edits), and its deliveries stay pending, in order, until `resumeDestination`. Nothing is
 * dead-lettered or retried meanwhile, and no configuration sync ends the pause.
 */
export function pauseDestination(db: Queryable, id: number): Promise<DestinationChange> {
  return changeStatus(db, id, [DestinationStatus.active], 'status = $3', [DestinationStatus.paused]);
}

/**
 * Makes a paused or quarantined destination active again, with its quarantine and backoff
 * cleared. Its pending deliveries go out once the outbox is reconciled (`reconcileOutbox`
 * re-enqueues what active destinations are owed), oldest first.
 */
export function resumeDestination(db: Queryable, id: number): Promise<DestinationChange> {
  return changeStatus(
    db,
    id,
    [DestinationStatus.paused, DestinationStatus.quarantined],
    'status = $3, quarantine_reason = NULL, quarantined_at = NULL, failure_streak = 0, retry_at = NULL',
    [DestinationStatus.active],
  );
}

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
 */
export async function syncDestinations(db: Queryable, specs: DestinationSpec[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const spec of specs) {
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO destinations (key, kind, target, label, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, target = excluded.target, label = excluded.label, updated_at = now(),
         status = CASE WHEN destinations.target <> excluded.target OR destinations.kind <> excluded.kind THEN 'active' ELSE destinations.status END,
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

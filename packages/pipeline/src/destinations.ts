import type { Db } from '@herald/db';
import { DestinationStatus } from '@herald/db';

export interface DestinationSpec {
  /** Stable name from configuration, e.g. "servatrice-default". */
  key: string;
  kind: 'webhook';
  /** The webhook URL. Secret: stored for the notifier, never rendered. */
  target: string;
  /** What pages and logs show instead of the target. */
  label: string;
}

/**
 * Makes the destinations table match configuration. A quarantined destination whose target
 * changed is released: the operator has supplied new credentials, so it deserves a new try.
 */
export async function syncDestinations(db: Db, specs: DestinationSpec[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const spec of specs) {
    const existing = await db.destination.findUnique({ where: { key: spec.key } });
    if (!existing) {
      const created = await db.destination.create({ data: { key: spec.key, kind: spec.kind, target: spec.target, label: spec.label } });
      ids.set(spec.key, created.id);
      continue;
    }
    const changed = existing.target !== spec.target || existing.kind !== spec.kind;
    await db.destination.update({
      where: { id: existing.id },
      data: {
        kind: spec.kind,
        target: spec.target,
        label: spec.label,
        ...(changed
          ? { status: DestinationStatus.active, quarantineReason: null, quarantinedAt: null, retryAt: null, failureStreak: 0 }
          : {}),
      },
    });
    ids.set(spec.key, existing.id);
  }
  return ids;
}

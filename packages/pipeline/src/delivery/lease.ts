import type { Queryable } from '@herald/db/sql';

/**
 * A lease on a destination in Postgres: only its holder sends to that destination, so order holds
 * even with several notifier replicas. It expires on its own if the holder dies.
 */
export async function acquireLease(db: Queryable, destinationId: number, owner: string, ttlMs: number): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE destinations SET lease_owner = $2, lease_until = now() + make_interval(secs => $3)
     WHERE id = $1 AND (lease_owner IS NULL OR lease_until < now() OR lease_owner = $2)`,
    [destinationId, owner, ttlMs / 1000],
  );
  return rowCount === 1;
}

export async function releaseLease(db: Queryable, destinationId: number, owner: string): Promise<void> {
  await db.query('UPDATE destinations SET lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2', [destinationId, owner]);
}

/**
 * Renews a held lease every third of its lifetime, so a slow drain (rate-limit waits) keeps it,
 * while a dead holder's lease lapses within `ttlMs` and another notifier can take over.
 */
export function keepLeaseAlive(db: Queryable, destinationId: number, owner: string, ttlMs: number, onLost: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const renew = async () => {
    try {
      if (!(await acquireLease(db, destinationId, owner, ttlMs))) onLost();
    } catch {
      // A failed renewal is retried at the next beat; the lease is still valid until it lapses.
    }
    if (!stopped) timer = setTimeout(renew, ttlMs / 3).unref();
  };
  timer = setTimeout(renew, ttlMs / 3).unref();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

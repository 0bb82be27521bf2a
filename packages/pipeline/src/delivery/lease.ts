import type { Db } from '@herald/db';

/**
 * A lease on a destination in Postgres: only its holder sends to that destination, so order holds
 * even with several notifier replicas. It expires on its own if the holder dies.
 */
export async function acquireLease(db: Db, destinationId: number, owner: string, ttlMs: number): Promise<boolean> {
  const updated = await db.$executeRaw`
    UPDATE destinations SET lease_owner = ${owner}, lease_until = now() + make_interval(secs => ${ttlMs / 1000})
    WHERE id = ${destinationId} AND (lease_owner IS NULL OR lease_until < now() OR lease_owner = ${owner})`;
  return updated === 1;
}

export async function releaseLease(db: Db, destinationId: number, owner: string): Promise<void> {
  await db.$executeRaw`UPDATE destinations SET lease_owner = NULL, lease_until = NULL WHERE id = ${destinationId} AND lease_owner = ${owner}`;
}

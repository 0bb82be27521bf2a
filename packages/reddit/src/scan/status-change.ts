import { fingerprint } from '@herald/contracts';
import type { Queryable } from '@herald/db/sql';
import type { NewEvent } from '@herald/pipeline';

/** An account's state as Reddit tells it (`/about`): alive, suspended, or deleted (404). */
export type AccountState = 'alive' | 'suspended' | 'deleted';

const eventType = { suspended: 'reddit.user.suspended', deleted: 'reddit.user.deleted', alive: 'reddit.user.resurrected' } as const;

/**
 * Moves a user to `to` in the caller's transaction: one of `suspended`/`not_found` set (never
 * both — the seed could hold both and then announced a return twice), `status_checked_at` now,
 * and when `announce`, one more status change whose event is returned (its fingerprint carries the
 * change's number, so each transition is announced once however often it is retried). A user who
 * comes back alive is due for a scan at once. Null when the user no longer exists (purged).
 */
export async function changeAccountState(tx: Queryable, name: string, from: AccountState, to: AccountState, announce: boolean): Promise<NewEvent | null> {
  const { rows } = await tx.query<{ status_changes: number; added: string }>(
    `UPDATE reddit_users SET suspended = $2, not_found = $3, status_checked_at = now(), lease_until = NULL,
       status_changes = status_changes + $4::int, due_at = CASE WHEN $2 OR $3 THEN due_at ELSE now() END
     WHERE name = $1 RETURNING status_changes, floor(extract(epoch FROM added_at))::text AS added`,
    [name, to === 'suspended', to === 'deleted', announce ? 1 : 0],
  );
  const row = rows[0];
  if (!row || !announce) return null;
  return {
    // The registration's time too: a user purged and registered again starts counting anew.
    fingerprint: fingerprint('reddit', 'user', name.toLowerCase(), row.added, row.status_changes),
    type: eventType[to],
    subject: name,
    occurredAt: new Date(),
    payload: { name, from, to },
  };
}

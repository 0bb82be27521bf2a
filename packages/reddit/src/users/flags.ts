/**
 * The user commands that change a flag of a stored user, matched in any case (seed-behaviour §3.6):
 * `unregister` / `reregister` (the seed's soft delete, `deleted` there, `unregistered` here) and
 * `hide` / `unhide` (hidden users are still scanned; the reports leave them out).
 */
import type { Queryable } from '@herald/db/sql';

/**
 * Sets `unregistered` of the user named `name` (any case). Resolves to the stored name, or undefined
 * when no user has that name. Unregistered users are no longer scanned; their comments are kept.
 */
export async function setUnregistered(db: Queryable, name: string, unregistered: boolean): Promise<string | undefined> {
  const { rows } = await db.query<{ name: string }>('UPDATE reddit_users SET unregistered = $2 WHERE lower(name) = lower($1) RETURNING name', [
    name,
    unregistered,
  ]);
  return rows[0]?.name;
}

/**
 * Sets `hidden` of the user named `name` (any case), unregistered users included (as the seed).
 * Resolves to the stored name, or undefined when no user has that name.
 */
export async function setHidden(db: Queryable, name: string, hidden: boolean): Promise<string | undefined> {
  const { rows } = await db.query<{ name: string }>('UPDATE reddit_users SET hidden = $2 WHERE lower(name) = lower($1) RETURNING name', [name, hidden]);
  return rows[0]?.name;
}

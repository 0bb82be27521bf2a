import type { Queryable } from '@herald/db/sql';

/** A row of `reddit_users` as the scanner reads it (seed-behaviour §3.3's user fields). */
export interface UserScanState {
  name: string;
  lastScanAt: Date | null;
  batchSize: number;
  /** The listing's `after` to continue from; '' to start from the newest. */
  position: string;
  isNew: boolean;
  inactive: boolean;
}

type Row = { name: string; last_scan_at: Date | null; batch_size: number; position: string; is_new: boolean; inactive: boolean };
const toUser = (r: Row): UserScanState => ({ name: r.name, lastScanAt: r.last_scan_at, batchSize: r.batch_size, position: r.position, isNew: r.is_new, inactive: r.inactive });

/** Users the scanner may pick: registered, and neither suspended nor deleted (those are the resurrections watcher's). */
export const ScannableUser = 'NOT unregistered AND NOT suspended AND NOT not_found';

/**
 * Takes the most overdue scannable user (`due_at` ≤ now, oldest first) that no scanner holds, and
 * holds it for `leaseMs` (so poller processes never scan one user twice at once; a crashed
 * scanner's hold lapses). Null when nobody is due.
 */
export async function claimDueUser(db: Queryable, leaseMs: number): Promise<UserScanState | null> {
  const { rows } = await db.query<Row>(
    `UPDATE reddit_users SET lease_until = now() + $1 * interval '1 millisecond'
     WHERE name = (
       SELECT name FROM reddit_users
       WHERE ${ScannableUser} AND due_at <= now() AND (lease_until IS NULL OR lease_until < now())
       ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING name, last_scan_at, batch_size, position, is_new, inactive`,
    [leaseMs],
  );
  return rows[0] ? toUser(rows[0]) : null;
}

/** When the next user falls due (null: nobody is scannable), so an idle scanner knows how long to rest. */
export async function nextDueAt(db: Queryable): Promise<Date | null> {
  const { rows } = await db.query<{ due: Date | null }>(`SELECT min(due_at) AS due FROM reddit_users WHERE ${ScannableUser}`);
  return rows[0]?.due ?? null;
}

/** Gives a user back after a failed scan: nothing else changes (the seed's "retry without advancing"), due again after `retryMs`. */
export async function releaseUser(db: Queryable, name: string, retryMs: number): Promise<void> {
  await db.query(`UPDATE reddit_users SET lease_until = NULL, due_at = now() + $2 * interval '1 millisecond' WHERE name = $1`, [name, retryMs]);
}

/** Gives back a user claimed but not scanned (the scanner began resting meanwhile): only the hold goes, its due time stays. */
export async function giveBackUnscanned(db: Queryable, name: string): Promise<void> {
  await db.query('UPDATE reddit_users SET lease_until = NULL WHERE name = $1', [name]);
}

/**
 * Renews a scanner's hold on `name` every third of `leaseMs` until stopped, so a visit waiting for
 * the budget keeps its user while a dead scanner's user is free within `leaseMs`. A hold already
 * given back (lease_until NULL) is left alone.
 */
export function keepHolding(db: Queryable, name: string, leaseMs: number): () => void {
  const timer = setInterval(() => {
    db.query(`UPDATE reddit_users SET lease_until = now() + $2 * interval '1 millisecond' WHERE name = $1 AND lease_until IS NOT NULL`, [name, leaseMs]).catch(() => undefined);
  }, Math.max(10, Math.floor(leaseMs / 3)));
  timer.unref();
  return () => clearInterval(timer);
}

/** What the `info` and `karma` commands read about a tracked (registered) user (seed-behaviour §3.6). */
import type { Queryable } from '@herald/db/sql';

export interface TrackedUser {
  /** Reddit's canonical case. */
  name: string;
  /** The account's creation; null when Reddit did not say (suspended accounts). */
  createdAt: Date | null;
  addedAt: Date;
  hidden: boolean;
  suspended: boolean;
  /** Deleted on Reddit (`/about` answered 404). */
  notFound: boolean;
  inactive: boolean;
  /** Null until the first scan. */
  lastScanAt: Date | null;
  /** Not yet back-filled to the end of its listing. */
  isNew: boolean;
  /** The Discord user id who registered it, when known. */
  registeredBy: string | null;
}

/** The registered user named `name` (any case), or undefined (unknown or unregistered, as the seed's `users` view). */
export async function findTrackedUser(db: Queryable, name: string): Promise<TrackedUser | undefined> {
  const { rows } = await db.query<TrackedUser>(
    `SELECT name, created_at AS "createdAt", added_at AS "addedAt", hidden, suspended, not_found AS "notFound",
            inactive, last_scan_at AS "lastScanAt", is_new AS "isNew", registered_by AS "registeredBy"
       FROM reddit_users
      WHERE lower(name) = lower($1) AND NOT unregistered`,
    [name],
  );
  return rows[0];
}

/** Sums of the stored comments' scores: `positive` = total − negative (the seed's), so zeros count there. */
export interface Karma {
  positive: bigint;
  negative: bigint;
  total: bigint;
}

/** The karma of `author` (the stored name) over the comments Herald has stored: not Reddit's karma. */
export async function karmaOf(db: Queryable, author: string): Promise<Karma> {
  // Sums as text: bigint whatever the pool's type parsers.
  const { rows } = await db.query<{ total: string; negative: string }>(
    `SELECT COALESCE(SUM(score), 0)::text AS total, COALESCE(SUM(score) FILTER (WHERE score < 0), 0)::text AS negative
       FROM reddit_comments WHERE author = $1`,
    [author],
  );
  const total = BigInt(rows[0]?.total ?? '0');
  const negative = BigInt(rows[0]?.negative ?? '0');
  return { positive: total - negative, negative, total };
}

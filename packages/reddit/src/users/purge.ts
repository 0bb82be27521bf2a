/**
 * The seed's original `purge` (seed-behaviour §3.6, before v1.26.3): deletes tracked users for good,
 * unregistered ones included, with everything stored about them — comments (the foreign key
 * cascades), the high-score marks of those comments, and who registered them (a column of the
 * user). The seed's trigger left its high-score marks; a purged user registered again starts afresh.
 */
import type { Queryable } from '@herald/db/sql';

/** A stored user a purge would delete, or did. */
export interface PurgeTarget {
  /** As stored (Reddit's canonical case). */
  readonly name: string;
  readonly comments: number;
  /** Comments of theirs announced as high scores. */
  readonly highscores: number;
  readonly unregistered: boolean;
}

/** Keyed by lower-case name: names are matched in any case. */
export type PurgeTargets = ReadonlyMap<string, PurgeTarget>;

const TARGETS = `
  SELECT u.name, u.unregistered,
         (SELECT count(*) FROM reddit_comments c WHERE c.author = u.name)::int AS comments,
         (SELECT count(*) FROM reddit_highscores h JOIN reddit_comments c ON c.id = h.comment_id WHERE c.author = u.name)::int AS highscores
    FROM reddit_users u
   WHERE lower(u.name) = ANY($1::text[])`;

/** What `purgeUsers` would delete for these names (any case); names not stored are absent. */
export async function findPurgeTargets(db: Queryable, names: readonly string[]): Promise<PurgeTargets> {
  const { rows } = await db.query<PurgeTarget>(TARGETS, [names.map((name) => name.toLowerCase())]);
  return byLowerName(rows);
}

/**
 * Deletes the users named (any case) and everything stored about them, in one statement (so all or
 * nothing: one transaction). Resolves to what was deleted; names not stored are absent. The counts
 * are read in the same snapshot as the deletion.
 */
export async function purgeUsers(db: Queryable, names: readonly string[]): Promise<PurgeTargets> {
  const { rows } = await db.query<PurgeTarget>(
    `WITH target AS (${TARGETS}),
          marks AS (
            DELETE FROM reddit_highscores h
             USING reddit_comments c, target t
             WHERE h.comment_id = c.id AND c.author = t.name),
          users AS (
            DELETE FROM reddit_users u USING target t WHERE u.name = t.name RETURNING u.name)
     SELECT t.name, t.unregistered, t.comments, t.highscores FROM target t JOIN users USING (name)`,
    [names.map((name) => name.toLowerCase())],
  );
  return byLowerName(rows);
}

function byLowerName(rows: readonly PurgeTarget[]): PurgeTargets {
  return new Map(rows.map((row) => [row.name.toLowerCase(), row]));
}

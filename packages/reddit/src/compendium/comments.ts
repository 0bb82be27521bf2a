/**
 * The compendium's comment lists (seed-behaviour §3.8, §3.10): every negative comment of the users
 * the reports count, and every comment of one user, most downvoted first, in `limit`/`offset` pages.
 */
import type { Queryable } from '@herald/db/sql';

/** A stored comment as the pages show it. */
export interface StoredComment {
  /** Reddit's short id (no `t1_`). */
  id: string;
  /** The author's stored (canonical) name. */
  author: string;
  score: number;
  /** A path such as `/r/sub/comments/abc/title/def/` (as Reddit gave it). */
  permalink: string;
  subreddit: string;
  createdAt: Date;
  /** Reddit Markdown, as Reddit returned it (`raw_json=1`): never HTML, but may hold anything. */
  body: string;
}

/** A page of a list: at most `limit` items after skipping `offset` (both validated by the caller). */
export interface PageRequest {
  limit: number;
  offset: number;
}

const columns = `c.id, c.author, c.score, c.permalink, c.subreddit, c.created_at AS "createdAt", c.body`;

/**
 * Comments with a score below 0 of registered, non-hidden users (the seed's `users` view and its
 * hidden flag: the users the reports count), most negative first, ties by id (a stable order
 * across pages). The page's ids come from an index-only walk of reddit_comments_negative_score_idx
 * (a deep `offset` skips index entries, not table rows); only the page's rows are then read.
 * Rejects when Postgres does.
 */
export async function listNegativeComments(db: Queryable, page: PageRequest): Promise<StoredComment[]> {
  const { rows } = await db.query<StoredComment>(
    `SELECT ${columns}
       FROM (SELECT n.id, n.score
               FROM reddit_comments n JOIN reddit_users u ON u.name = n.author
              WHERE n.score < 0 AND NOT u.hidden AND NOT u.unregistered
              ORDER BY n.score, n.id
              LIMIT $1 OFFSET $2) AS p
       JOIN reddit_comments c ON c.id = p.id
      ORDER BY p.score, p.id`,
    [page.limit, page.offset],
  );
  return rows;
}

/**
 * Every stored comment of `author` (the stored name: look it up first), any score, lowest score
 * first, ties by id, through reddit_comments_author_score_idx. Rejects when Postgres does.
 */
export async function listUserComments(db: Queryable, author: string, page: PageRequest): Promise<StoredComment[]> {
  const { rows } = await db.query<StoredComment>(
    `SELECT ${columns}
       FROM (SELECT id, score FROM reddit_comments WHERE author = $1 ORDER BY score, id LIMIT $2 OFFSET $3) AS p
       JOIN reddit_comments c ON c.id = p.id
      ORDER BY p.score, p.id`,
    [author, page.limit, page.offset],
  );
  return rows;
}

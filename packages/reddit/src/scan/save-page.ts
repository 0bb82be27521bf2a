import { fingerprint } from '@herald/contracts';
import type { Queryable } from '@herald/db/sql';
import type { NewEvent } from '@herald/pipeline';
import type { RedditComment } from '../client/types.js';
import type { UserScanState } from './tracked-user.js';

/** What saving a page changed in the user's scan state (seed-behaviour §3.3, `SaveCommentsUpdateUser`). */
export interface PageOutcome {
  batchSize: number;
  position: string;
  isNew: boolean;
}

/**
 * The seed's bookkeeping after one page of a user's listing, pure: `window` is "time since the last
 * scan + max_age", the age under which comments still count as recent.
 * - `batchSize` = the page's recent comments; all of them recent (0 of 0 too) → 100 (there may be more);
 * - a new user stops being new once the listing's end was reached (`after` null);
 * - a user who is not new stops paging once older comments were reached.
 */
export function pageOutcome(user: UserScanState, comments: RedditComment[], after: string | null, nowMs: number, windowMs: number): PageOutcome {
  let position = after ?? '';
  let batchSize = comments.filter((c) => nowMs - c.createdUtc * 1000 < windowMs).length;
  const isNew = user.isNew && position !== '';
  if (!user.isNew && batchSize < comments.length) position = '';
  if (batchSize === comments.length) batchSize = 100;
  return { batchSize, position, isNew };
}

/**
 * Upserts a page's comments (score and body refreshed; permalink, subreddit and created never
 * change, as the seed) and writes the user's new scan state, in the caller's transaction.
 * `holdMs`: the scanner goes on with the next page and keeps the user that long; null lets it go.
 */
export async function savePage(tx: Queryable, user: UserScanState, comments: RedditComment[], outcome: PageOutcome, dueAt: Date, holdMs: number | null): Promise<void> {
  if (comments.length > 0) {
    await tx.query(
      `INSERT INTO reddit_comments (id, author, score, permalink, subreddit, created_at, body, scored_at)
       SELECT i, $1, s, p, sub, to_timestamp(c), b, now() FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::float8[], $7::text[]) AS x(i, s, p, sub, c, b)
       ON CONFLICT (id) DO UPDATE SET score = excluded.score, body = excluded.body, scored_at = excluded.scored_at`,
      [
        user.name,
        comments.map((c) => c.id),
        comments.map((c) => c.score),
        comments.map((c) => c.permalink),
        comments.map((c) => c.subreddit),
        comments.map((c) => c.createdUtc),
        comments.map((c) => c.body),
      ],
    );
  }
  await tx.query(
    `UPDATE reddit_users SET batch_size = $2, position = $3, is_new = $4, last_scan_at = now(), due_at = $5,
       lease_until = now() + $6::int * interval '1 millisecond' WHERE name = $1`,
    [user.name, outcome.batchSize, outcome.position, outcome.isNew, dueAt, holdMs],
  );
}

/**
 * High scores among the page's comments: a score at or below `threshold` (the seed's README says
 * "at and below"; its code compared strictly — Herald follows the README), not announced before.
 * Each is recorded in `reddit_highscores` and returned as an event, both in the caller's transaction,
 * so the announcement is written exactly when the comment is marked (the seed marked it before
 * posting and lost it when the post failed; here the outbox retries it).
 */
export async function newHighscores(tx: Queryable, author: string, comments: RedditComment[], threshold: number): Promise<NewEvent[]> {
  // Oldest first: the listing is newest first, and announcements follow the order comments were posted.
  const low = comments.filter((c) => c.score <= threshold).sort((a, b) => a.createdUtc - b.createdUtc);
  if (low.length === 0) return [];
  const { rows } = await tx.query<{ comment_id: string }>(
    `INSERT INTO reddit_highscores (comment_id, score) SELECT * FROM unnest($1::text[], $2::int[]) ON CONFLICT DO NOTHING RETURNING comment_id`,
    [low.map((c) => c.id), low.map((c) => c.score)],
  );
  const fresh = new Set(rows.map((r) => r.comment_id));
  return low
    .filter((c) => fresh.has(c.id))
    .map((c) => ({
      fingerprint: fingerprint('reddit', 'highscore', c.id),
      type: 'reddit.comment.highscore' as const,
      subject: author,
      occurredAt: new Date(c.createdUtc * 1000),
      payload: { commentId: c.id, author, score: c.score, threshold, permalink: c.permalink, subreddit: c.subreddit, createdAt: new Date(c.createdUtc * 1000).toISOString() },
    }));
}

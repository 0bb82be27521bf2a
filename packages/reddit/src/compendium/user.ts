/** A user's compendium page (`/compendium/user/<name>`, seed-behaviour §3.10). */
import type { Queryable } from '@herald/db/sql';
import type { TrackedUser } from '../users/queries.js';
import { listUserComments, type StoredComment } from './comments.js';
import { byKarma, NoStats, splitStats, splitStatsSql, type SplitStats, type SplitStatsRow } from './stats.js';

/** A subreddit's figures for one user. */
export interface SubredditStats extends SplitStats {
  subreddit: string;
}

/** A week's figures for one user: weeks start on Monday 00:00 in the time zone asked for. */
export interface WeekStats extends SplitStats {
  /** The Monday that starts the week, `YYYY-MM-DD`, in that time zone. */
  week: string;
}

export interface UserCompendium {
  user: TrackedUser;
  /** Over every stored comment of the user. */
  summary: SplitStats;
  /** Subreddits by karma ascending (the seed's "Per sub"). */
  perSub: SubredditStats[];
  /** Subreddits whose negative comments sum below 0, by that sum ascending (the seed's "Negative per sub"). */
  negativePerSub: SubredditStats[];
  /** The first `nbTop` comments by score ascending, whatever their score (the seed's "Most downvoted" at HEAD). */
  mostDownvoted: StoredComment[];
  /** Weeks with at least one comment, oldest first. */
  weeks: WeekStats[];
  /** The Monday of `now`'s week (`YYYY-MM-DD`), for a chart that ends now. */
  thisWeek: string;
}

interface GroupRow extends SplitStatsRow {
  g_sub: number;
  g_week: number;
  subreddit: string | null;
  week: string | null;
  this_week: string;
}

/**
 * Everything the user page shows about `user` (found with findTrackedUser: hidden users too), in two
 * queries run together: one pass over the user's rows of reddit_comments_author_score_idx (an
 * index-only scan) gives the totals, the subreddits and the weeks (GROUPING SETS); a second reads the
 * `nbTop` lowest scores off the same index. `timeZone` (IANA, Postgres' own tz database) decides where
 * weeks start. Rejects when Postgres does.
 */
export async function readUserCompendium(
  db: Queryable,
  user: TrackedUser,
  options: { nbTop: number; timeZone: string; now: Date },
): Promise<UserCompendium> {
  const [groups, mostDownvoted] = await Promise.all([
    db.query<GroupRow>(
      `SELECT GROUPING(c.subreddit)::int AS g_sub, GROUPING(c.week)::int AS g_week, c.subreddit, to_char(c.week, 'YYYY-MM-DD') AS week,
              ${splitStatsSql('c')},
              to_char(date_trunc('week', $3::timestamptz AT TIME ZONE $2), 'YYYY-MM-DD') AS this_week
         FROM (SELECT score, subreddit, created_at, date_trunc('week', created_at AT TIME ZONE 'UTC' AT TIME ZONE $2) AS week
                 FROM reddit_comments WHERE author = $1) AS c
        GROUP BY GROUPING SETS ((), (c.subreddit), (c.week))`,
      [user.name, options.timeZone, options.now],
    ),
    listUserComments(db, user.name, { limit: options.nbTop, offset: 0 }),
  ]);
  // GROUPING() is 1 for a column the row's set leaves out: () has both, (subreddit) has g_week, (week) has g_sub.
  const total = groups.rows.find((r) => r.g_sub === 1 && r.g_week === 1);
  const subs: SubredditStats[] = groups.rows.filter((r) => r.g_sub === 0).map((r) => ({ subreddit: r.subreddit ?? '', ...splitStats(r) }));
  const weeks: WeekStats[] = groups.rows
    .filter((r) => r.g_week === 0)
    .map((r) => ({ week: r.week ?? '', ...splitStats(r) }))
    .sort((a, b) => (a.week < b.week ? -1 : 1));
  return {
    user,
    summary: total ? splitStats(total) : NoStats,
    perSub: byKarma(subs, (s) => s.all.karma, (s) => s.subreddit),
    negativePerSub: byKarma(
      subs.filter((s) => s.negative.karma < 0),
      (s) => s.negative.karma,
      (s) => s.subreddit,
    ),
    mostDownvoted,
    weeks,
    thisWeek: total?.this_week ?? '',
  };
}

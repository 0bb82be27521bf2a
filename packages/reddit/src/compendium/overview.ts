/** The compendium's index (`/compendium`, seed-behaviour §3.10): the summary and the per-user tables. */
import type { Queryable } from '@herald/db/sql';
import { userStateSql } from '../read-model.js';
import { listNegativeComments, type StoredComment } from './comments.js';
import { byKarma, splitStats, splitStatsSql, type SplitStats, type SplitStatsRow } from './stats.js';

/** One user's figures in the index's tables. */
export interface UserStats extends SplitStats {
  /** The stored (canonical) name. */
  name: string;
}

export interface CompendiumOverview {
  /** Users not unregistered (the seed's `users` view), hidden ones included. */
  registered: number;
  /** Registered users hidden from the reports. */
  hidden: number;
  /** The registered user scanned last, and when; null before any scan. */
  lastScanned: { name: string; at: Date } | null;
  /**
   * How long ago the least recently scanned active user was scanned, in seconds: every active user
   * was read within this time, so it is how long a round of scans takes (the seed's `Usual scan ≈`,
   * which it estimated as 1 s per active user; Herald spends Reddit's request budget instead, so it
   * is measured). Null when no active user has been scanned yet.
   */
  scanRoundSeconds: number | null;
  /** Registered, non-hidden users with at least one stored comment, by karma ascending (the seed's "Karma per user"). */
  byKarma: UserStats[];
  /** The same users by the karma of their negative comments ascending; users without one last (count 0). */
  byNegativeKarma: UserStats[];
  /** The `nbTop` most negative comments of those users (score < 0). */
  mostDownvoted: StoredComment[];
}

/**
 * Everything `/compendium` shows, in four queries run together. The per-user figures aggregate every
 * stored comment (a scan of the whole table): the web app caches the result (see
 * apps/web/src/routes/page-cache.ts). `now` is the clock the scan round is measured against.
 * Rejects when Postgres does.
 */
export async function readCompendiumOverview(db: Queryable, options: { nbTop: number; now: Date }): Promise<CompendiumOverview> {
  const [counts, last, perUser, mostDownvoted] = await Promise.all([
    db.query<{ registered: number; hidden: number; round: number | null }>(
      `SELECT (count(*) FILTER (WHERE NOT unregistered))::int AS registered,
              (count(*) FILTER (WHERE hidden AND NOT unregistered))::int AS hidden,
              extract(epoch FROM $1::timestamp - min(last_scan_at) FILTER (WHERE ${userStateSql('reddit_users')} = 'active'))::float8 AS round
         FROM reddit_users`,
      [options.now],
    ),
    db.query<{ name: string; at: Date }>(
      `SELECT name, last_scan_at AS at FROM reddit_users
        WHERE NOT unregistered AND last_scan_at IS NOT NULL ORDER BY last_scan_at DESC LIMIT 1`,
    ),
    // Aggregated per author first, then joined: Postgres hashes 2,000 groups instead of joining 1,000,000 rows.
    db.query<SplitStatsRow & { name: string }>(
      `SELECT u.name, s.* FROM (SELECT c.author, ${splitStatsSql('c')} FROM reddit_comments c GROUP BY c.author) AS s
         JOIN reddit_users u ON u.name = s.author
        WHERE NOT u.hidden AND NOT u.unregistered`,
    ),
    listNegativeComments(db, { limit: options.nbTop, offset: 0 }),
  ]);
  const users: UserStats[] = perUser.rows.map((row) => ({ name: row.name, ...splitStats(row) }));
  const round = counts.rows[0]?.round ?? null;
  return {
    registered: counts.rows[0]?.registered ?? 0,
    hidden: counts.rows[0]?.hidden ?? 0,
    lastScanned: last.rows[0] ?? null,
    scanRoundSeconds: round === null ? null : Math.max(0, round),
    byKarma: byKarma(users, (u) => u.all.karma, (u) => u.name),
    // A user without negative comments has a negative karma of 0: after every user with one.
    byNegativeKarma: byKarma(users, (u) => u.negative.karma, (u) => u.name),
    mostDownvoted: mostDownvoted,
  };
}

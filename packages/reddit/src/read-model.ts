import type { Queryable } from '@herald/db/sql';

/**
 * What a tracked user is doing, one word per user (`@herald/reddit/read-model`: shared by the
 * web page, the metrics and the commands). The flags of `reddit_users` are checked in this order,
 * so every row has exactly one state and the counts add up to the number of rows:
 * - `unregistered`: soft-deleted by `unregister` (the seed's `deleted`), never scanned;
 * - `deleted`: `/about` answered 404 (the seed's `not_found`), left to the resurrections watcher;
 * - `suspended`: `/about` said `is_suspended`, left to the resurrections watcher;
 * - `new`: still back-filled through the listing (seed-behaviour §3.3), scanned first;
 * - `inactive`: no comment for `inactivity_threshold`, scanned on full scans only;
 * - `active`: scanned when due.
 * `hidden` (left out of the reports, still scanned) is a flag on top of any state, not a state.
 */
export const RedditUserStates = ['active', 'new', 'inactive', 'suspended', 'deleted', 'unregistered'] as const;
export type RedditUserState = (typeof RedditUserStates)[number];

/** The states the scheduler scans when due (inactive users wait for a full scan). */
export const ScannedStates: readonly RedditUserState[] = ['active', 'new'];

/** The flags that decide a state (the row's columns, camel-cased). */
export interface UserStateFlags {
  unregistered: boolean;
  notFound: boolean;
  suspended: boolean;
  isNew: boolean;
  inactive: boolean;
}

/** A row's state in TypeScript (the same rule as {@link userStateSql}). */
export function userState(f: UserStateFlags): RedditUserState {
  if (f.unregistered) return 'unregistered';
  if (f.notFound) return 'deleted';
  if (f.suspended) return 'suspended';
  if (f.isNew) return 'new';
  return f.inactive ? 'inactive' : 'active';
}

/** A row's state in SQL, for `reddit_users` under `alias` (the same rule as {@link userState}). */
export function userStateSql(alias = 'reddit_users'): string {
  const c = (column: string) => `${alias}.${column}`;
  return `CASE WHEN ${c('unregistered')} THEN 'unregistered' WHEN ${c('not_found')} THEN 'deleted' WHEN ${c('suspended')} THEN 'suspended'
 WHEN ${c('is_new')} THEN 'new' WHEN ${c('inactive')} THEN 'inactive' ELSE 'active' END`;
}

/** Above this many rows the comment count is Postgres' estimate (an exact count reads the whole table). */
export const ExactCommentCountUpTo = 100_000;

export interface RedditOverview {
  /** Users in each state (every state present, 0 when none). */
  users: Record<RedditUserState, number>;
  /** Hidden users that are still registered (they are also counted in their state). */
  hidden: number;
  /**
   * How overdue the most overdue user the scheduler scans when due (active or new) is, in seconds
   * (`now − min(due_at)`, 0 when none is overdue); null when there is no such user.
   */
  scanLagSeconds: number | null;
  /** That user's `due_at` (null with scanLagSeconds). */
  oldestDueAt: Date | null;
  /**
   * How the last scans went (the `reddit` row of source_cursors): the last error (redacted) and
   * since when scans fail, null when the last one succeeded; null before any scan. A failing scan
   * puts its user off for a while, so the scan lag alone would not show an outage.
   */
  scanning: { lastScanAt: Date | null; lastSuccessAt: Date | null; failingSince: Date | null; lastError: string | null } | null;
  /** Comments stored; `estimated` when above ExactCommentCountUpTo (the planner's row estimate). */
  comments: { count: number; estimated: boolean };
  /** Comments announced as high scores (`reddit_highscores`). */
  highscores: number;
}

/**
 * Counts for the Reddit page and the `herald_reddit_*` gauges, in three small queries (the users
 * table is read once; the comments table only through its statistics once it is large).
 * `now` is the clock the lag is measured against. Rejects when Postgres does.
 */
export async function readRedditOverview(db: Queryable, now = new Date()): Promise<RedditOverview> {
  const [users, comments, highscores, health] = await Promise.all([
    db.query<{ state: RedditUserState; n: number; hidden: number; oldest_due: Date | null }>(
      `SELECT ${userStateSql('u')} AS state, count(*)::int AS n, (count(*) FILTER (WHERE u.hidden))::int AS hidden, min(u.due_at) AS oldest_due
       FROM reddit_users u GROUP BY 1`,
    ),
    countComments(db),
    db.query<{ n: number }>('SELECT count(*)::int AS n FROM reddit_highscores'),
    db.query<{ last_poll_at: Date | null; last_success_at: Date | null; failing_since: Date | null; last_error: string | null }>(
      "SELECT last_poll_at, last_success_at, failing_since, last_error FROM source_cursors WHERE source_key = 'reddit'",
    ),
  ]);
  const row = health.rows[0];
  const scanning = row ? { lastScanAt: row.last_poll_at, lastSuccessAt: row.last_success_at, failingSince: row.failing_since, lastError: row.last_error } : null;
  const counts = Object.fromEntries(RedditUserStates.map((s) => [s, 0])) as Record<RedditUserState, number>;
  let hidden = 0;
  let oldestDueAt: Date | null = null;
  for (const row of users.rows) {
    counts[row.state] = row.n;
    if (row.state !== 'unregistered') hidden += row.hidden;
    if (ScannedStates.includes(row.state) && row.oldest_due && (oldestDueAt === null || row.oldest_due < oldestDueAt)) oldestDueAt = row.oldest_due;
  }
  const scanLagSeconds = oldestDueAt === null ? null : Math.max(0, (now.getTime() - oldestDueAt.getTime()) / 1000);
  return { users: counts, hidden, scanLagSeconds, oldestDueAt, scanning, comments, highscores: highscores.rows[0]?.n ?? 0 };
}

/**
 * Exact while small; above ExactCommentCountUpTo the planner's `reltuples` (kept by autovacuum's
 * ANALYZE), as the PostgreSQL wiki's "count estimate" advises: count(*) on millions of rows, every
 * metrics publish of every poller, would cost more than the scanning it reports on.
 */
async function countComments(db: Queryable): Promise<{ count: number; estimated: boolean }> {
  const estimate = await db.query<{ n: number | null }>(`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = to_regclass('reddit_comments')`);
  const rows = estimate.rows[0]?.n ?? -1;
  if (rows > ExactCommentCountUpTo) return { count: Math.round(rows), estimated: true };
  const exact = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM reddit_comments');
  return { count: exact.rows[0]?.n ?? 0, estimated: false };
}

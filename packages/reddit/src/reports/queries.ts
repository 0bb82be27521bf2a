import { withTransaction, type Queryable, type SqlPool } from '@herald/db/sql';
import type { ReportSettings } from '../pages-settings.js';
import { buildWeeklyReport, buildWeekStatistics, type ReportComment, type UserWeekStats, type WeeklyReport, type WeekStatistics } from './model.js';
import { weekWindow, type ReportWeek, type WeekWindow } from './weeks.js';

/**
 * The reports' reads (seed-behaviour §3.9), plain SQL on the `pg` pool. Who counts, everywhere:
 * registered users (`NOT unregistered`: the seed's `users` view) that are not hidden; suspended and
 * deleted accounts count (as in the seed). Windows are half-open: `created_at >= start AND < end`.
 * `reddit_comments.created_at` is UTC without a zone (Prisma's convention), so week buckets in SQL
 * convert it with `AT TIME ZONE 'UTC' AT TIME ZONE <zone>` and add the leeway first (a comment at
 * t is in the week whose window, moved back by the leeway, holds t).
 */

const counted = 'NOT u.hidden AND NOT u.unregistered';

/** The comments at or under the cutoff in the window, score ascending (then oldest first, then id). */
async function readReportComments(db: Queryable, window: WeekWindow, cutoff: number) {
  const { rows } = await db.query<Omit<ReportComment, 'number' | 'weekAverage'>>(
    `SELECT c.id, c.author, c.score, c.permalink, c.subreddit, c.created_at AS "createdAt", c.body
       FROM reddit_comments c JOIN reddit_users u ON u.name = c.author
      WHERE c.created_at >= $1 AND c.created_at < $2 AND c.score <= $3 AND ${counted}
      ORDER BY c.score, c.created_at, c.id`,
    [window.start, window.end, cutoff],
  );
  return rows;
}

/** Each author's count, sum and average over their negative comments in the window. */
async function readUserWeekStats(db: Queryable, window: WeekWindow): Promise<UserWeekStats[]> {
  const { rows } = await db.query<UserWeekStats>(
    `SELECT c.author AS name, count(*)::int AS count, sum(c.score)::int AS sum, avg(c.score)::float8 AS average
       FROM reddit_comments c JOIN reddit_users u ON u.name = c.author
      WHERE c.created_at >= $1 AND c.created_at < $2 AND c.score < 0 AND ${counted}
      GROUP BY c.author`,
    [window.start, window.end],
  );
  return rows;
}

/** Both reads in one snapshot, so the ranking and the comments agree (as the seed's one transaction). */
async function readWeek<T>(db: SqlPool, fn: (client: Queryable) => Promise<T>): Promise<T> {
  return withTransaction(db, async (client) => {
    await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    return fn(client);
  });
}

export type ReportQuerySettings = Pick<ReportSettings, 'timezone' | 'cutoff' | 'nbTop' | 'leeway'>;

/** The week's report (§3.9); `comments` is empty when there is none. Rejects when Postgres does. */
export async function readWeeklyReport(db: SqlPool, week: ReportWeek, settings: ReportQuerySettings): Promise<WeeklyReport> {
  const window = weekWindow(week, settings);
  const { comments, users } = await readWeek(db, async (client) => ({
    comments: await readReportComments(client, window, settings.cutoff),
    users: await readUserWeekStats(client, window),
  }));
  return buildWeeklyReport({ week, window, timezone: settings.timezone, cutoff: settings.cutoff, nbTop: settings.nbTop, comments, users });
}

/** The statistics page's data (every author with a negative comment in the week); `delta` is empty when none. */
export async function readWeekStatistics(db: Queryable, week: ReportWeek, settings: Pick<ReportSettings, 'timezone' | 'leeway'>): Promise<WeekStatistics> {
  const window = weekWindow(week, settings);
  return buildWeekStatistics({ week, window, timezone: settings.timezone, users: await readUserWeekStats(db, window) });
}

/** A week that has a report, with its number of report comments. */
export interface ReportIndexEntry {
  week: ReportWeek;
  comments: number;
}

/** The local week of `c.created_at` (see the module's note), as `year` and `week` columns. */
const localWeek = (leewayParam: string, zoneParam: string) => {
  const local = `((c.created_at + ${leewayParam} * interval '1 millisecond') AT TIME ZONE 'UTC' AT TIME ZONE ${zoneParam})`;
  return { year: `extract(isoyear FROM ${local})::int`, week: `extract(week FROM ${local})::int` };
};

/** Every week that has report comments, newest first, with their counts. */
export async function readReportIndex(db: Queryable, settings: Pick<ReportSettings, 'timezone' | 'cutoff' | 'leeway'>): Promise<ReportIndexEntry[]> {
  const local = localWeek('$2', '$3');
  const { rows } = await db.query<{ year: number; week: number; comments: number }>(
    `SELECT ${local.year} AS year, ${local.week} AS week, count(*)::int AS comments
       FROM reddit_comments c JOIN reddit_users u ON u.name = c.author
      WHERE c.score <= $1 AND ${counted}
      GROUP BY 1, 2
      ORDER BY 1 DESC, 2 DESC`,
    [settings.cutoff, settings.leeway, settings.timezone],
  );
  return rows.map((r) => ({ week: { year: r.year, week: r.week }, comments: r.comments }));
}

/** One user's negative karma in one week. */
export interface WeeklyKarma {
  week: ReportWeek;
  /** Sum of the user's negative scores that week (≤ 0; 0 when none). */
  sum: number;
}

/**
 * The weekly negative karma of `names` over `weeks` (consecutive, oldest first): one series per
 * name, a value for every week (0 when the user had no negative comment). Reads through the
 * (author, created_at) index.
 */
export async function readWeeklyKarma(
  db: Queryable,
  names: readonly string[],
  weeks: readonly ReportWeek[],
  settings: Pick<ReportSettings, 'timezone' | 'leeway'>,
): Promise<Map<string, WeeklyKarma[]>> {
  const series = new Map<string, WeeklyKarma[]>(names.map((name) => [name, weeks.map((week) => ({ week, sum: 0 }))]));
  const first = weeks[0];
  const last = weeks.at(-1);
  if (names.length === 0 || first === undefined || last === undefined) return series;
  const from = weekWindow(first, settings).start;
  const to = weekWindow(last, settings).end;
  const local = localWeek('$4', '$5');
  const { rows } = await db.query<{ name: string; year: number; week: number; sum: number }>(
    `SELECT c.author AS name, ${local.year} AS year, ${local.week} AS week, sum(c.score)::int AS sum
       FROM reddit_comments c
      WHERE c.author = ANY($1::text[]) AND c.created_at >= $2 AND c.created_at < $3 AND c.score < 0
      GROUP BY 1, 2, 3`,
    [names, from, to, settings.leeway, settings.timezone],
  );
  const position = new Map(weeks.map((w, i) => [`${w.year}/${w.week}`, i]));
  for (const row of rows) {
    const i = position.get(`${row.year}/${row.week}`);
    const values = series.get(row.name);
    if (i !== undefined && values) values[i] = { week: values[i]!.week, sum: row.sum };
  }
  return series;
}

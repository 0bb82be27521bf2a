import type { StoredComment } from '../compendium/comments.js';
import type { ReportWeek, WeekWindow } from './weeks.js';

/**
 * The weekly report as data (seed-behaviour §3.9), built from two reads of one week: the comments
 * at or under the cutoff, and every author's statistics over their negative comments. Pure: the
 * queries are in queries.ts, the renderings in source.ts (Markdown) and apps/web (HTML).
 */

/** One author's figures over their NEGATIVE comments (score < 0) of the week. */
export interface UserWeekStats {
  name: string;
  /** Negative comments. */
  count: number;
  /** Their total score (≤ −1): the week's "karma change". */
  sum: number;
  /** sum ÷ count, unrounded; pages show `roundScore` of it. */
  average: number;
}

/** Sums over a set of users' negative comments (the seed's `Global`). */
export interface WeekTotals {
  count: number;
  sum: number;
  /** sum ÷ count, unrounded; null when there is no comment. */
  average: number | null;
}

/** A comment of the report, as stored, numbered from 1 in report order (score ascending). */
export interface ReportComment extends StoredComment {
  number: number;
  /**
   * The author's average score per negative comment over the week (unrounded). Herald takes it from
   * the author's own figures; the seed looked it up among the users ranked (sum < cutoff), so an
   * author whose week summed to the cutoff exactly (one −50 comment) showed `0 week average`. Null
   * only when the author has no negative comment in the week (possible with a cutoff of 0): shown `—`.
   */
  weekAverage: number | null;
}

export interface WeeklyReport {
  week: ReportWeek;
  window: WeekWindow;
  /** IANA zone the dates are shown in. */
  timezone: string;
  cutoff: number;
  /** Score ascending; ties oldest first, then by id, so the numbering is stable. */
  comments: ReportComment[];
  /** Over the users ranked (week sum strictly under the cutoff, as the seed). */
  totals: WeekTotals;
  /** "Top N total negative karma change": the ranked users by sum ascending, the first `nbTop`. */
  delta: UserWeekStats[];
  /** "Top N lowest average karma per comment": the ranked users by average ascending, the first `nbTop`. */
  average: UserWeekStats[];
}

/** The statistics page: every author with a negative comment in the week, unfiltered and unlimited. */
export interface WeekStatistics {
  week: ReportWeek;
  window: WeekWindow;
  timezone: string;
  totals: WeekTotals;
  /** By sum ascending (ties by name). */
  delta: UserWeekStats[];
  /** By average ascending (ties in `delta`'s order). */
  average: UserWeekStats[];
}

/** Go's `math.Round` (halves away from zero: −2.5 → −3), which the seed shows averages with; JS rounds −2.5 to −2. Never −0. */
export function roundScore(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value)) || 0;
}

export function totalsOf(users: readonly UserWeekStats[]): WeekTotals {
  const count = users.reduce((n, u) => n + u.count, 0);
  const sum = users.reduce((n, u) => n + u.sum, 0);
  return { count, sum, average: count === 0 ? null : sum / count };
}

const bySum = (a: UserWeekStats, b: UserWeekStats) => a.sum - b.sum || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Users by sum ascending, then by name (code-unit order): one order whatever the database returned. */
export function rankBySum(users: readonly UserWeekStats[]): UserWeekStats[] {
  return [...users].sort(bySum);
}

/**
 * Users by average ascending. Ties keep the sum order (the seed's sort was unstable: equal
 * averages could swap between two loads of the same page).
 */
export function rankByAverage(users: readonly UserWeekStats[]): UserWeekStats[] {
  return rankBySum(users).sort((a, b) => a.average - b.average);
}

export interface ReportInput {
  week: ReportWeek;
  window: WeekWindow;
  timezone: string;
  cutoff: number;
  nbTop: number;
  /** The comments at or under the cutoff, in report order, without numbers nor averages. */
  comments: ReadonlyArray<Omit<ReportComment, 'number' | 'weekAverage'>>;
  /** Every author's figures over their negative comments of the week. */
  users: readonly UserWeekStats[];
}

/** Assembles the report (§3.9): ranks the users whose week sum is strictly under the cutoff. */
export function buildWeeklyReport(input: ReportInput): WeeklyReport {
  const byName = new Map(input.users.map((u) => [u.name, u]));
  const ranked = rankBySum(input.users.filter((u) => u.sum < input.cutoff));
  return {
    week: input.week,
    window: input.window,
    timezone: input.timezone,
    cutoff: input.cutoff,
    comments: input.comments.map((c, i) => ({ ...c, number: i + 1, weekAverage: byName.get(c.author)?.average ?? null })),
    totals: totalsOf(ranked),
    delta: ranked.slice(0, input.nbTop),
    average: rankByAverage(ranked).slice(0, input.nbTop),
  };
}

/** The statistics page's data: all authors, both orders. */
export function buildWeekStatistics(input: Omit<ReportInput, 'comments' | 'cutoff' | 'nbTop'>): WeekStatistics {
  return {
    week: input.week,
    window: input.window,
    timezone: input.timezone,
    totals: totalsOf(input.users),
    delta: rankBySum(input.users),
    average: rankByAverage(input.users),
  };
}

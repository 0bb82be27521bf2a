import { DateTime } from 'luxon';

/**
 * ISO weeks of the weekly reports (seed-behaviour §3.9 "Week → dates"), with luxon: ISO week-years,
 * IANA zones and calendar arithmetic across DST changes are what it is for.
 *
 * Fixed from the seed: the window is HALF-OPEN, [Monday 00:00, next Monday 00:00), so a comment at
 * exactly Monday 00:00 belongs to one week only (the seed's SQL `BETWEEN` put it in two); week
 * numbers are checked against the year (1–52 or 1–53), where the seed accepted 1–255 and rolled
 * weeks 54+ into the next year (§3.8, §3.14).
 */

/** An ISO 8601 week: `year` is the ISO week-year (2021-01-03 is in week 53 of 2020). */
export interface ReportWeek {
  year: number;
  week: number;
}

/** What a report covers: [start, end) instants, already shifted back by the leeway. */
export interface WeekWindow {
  start: Date;
  end: Date;
}

/** Years a report may ask for: before Reddit (2005) nothing exists, but nothing breaks either. */
export const MinReportYear = 1970;
export const MaxReportYear = 9999;

/** A week asked for that does not exist, with the text to answer (the seed's where it had one). */
export class ReportWeekError extends Error {
  override readonly name = 'ReportWeekError';
}

/** Go's `strconv.Atoi` accepts an optional sign and decimal digits only (the seed's parsing). */
const integer = /^[+-]?\d+$/;

/** The number of ISO weeks of a week-year: 53 when it starts on a Thursday (or a leap year on Wednesday), else 52. */
export function isoWeeksInYear(year: number): number {
  return DateTime.fromObject({ weekYear: year, weekNumber: 1, weekday: 1 }, { zone: 'UTC' }).weeksInWeekYear;
}

/**
 * Parses the `<year>/<week>` of a report URL or the CLI's `--week`. Throws ReportWeekError with
 * `Year must be a valid number.` / `Week must be a valid number.` (the seed's texts), `Year must be
 * between 1970 and 9999.`, or `Week must be between 1 and 52 for 2019.` (53 in a 53-week year).
 */
export function parseReportWeek(yearText: string, weekText: string): ReportWeek {
  if (!integer.test(yearText)) throw new ReportWeekError('Year must be a valid number.');
  if (!integer.test(weekText)) throw new ReportWeekError('Week must be a valid number.');
  const year = Number(yearText);
  const week = Number(weekText);
  if (year < MinReportYear || year > MaxReportYear) throw new ReportWeekError(`Year must be between ${MinReportYear} and ${MaxReportYear}.`);
  const weeks = isoWeeksInYear(year);
  if (week < 1 || week > weeks) throw new ReportWeekError(`Week must be between 1 and ${weeks} for ${year}.`);
  return { year, week };
}

/**
 * The instants a week's report covers in `timezone` (IANA): from its Monday 00:00 local time to the
 * next Monday 00:00 local time (7 calendar days: 167 or 169 hours across a DST change), both moved
 * back by `leeway` milliseconds (the seed's deprecated `report.leeway`).
 */
export function weekWindow(week: ReportWeek, settings: { timezone: string; leeway: number }): WeekWindow {
  const monday = DateTime.fromObject({ weekYear: week.year, weekNumber: week.week, weekday: 1 }, { zone: settings.timezone }).startOf('day');
  if (!monday.isValid) throw new ReportWeekError(`No week ${week.week} of ${week.year} in ${settings.timezone}: ${monday.invalidExplanation ?? ''}`);
  const start = monday.toMillis() - settings.leeway;
  const end = monday.plus({ weeks: 1 }).toMillis() - settings.leeway;
  return { start: new Date(start), end: new Date(end) };
}

/** The ISO week an instant falls in, in `timezone` (without leeway: the calendar week, as the seed's `ISOWeek()`). */
export function weekOf(instant: Date, timezone: string): ReportWeek {
  const local = DateTime.fromJSDate(instant, { zone: timezone });
  return { year: local.weekYear, week: local.weekNumber };
}

/** `/reports/current`: the ISO week of `now` in the zone. */
export function currentWeek(now: Date, timezone: string): ReportWeek {
  return weekOf(now, timezone);
}

/** `/reports/lastweek` and the CLI: the ISO week of `now` − 7 days in the zone (the seed's rule). */
export function lastWeek(now: Date, timezone: string): ReportWeek {
  return weekOf(DateTime.fromJSDate(now, { zone: timezone }).minus({ weeks: 1 }).toJSDate(), timezone);
}

/** The week `n` weeks after (or before, when negative) `week`: 2020/53 + 1 = 2021/1. */
export function shiftWeek(week: ReportWeek, n: number): ReportWeek {
  // Thursday decides which week-year a week belongs to; UTC has no DST to trip over.
  const thursday = DateTime.fromObject({ weekYear: week.year, weekNumber: week.week, weekday: 4 }, { zone: 'UTC' }).plus({ weeks: n });
  return { year: thursday.weekYear, week: thursday.weekNumber };
}

/** Whether two weeks are the same. */
export function sameWeek(a: ReportWeek, b: ReportWeek): boolean {
  return a.year === b.year && a.week === b.week;
}

/** Orders weeks, oldest first (negative when `a` is before `b`). */
export function compareWeeks(a: ReportWeek, b: ReportWeek): number {
  return a.year - b.year || a.week - b.week;
}

/** `2019/36`: the week as the URLs and the seed's messages write it. */
export function weekPath(week: ReportWeek): string {
  return `${week.year}/${week.week}`;
}

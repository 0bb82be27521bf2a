import { ConfigError } from '@herald/config';
import type { SqlPool } from '@herald/db/sql';
import { readWeeklyReport, type ReportQuerySettings } from './queries.js';
import { reportMarkdown } from './source.js';
import { lastWeek, parseReportWeek, ReportWeekError, type ReportWeek } from './weeks.js';

/**
 * `report` (the seed's `-report`, seed-behaviour §3.9): a week's report as Markdown on stdout.
 */

/**
 * `--week` as typed: `YYYY/WW` (also `YYYY-WW` and `YYYY/Www`). Throws ConfigError naming
 * `--week` with the reason (exit 2 through runMain), e.g. `--week: Week must be between 1 and 52 for 2019.`
 */
export function parseWeekOption(text: string): ReportWeek {
  const match = /^\s*([+-]?\d+)\s*[/-]\s*[Ww]?([+-]?\d+)\s*$/.exec(text);
  if (!match) throw new ConfigError('--week', `must be YEAR/WEEK (an ISO week), e.g. 2019/36; got "${text}"`);
  try {
    return parseReportWeek(match[1]!, match[2]!);
  } catch (error) {
    if (error instanceof ReportWeekError) throw new ConfigError('--week', error.message);
    throw error;
  }
}

export interface PrintReportOptions {
  db: SqlPool;
  settings: ReportQuerySettings;
  /** The week; last week (the ISO week of now − 7 days in the zone) when absent. */
  week?: ReportWeek;
  now: Date;
  out: { write(text: string): unknown };
  err: { write(text: string): unknown };
}

/**
 * Writes the week's Markdown report to `out` and resolves 0; with no report comment that week,
 * writes `empty report` to `err` and resolves 1 (the seed's exit). Rejects when Postgres does.
 */
export async function printReport(options: PrintReportOptions): Promise<number> {
  const week = options.week ?? lastWeek(options.now, options.settings.timezone);
  const report = await readWeeklyReport(options.db, week, options.settings);
  if (report.comments.length === 0) {
    options.err.write('empty report\n');
    return 1;
  }
  options.out.write(reportMarkdown(report));
  return 0;
}

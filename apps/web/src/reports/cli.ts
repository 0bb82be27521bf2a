import { checkConfigFlag, ConfigError, parseCommandLine } from '@herald/config';
import { createSqlPool } from '@herald/db/sql';
import type { ReportSettings } from '@herald/reddit/pages-settings';
import { parseWeekOption, printReport, type ReportWeek } from '@herald/reddit/reports';

/** The web app's command line: serving is the default; `--report` is the seed's `-report`. */
export const webUsage = `Usage: web [--check-config]
       web --report [--week YEAR/WEEK]

  (no argument)       serve the web pages and the API (settings: HERALD_CONFIG's web: and reports: sections, the environment)
  --report            print last week's report (the ISO week of now − 7 days in reports.timezone) as Markdown and exit;
                      exit 1 with "empty report" on stderr when that week has none (Down Arrows Bot's -report)
  --week YEAR/WEEK    with --report: that ISO week instead, e.g. 2019/36
  --check-config      check the settings, print {"config":"ok",…} and exit 0 (2: a problem, named)
  -h, --help          this text`;

export interface WebCommand {
  /** Print a report instead of serving; `week` when `--week` was given. */
  report: { week?: ReportWeek } | undefined;
  /** `--check-config`: check the settings, report and exit without serving. */
  checkOnly: boolean;
}

/**
 * Parses the web app's arguments (`--help` prints {@link webUsage} and exits 0). Throws ConfigError
 * (exit 2, with the usage) for an unknown or malformed argument, or for `--week` without `--report`.
 */
export function parseWebCommandLine(argv: readonly string[]): WebCommand {
  const args = parseCommandLine(argv, { flags: ['report', checkConfigFlag], options: ['week'] }, webUsage);
  const checkOnly = args.flags.has(checkConfigFlag);
  const weekText = args.options.get('week');
  if (weekText !== undefined && !args.flags.has('report')) throw new ConfigError('--week', `only goes with --report\n${webUsage}`);
  if (!args.flags.has('report')) return { report: undefined, checkOnly };
  return { report: weekText === undefined ? {} : { week: parseWeekOption(weekText) }, checkOnly };
}

/**
 * `web --report`: reads the week's report from Postgres and prints its Markdown to stdout; resolves
 * the exit code (0 printed, 1 empty). One connection, closed before resolving.
 */
export async function runReportCommand(options: { databaseUrl: string; settings: ReportSettings; week: ReportWeek | undefined; now?: Date }): Promise<number> {
  const db = createSqlPool({ url: options.databaseUrl, max: 1 });
  try {
    return await printReport({
      db,
      settings: options.settings,
      ...(options.week ? { week: options.week } : {}),
      now: options.now ?? new Date(),
      out: process.stdout,
      err: process.stderr,
    });
  } finally {
    await db.end();
  }
}

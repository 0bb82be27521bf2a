import { parseReportWeek, weekPath, type ReportWeek } from '@herald/reddit/reports';

/** Where the reports are (seed-behaviour §3.8). */
export const ReportsPath = '/reports';
export const reportPath = (week: ReportWeek) => `${ReportsPath}/${weekPath(week)}`;
export const sourcePath = (week: ReportWeek) => `${ReportsPath}/source/${weekPath(week)}`;
export const statsPath = (week: ReportWeek) => `${ReportsPath}/stats/${weekPath(week)}`;
export const compendiumUserPath = (name: string) => `/compendium/user/${encodeURIComponent(name)}`;

/** The seed's text for a URL without exactly a year and a week (400). */
export const WeekUsage = "URL must include '[year]/[week number]'.";

/** A bad report URL: answered 400 with the message (an HTML page, or JSON for API clients). */
export class BadReportUrlError extends Error {
  readonly statusCode = 400;
}

/** What a `/reports/…` URL asks for. */
export type ReportRequest =
  | { kind: 'index' }
  | { kind: 'current' }
  | { kind: 'lastweek' }
  | { kind: 'report' | 'source' | 'stats'; week: ReportWeek };

function week(segments: string[]): ReportWeek {
  if (segments.length !== 2) throw new BadReportUrlError(WeekUsage);
  try {
    return parseReportWeek(segments[0]!, segments[1]!);
  } catch (error) {
    throw new BadReportUrlError((error as Error).message);
  }
}

/**
 * Reads what follows `/reports/` (Fastify's decoded wildcard). One trailing slash is allowed
 * everywhere (`/reports/2019/36/`: the seed dropped two segments there and answered 400, §3.14).
 * Throws BadReportUrlError with the seed's texts: `URL must include '[year]/[week number]'.`,
 * `Year must be a valid number.`, `Week must be a valid number.`, and Herald's range checks.
 */
export function parseReportUrl(rest: string): ReportRequest {
  const segments = rest.split('/');
  if (segments.length > 1 && segments.at(-1) === '') segments.pop();
  const [first, ...others] = segments;
  if (segments.length === 1 && first === '') return { kind: 'index' };
  if (segments.length === 1 && first === 'current') return { kind: 'current' };
  if (segments.length === 1 && first === 'lastweek') return { kind: 'lastweek' };
  if (first === 'source' || first === 'stats') return { kind: first, week: week(others) };
  return { kind: 'report', week: week(segments) };
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { reportsSection } from '@herald/reddit/pages-settings';
import {
  compareWeeks,
  currentWeek,
  lastWeek,
  readReportIndex,
  readWeeklyKarma,
  readWeeklyReport,
  readWeekStatistics,
  reportMarkdown,
  weekPath,
  weekWindow,
  type ReportWeek,
} from '@herald/reddit/reports';
import type { RoutePluginOptions } from '../deps.js';
import { NotFoundError } from '../routes/errors.js';
import { karmaWeeks, KarmaChartUsers } from './charts.js';
import { cachedResponse, cachedValue, responseCache, sendCached, type CachedEntry } from '../routes/page-cache.js';
import { parseReportUrl, reportPath, ReportsPath } from './paths.js';
import { reportIndexPage } from './view-index.js';
import { reportPage } from './view-report.js';
import { statisticsPage } from './view-stats.js';

/** How long a past week's pages are served before they are read again (seconds). */
export const PastWeekMaxAge = 60;
/** The same for the running week (and later ones), whose comments still arrive. */
export const CurrentWeekMaxAge = 10;

const htmlType = 'text/html; charset=utf-8';
const textType = 'text/plain; charset=utf-8';

type PageKind = 'report' | 'source' | 'stats';

/**
 * The weekly reports (seed-behaviour §3.8, §3.9): `/reports` (the index of weeks), `/reports/<year>/<week>`,
 * `/reports/current` and `/reports/lastweek` (307 to the week), `/reports/source/<year>/<week>`
 * (Markdown, text/plain) and `/reports/stats/<year>/<week>`. Every URL also answers with a trailing
 * slash. Errors keep the seed's texts: 400 `URL must include '[year]/[week number]'.`, `Year must be
 * a valid number.`, `Week must be a valid number.`, Herald's `Week must be between 1 and 52 for 2019.`;
 * 404 `Empty report for <year>/<week>.` and `No statistics for <year>/<week>.` — as HTML pages for
 * browsers, JSON for API clients (routes/errors.ts).
 *
 * Pages are rendered once and served from memory (page-cache.ts) for 60 s (a past week) or 10 s
 * (the running week), gzipped when asked, with an ETag; while Postgres is down the last rendering
 * of a page stays up. Settings come from `deps.reports`, "now" from `deps.clock`.
 */
export async function reportRoutes(app: FastifyInstance, options: RoutePluginOptions): Promise<void> {
  const { db } = options.deps;
  const settings = options.deps.reports ?? reportsSection.parse({});
  const clock = options.deps.clock ?? (() => new Date());
  const nav = options.nav;
  // Behind the login (admin set, pages not public) only the browser may keep a page, not a shared proxy.
  const shared = options.deps.admin === undefined || options.deps.admin.publicPages === true;

  const now = () => clock().getTime();
  // The running week's first report comment shows in the index as soon as its page would (10 s).
  const index = cachedValue(async () => ({ weeks: await readReportIndex(db, settings) }), CurrentWeekMaxAge * 1000, now);
  const maxAge = (week: ReportWeek) => (weekWindow(week, settings).end.getTime() <= now() ? PastWeekMaxAge : CurrentWeekMaxAge);

  async function renderReport(week: ReportWeek, age: number): Promise<CachedEntry> {
    const report = await readWeeklyReport(db, week, settings);
    if (report.comments.length === 0) return { missing: `Empty report for ${weekPath(week)}.`, maxAgeSeconds: age };
    const weeks = karmaWeeks(week);
    const [{ weeks: indexed }, karma] = await Promise.all([
      index(),
      readWeeklyKarma(db, report.delta.slice(0, KarmaChartUsers).map((u) => u.name), weeks, settings),
    ]);
    const previous = indexed.find((e) => compareWeeks(e.week, week) < 0)?.week;
    const next = indexed.findLast((e) => compareWeeks(e.week, week) > 0)?.week;
    return cachedResponse(reportPage({ report, previous, next, karmaWeeks: weeks, karma }, nav).value, htmlType, age);
  }

  async function render(kind: PageKind, week: ReportWeek): Promise<CachedEntry> {
    const age = maxAge(week);
    if (kind === 'report') return renderReport(week, age);
    if (kind === 'source') {
      const report = await readWeeklyReport(db, week, settings);
      if (report.comments.length === 0) return { missing: `Empty report for ${weekPath(week)}.`, maxAgeSeconds: age };
      return cachedResponse(reportMarkdown(report), textType, age);
    }
    const stats = await readWeekStatistics(db, week, settings);
    if (stats.delta.length === 0) return { missing: `No statistics for ${weekPath(week)}.`, maxAgeSeconds: age };
    return cachedResponse(statisticsPage(stats, nav).value, htmlType, age);
  }

  async function load(key: string): Promise<CachedEntry> {
    if (key === 'index') {
      const { weeks } = await index();
      return cachedResponse(reportIndexPage({ weeks, current: currentWeek(clock(), settings.timezone), settings }, nav).value, htmlType, CurrentWeekMaxAge);
    }
    const [kind, year, week] = key.split('/');
    return render(kind as PageKind, { year: Number(year), week: Number(week) });
  }

  const pages = responseCache(
    (key) =>
      load(key).catch((error: unknown) => {
        // A reload in the background fails silently otherwise (its readers get the last rendering).
        app.log.warn({ err: error, page: key }, 'reports: reading a page failed; its last rendering, if any, is served');
        throw error;
      }),
    now,
  );

  async function serve(request: FastifyRequest, reply: FastifyReply, key: string) {
    const entry = await pages(key);
    if ('missing' in entry) throw new NotFoundError(entry.missing);
    return sendCached(request, reply, entry, shared);
  }

  app.get(ReportsPath, (request, reply) => serve(request, reply, 'index'));
  app.get<{ Params: { '*': string } }>(`${ReportsPath}/*`, async (request, reply) => {
    const asked = parseReportUrl(request.params['*']);
    switch (asked.kind) {
      case 'index':
        return serve(request, reply, 'index');
      case 'current':
        return reply.redirect(reportPath(currentWeek(clock(), settings.timezone)), 307);
      case 'lastweek':
        return reply.redirect(reportPath(lastWeek(clock(), settings.timezone)), 307);
      default:
        return serve(request, reply, `${asked.kind}/${weekPath(asked.week)}`);
    }
  });
}

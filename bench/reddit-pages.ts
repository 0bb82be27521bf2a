/**
 * The Reddit pages over a large history: the built web app (`apps/web/dist/main.js`, default
 * settings: UTC, cutoff −50, top 5) on `--comments` comments (default 1,000,000) of `--users` users
 * (default 2,000) spread over the last year (bench/lib/reddit-history.ts: ~1.5% at or under −50, so a
 * week's report lists ~290 comments), seeded into a scratch database. For each page: the first
 * request (rendered from Postgres: "cold"), then 50 warm-up requests, then autocannon keeps
 * `--connections` (default 10) busy for `--seconds` (default 15). Latency is autocannon's, request
 * sent → response complete; the app, Postgres and autocannon share the machine's cores.
 *
 * Pages: a past week's report (4 weeks ago: its window is over), as plain HTML and gzipped as a
 * browser asks for it; its Markdown source; its statistics page; the index of weeks; and the
 * compendium's user page (apps/web/src/compendium) of the busiest user (~22,000 comments) and of a
 * typical one (~300). Goal (issue 11): p99 ≤ 50 ms and ≥ 1,000 req/s for a past week's report.
 *
 *   node --conditions=source --import tsx bench/reddit-pages.ts [--comments 1000000] [--users 2000] [--connections 10] [--seconds 15] [--json PATH]
 */
import autocannon from 'autocannon';
import { lastWeek, shiftWeek, weekPath } from '@herald/reddit/reports';
import { createTestDatabase, createTestRedisPrefix } from '@herald/testkit';
import { startWebApp, type AppProcess } from '../tests/e2e/harness.js';
import { seedRedditHistory } from './lib/reddit-history.js';
import { benchArgs, report, type SummaryRow } from './lib/results.js';

const { values: params, json } = benchArgs({ comments: 1_000_000, users: 2000, connections: 10, seconds: 15 });
const goal = { p99Ms: 50, rps: 1000 };

const now = new Date();
const week = weekPath(shiftWeek(lastWeek(now, 'UTC'), -3));
const gzip = { 'accept-encoding': 'gzip, deflate, br' };

interface Target {
  name: string;
  path: string;
  headers?: Record<string, string>;
  /** The report page: the one the goal is about. */
  goal?: boolean;
}

/** The pages measured, once the seeder has named its users. */
function targets(busiest: string, typical: string): Target[] {
  return [
    { name: `report of a past week /reports/${week}`, path: `/reports/${week}`, goal: true },
    { name: `report of a past week, gzip (first: already rendered)`, path: `/reports/${week}`, headers: gzip, goal: true },
    { name: 'Markdown source', path: `/reports/source/${week}` },
    { name: 'statistics page', path: `/reports/stats/${week}` },
    { name: 'index of weeks /reports', path: '/reports' },
    { name: `compendium user page, busiest user`, path: `/compendium/user/${busiest}` },
    { name: `compendium user page, typical user`, path: `/compendium/user/${typical}` },
  ];
}

const database = await createTestDatabase('herald_bench_reddit_pages');
const redis = createTestRedisPrefix();
let web: AppProcess | undefined;
const cleanup = async () => {
  await web?.kill('SIGTERM');
  await redis.cleanup();
  await database.drop();
};
process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
try {
  console.log(`seeding ${params.comments} comments of ${params.users} users…`);
  const history = await seedRedditHistory(database.url, { users: params.users, comments: params.comments, now });
  console.log(`seeded in ${history.seedMs} ms (${history.reportComments} comments at or under -50)`);
  const app = await startWebApp(database.url, redis);
  web = app.web;
  const { base } = app;
  const figures: Record<string, unknown> = {};
  const summary: SummaryRow[] = [];
  for (const target of targets(history.busiestUser, history.typicalUser)) {
    const url = base + target.path;
    const started = performance.now();
    // fetch asks for gzip unless told otherwise; autocannon sends no Accept-Encoding (plain).
    const first = await fetch(url, { headers: { 'accept-encoding': 'identity', ...target.headers } });
    const firstBody = Buffer.from(await first.arrayBuffer());
    const firstMs = Math.round(performance.now() - started);
    // fetch decompresses: the bytes sent are the Content-Length (of the gzip, when gzipped).
    const sentBytes = Number(first.headers.get('content-length') ?? firstBody.length);
    if (first.status === 404 && target.path.startsWith('/compendium')) {
      console.log(`${target.name}: 404 — the compendium is not there yet; skipped`);
      figures[target.name] = { path: target.path, skipped: `answered ${first.status}` };
      continue;
    }
    if (!first.ok) throw new Error(`${target.path} answered ${first.status}: ${firstBody.toString('utf8').slice(0, 500)}`);
    await autocannon({ url, connections: 1, amount: 50, headers: target.headers ?? {} });
    const result = await autocannon({ url, connections: params.connections, duration: params.seconds, headers: target.headers ?? {} });
    const bad = result.non2xx + result.errors + result.timeouts;
    const rps = result.requests.average;
    figures[target.name] = {
      path: target.path,
      firstRequestMs: firstMs,
      bytes: sentBytes,
      uncompressedBytes: firstBody.length,
      latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: result.latency.mean },
      requestsPerSecond: rps,
      requests: result.requests.total,
      failed: bad,
    };
    console.log(`${target.name}: first ${firstMs} ms (${sentBytes} bytes sent), p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${rps} req/s, ${bad} failed`);
    summary.push({
      figure: `${target.name}: p50 / p99, req/s (${params.connections} connections); first request`,
      value: `${result.latency.p50} / ${result.latency.p99} ms, ${Math.round(rps)}/s; ${firstMs} ms (${Math.round(sentBytes / 1024)} KB)${bad > 0 ? `, ${bad} failed` : ''}`,
      ...(target.goal ? { goal: `p99 ≤ ${goal.p99Ms} ms, ≥ ${goal.rps}/s`, met: result.latency.p99 <= goal.p99Ms && rps >= goal.rps && bad === 0 } : {}),
    });
  }
  // The first request above also paid for the code's first run (JIT, time zone data, the Markdown
  // parser): a second past week, never asked before, shows what a render costs once warm.
  const otherWeek = weekPath(shiftWeek(lastWeek(now, 'UTC'), -4));
  const started = performance.now();
  const other = await fetch(`${base}/reports/${otherWeek}`, { headers: { 'accept-encoding': 'identity' } });
  await other.arrayBuffer();
  const renderMs = Math.round(performance.now() - started);
  if (!other.ok) throw new Error(`/reports/${otherWeek} answered ${other.status}`);
  figures.renderOfAnotherPastWeekMs = renderMs;
  console.log(`report of /reports/${otherWeek}, first request (code warm): ${renderMs} ms`);
  summary.push({ figure: `report of another past week (/reports/${otherWeek}), first request once the code is warm`, value: `${renderMs} ms` });
  summary.push({ figure: 'stored: users / comments / at or under -50', value: `${history.users} / ${history.comments} / ${history.reportComments}` });
  report(
    {
      benchmark: 'reddit-pages',
      command: 'node --conditions=source --import tsx bench/reddit-pages.ts',
      parameters: { ...params, week, spreadDays: 365, timezone: 'UTC', cutoff: -50, nbTop: 5 },
      figures: { seedMs: history.seedMs, ...figures },
      summary,
    },
    json,
  );
} finally {
  await cleanup();
}

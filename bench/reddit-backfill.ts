/**
 * Back-filling `--users` new Reddit users (default 500) of 1,000 comments each (Reddit's listing
 * cap: 10 pages of 100) with the built reddit-poller at Herald's default settings, against the fake
 * Reddit's budget of `--requests` per `--window-ms` (default 100 per 6,000 ms: Reddit's 100 a minute
 * scaled down tenfold so it runs in minutes; the ratio is the figure). The floor is the budget alone:
 * users × 10 requests ÷ the budget's rate. Figures: the time until every user is back-filled ÷ the
 * floor (goal ≤ 1.1), 429s (goal 0), and the poller's peak RSS (kernel high-water mark; goal ≤ 150 MB).
 *
 *   node --conditions=source --import tsx bench/reddit-backfill.ts [--users 500] [--requests 100] [--window-ms 6000] [--json PATH]
 */
import { createRedditStack } from '../tests/e2e/reddit-harness.js';
import { rssHighWaterKb } from './lib/proc.js';
import { benchArgs, report } from './lib/results.js';

const { values: params, json } = benchArgs({ users: 500, requests: 100, 'window-ms': 6000 });
const goals = { ratio: 1.1, rssMb: 150 };
const pagesPerUser = 10;

const stack = await createRedditStack({ reddit: { budget: { requests: params.requests, windowMs: params['window-ms'] } } });
let figures;
try {
  stack.configure({ scanInterval: '1m' }); // Herald's default (the harness's tests use 1 s)
  const names = Array.from({ length: params.users }, (_, i) => `backfill_user_${i}`);
  for (const name of names) stack.reddit.addUser({ name, comments: 1200 });
  // Registered as `register` and `--useradd` leave them: new, never scanned.
  await stack.query('INSERT INTO reddit_users (name) SELECT unnest($1::text[])', [names]);
  const poller = stack.start('reddit-poller');
  await poller.waitFor(/reddit poller started/);
  const started = Date.now();
  for (;;) {
    const [row] = await stack.query<{ left: number }>('SELECT count(*)::int AS left FROM reddit_users WHERE is_new');
    if (row!.left === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const elapsedMs = Date.now() - started;
  const peakRssMb = Math.round((rssHighWaterKb(poller.child.pid!) ?? 0) / 1024);
  const [stored] = await stack.query<{ n: number }>('SELECT count(*)::int AS n FROM reddit_comments');
  const stats = stack.reddit.stats();
  const floorMs = ((params.users * pagesPerUser) / params.requests) * params['window-ms'];
  figures = {
    elapsedMs,
    floorMs,
    ratio: Math.round((elapsedMs / floorMs) * 1000) / 1000,
    listingRequests: stats.byRoute['GET /user/:name/comments'] ?? null,
    tooManyRequests: stats.tooManyRequests,
    commentsStored: stored!.n,
    peakRssMb,
  };
  console.log('  back-fill:', JSON.stringify(figures));
} finally {
  await stack.close();
}

report(
  {
    benchmark: 'reddit-backfill',
    command: 'node --conditions=source --import tsx bench/reddit-backfill.ts',
    parameters: { ...params, concurrency: 4, maxBatches: 5 },
    figures,
    summary: [
      {
        figure: `back-fill of ${params.users} new users × 1,000 comments ÷ the budget's floor (${params.requests} per ${params['window-ms'] / 1000} s)`,
        value: figures.ratio.toFixed(3),
        goal: `≤ ${goals.ratio}`,
        met: figures.ratio <= goals.ratio && figures.commentsStored === params.users * 1000,
      },
      { figure: '429s during the back-fill', value: String(figures.tooManyRequests), goal: '0', met: figures.tooManyRequests === 0 },
      { figure: 'reddit-poller peak RSS during the back-fill', value: `${figures.peakRssMb} MB`, goal: `≤ ${goals.rssMb} MB`, met: figures.peakRssMb <= goals.rssMb },
    ],
  },
  json,
);

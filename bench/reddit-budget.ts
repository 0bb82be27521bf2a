/**
 * Reddit request budget use: `--users` tracked users (default 500, already back-filled, so each
 * visit is one request) against the fake Reddit's budget of `--requests` per `--window-ms` (default
 * 100 per 60,000 ms, Reddit's free tier), with one and then two built reddit-poller processes at
 * Herald's default settings (4 lanes, a user rescanned at most every minute: 500 users want ~500
 * requests a minute, so the budget is the limit). Counts what the fake served in each whole window
 * after the first (the first is partly spent learning the window) over `--windows` windows (default
 * 3), and its 429s. Goal: served ÷ budget ≥ 0.90 and no 429.
 *
 *   node --conditions=source --import tsx bench/reddit-budget.ts [--users 500] [--requests 100] [--window-ms 60000] [--windows 3] [--json PATH]
 */
import { createRedditStack, type RedditStack } from '../tests/e2e/reddit-harness.js';
import { benchArgs, report } from './lib/results.js';

const { values: params, json } = benchArgs({ users: 500, requests: 100, 'window-ms': 60_000, windows: 3 });
const goals = { use: 0.9, tooManyRequests: 0 };

/** Users already back-filled (not new, nothing recent), as after a long run: each visit is one request. */
async function trackUsers(stack: RedditStack, count: number): Promise<void> {
  const names = Array.from({ length: count }, (_, i) => `budget_user_${i}`);
  const oldest = Math.floor(Date.now() / 1000) - 60 * 86_400;
  for (const name of names) stack.reddit.addUser({ name, comments: { count: 20, newestUtc: oldest } });
  await stack.query(`INSERT INTO reddit_users (name, is_new, batch_size, last_scan_at, due_at) SELECT unnest($1::text[]), false, 0, now(), now()`, [names]);
}

interface Run {
  pollers: number;
  windows: number[];
  use: number;
  tooManyRequests: number;
}

async function run(pollers: number): Promise<Run> {
  const windowMs = params['window-ms'];
  const stack = await createRedditStack({ reddit: { budget: { requests: params.requests, windowMs } } });
  try {
    stack.configure({ scanInterval: '1m' }); // Herald's default (the harness's tests use 1 s)
    await trackUsers(stack, params.users);
    const apps = Array.from({ length: pollers }, () => stack.start('reddit-poller'));
    await Promise.all(apps.map((a) => a.waitFor(/reddit poller started/)));
    const first = Math.floor(Date.now() / windowMs);
    const last = first + params.windows; // windows first+1 .. last are whole and measured
    await new Promise((resolve) => setTimeout(resolve, (last + 1) * windowMs - Date.now() + 200));
    const stats = stack.reddit.stats();
    const served = stats.windows.filter((w) => w.window > first && w.window <= last).map((w) => w.served);
    const use = served.reduce((a, b) => a + b, 0) / (params.requests * params.windows);
    return { pollers, windows: served, use: Math.round(use * 1000) / 1000, tooManyRequests: stats.tooManyRequests };
  } finally {
    await stack.close();
  }
}

const one = await run(1);
console.log('  one poller:', JSON.stringify(one));
const two = await run(2);
console.log('  two pollers:', JSON.stringify(two));

const budget = `${params.requests} per ${params['window-ms'] / 1000} s`;
report(
  {
    benchmark: 'reddit-budget',
    command: 'node --conditions=source --import tsx bench/reddit-budget.ts',
    parameters: { ...params, concurrency: 4, scanInterval: '1m' },
    figures: { one, two },
    summary: [
      { figure: `budget use, ${params.users} users, ${budget}, 1 poller (requests ÷ budget)`, value: one.use.toFixed(3), goal: `≥ ${goals.use}`, met: one.use >= goals.use },
      { figure: '429s, 1 poller', value: String(one.tooManyRequests), goal: '0', met: one.tooManyRequests === goals.tooManyRequests },
      { figure: `budget use, ${params.users} users, ${budget}, 2 pollers`, value: two.use.toFixed(3), goal: `≥ ${goals.use}`, met: two.use >= goals.use },
      { figure: '429s, 2 pollers', value: String(two.tooManyRequests), goal: '0', met: two.tooManyRequests === goals.tooManyRequests },
    ],
  },
  json,
);

/**
 * The built web app (`apps/web/dist/main.js`, default settings) over a large history: `--events`
 * events (default 1,000,000) spread evenly over the last 30 days, each with a delivery (plus one to a
 * third destination for every fifth: 1.2 deliveries per event) and its attempt, 0.1% dead, the newest
 * 200 pending, latencies 0.2–2.2 s with a 20 s tail every hundredth; written with generate_series into a
 * scratch database, then VACUUM ANALYZE (as autovacuum would leave it). autocannon (`--connections`
 * at once, default 4, for `--seconds` each, default 15, after a warm-up) then requests:
 * `/` (the dashboard), `/partials/dashboard` (what its live refresh polls every 5 s), `/api/events`,
 * and filtered variants. Latency is autocannon's, request sent → response complete, on this machine
 * (the app, Postgres and autocannon share its cores).
 *
 *   node --conditions=source --import tsx bench/dashboard.ts [--events 1000000] [--connections 4] [--seconds 15] [--json PATH]
 */
import autocannon from 'autocannon';
import pg from 'pg';
import { createTestDatabase, createTestRedisPrefix } from '@herald/testkit';
import { startWebApp, type AppProcess } from '../tests/e2e/harness.js';
import { benchArgs, report, type SummaryRow } from './lib/results.js';

const { values: params, json } = benchArgs({ events: 1_000_000, connections: 4, seconds: 15 });
const goalP99Ms = 50;

/** Pending: the newest 200; dead: one in a thousand. Sources: 80% Servatrice, 15% and 5% two IBC chains. */
const seedSql = (n: number) => [
  `INSERT INTO destinations (key, kind, target, label, updated_at) VALUES
     ('signups', 'webhook', 'https://discord.com/api/webhooks/1/bench', 'Sign-ups', now()),
     ('alerts', 'channel', '100000000000000300', '#alerts', now()),
     ('mods', 'channel', '100000000000000301', '#mods', now())`,
  `INSERT INTO source_cursors (source_key, position, last_poll_at, last_success_at, last_poll_ms, updated_at) VALUES
     ('servatrice:default', ${n}, now(), now(), 3, now()), ('ibc:cosmoshub-4', 0, now(), now(), 40, now()), ('ibc:osmosis-1', 0, now(), now(), 45, now())`,
  `INSERT INTO discord_names (kind, id, name) VALUES ('role', '100000000000000200', 'moderator')`,
  `INSERT INTO events (fingerprint, type, source_key, subject, severity, payload, created_at, enqueued_at)
   SELECT 'bench.' || i,
     CASE WHEN i % 20 < 16 THEN 'servatrice.account.registered' WHEN i % 20 < 19 THEN 'ibc.client.warning' ELSE 'ibc.wallet.low' END,
     CASE WHEN i % 20 < 16 THEN 'servatrice:default' WHEN i % 20 < 19 THEN 'ibc:cosmoshub-4' ELSE 'ibc:osmosis-1' END,
     'player' || i, CASE WHEN i % 20 < 16 THEN 'info' ELSE 'warning' END, '{}'::jsonb, t, t
   FROM generate_series(1, ${n}) AS i,
     LATERAL (SELECT (now() AT TIME ZONE 'UTC') - interval '30 days' + i * (interval '30 days' / ${n})) AS times(t)`,
  `INSERT INTO deliveries (event_id, destination_id, status, attempts, delivered_at, last_attempt_at, discord_message_id, mentions, created_at)
   SELECT e.id, d.id,
     CASE WHEN e.id > ${n - 200} THEN 'pending' WHEN e.id % 1000 = 7 THEN 'dead' ELSE 'delivered' END,
     CASE WHEN e.id > ${n - 200} THEN 0 ELSE 1 END,
     CASE WHEN e.id > ${n - 200} OR e.id % 1000 = 7 THEN NULL
          ELSE e.created_at + (0.2 + (e.id * 7919 % 1000) / 500.0 + CASE WHEN e.id % 100 = 0 THEN 20 ELSE 0 END) * interval '1 second' END,
     CASE WHEN e.id > ${n - 200} THEN NULL ELSE e.created_at + interval '1 second' END,
     CASE WHEN e.id > ${n - 200} OR e.id % 1000 = 7 THEN NULL ELSE (1200000000000000000 + e.id * 10 + d.id)::text END,
     NULL, e.created_at
   FROM events e JOIN destinations d ON d.key = CASE WHEN e.source_key = 'servatrice:default' THEN 'signups' ELSE 'alerts' END
   UNION ALL
   SELECT e.id, d.id, CASE WHEN e.id > ${n - 200} THEN 'pending' ELSE 'delivered' END, 1,
     CASE WHEN e.id > ${n - 200} THEN NULL ELSE e.created_at + interval '1500 milliseconds' END,
     CASE WHEN e.id > ${n - 200} THEN NULL ELSE e.created_at + interval '1500 milliseconds' END,
     CASE WHEN e.id > ${n - 200} THEN NULL ELSE (1300000000000000000 + e.id)::text END,
     '{"users": [], "roles": ["100000000000000200"]}'::jsonb, e.created_at
   FROM events e JOIN destinations d ON d.key = 'mods' WHERE e.id % 5 = 0`,
  `INSERT INTO delivery_attempts (delivery_id, at, outcome, http_status, error)
   SELECT id, coalesce(delivered_at, last_attempt_at), CASE status WHEN 'dead' THEN 'dead' ELSE 'delivered' END,
     CASE status WHEN 'dead' THEN 400 ELSE 200 END, CASE status WHEN 'dead' THEN '400 Invalid Form Body' END
   FROM deliveries WHERE status <> 'pending'`,
  'VACUUM ANALYZE',
];

const targets = [
  { name: 'dashboard /', path: '/' },
  { name: 'live refresh /partials/dashboard', path: '/partials/dashboard' },
  { name: '/api/events', path: '/api/events' },
  { name: 'filtered / (dead + source)', path: '/?status=dead&source=servatrice:default' },
  { name: 'filtered /api/events (destination + status)', path: '/api/events?destination=3&status=delivered' },
  { name: 'search /api/events?q=player99', path: '/api/events?q=player99' },
];

async function seed(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = Date.now();
  try {
    for (const statement of seedSql(params.events)) await client.query(statement);
    const { rows } = await client.query<{ events: string; deliveries: string; attempts: string }>(
      `SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM deliveries) AS deliveries, (SELECT count(*) FROM delivery_attempts) AS attempts`,
    );
    return { ...rows[0]!, seedMs: Date.now() - started };
  } finally {
    await client.end();
  }
}

function load(url: string): Promise<autocannon.Result> {
  return autocannon({ url, connections: params.connections, duration: params.seconds });
}

const database = await createTestDatabase('herald_bench_dashboard');
const redis = createTestRedisPrefix();
let web: AppProcess | undefined;
const cleanup = async () => {
  await web?.kill('SIGTERM');
  await redis.cleanup();
  await database.drop();
};
process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
try {
  console.log(`seeding ${params.events} events…`);
  const seeded = await seed(database.url);
  console.log(`seeded in ${seeded.seedMs} ms:`, seeded);
  const started = await startWebApp(database.url, redis);
  web = started.web;
  const { base } = started;
  const figures: Record<string, unknown> = {};
  const summary: SummaryRow[] = [];
  for (const target of targets) {
    // Warm-up: the first request counts the charts' finished hours and days once (then cached).
    const first = Date.now();
    const warm = await fetch(base + target.path);
    if (!warm.ok) throw new Error(`${target.path} answered ${warm.status}: ${(await warm.text()).slice(0, 500)}`);
    const firstMs = Date.now() - first;
    await autocannon({ url: base + target.path, connections: 1, amount: 50 });
    const result = await load(base + target.path);
    const bad = result.non2xx + result.errors + result.timeouts;
    figures[target.path] = {
      firstRequestMs: firstMs,
      latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: result.latency.mean },
      requestsPerSecond: result.requests.average,
      requests: result.requests.total,
      failed: bad,
    };
    console.log(`${target.name}: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.requests.average} req/s, ${bad} failed`);
    summary.push({
      figure: `${target.name}: p50 / p99, req/s (${params.connections} connections)`,
      value: `${result.latency.p50} / ${result.latency.p99} ms, ${Math.round(result.requests.average)}/s${bad > 0 ? `, ${bad} failed` : ''}`,
      goal: `p99 ≤ ${goalP99Ms} ms`,
      met: result.latency.p99 <= goalP99Ms && bad === 0,
    });
  }
  summary.push({ figure: 'stored: events / deliveries / attempts', value: `${seeded.events} / ${seeded.deliveries} / ${seeded.attempts}` });
  report(
    {
      benchmark: 'dashboard',
      command: 'node --conditions=source --import tsx bench/dashboard.ts',
      parameters: { ...params, spreadDays: 30, targets: targets.map((t) => t.path) },
      figures: { seeded, ...figures },
      summary,
    },
    json,
  );
} finally {
  await cleanup();
}

import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlPool, type SqlPool } from '@herald/db/sql';
import { createLogger } from '@herald/logging';
import { createTestDatabase, createTestRedisPrefix, type TestDatabase, type TestRedisPrefix } from '@herald/testkit';
import { createRequestBudget, readBudgetSnapshot } from './budget/index.js';
import { createRedditMetrics } from './metrics.js';
import { readRedditOverview } from './read-model.js';

let database: TestDatabase;
let db: SqlPool;
let space: TestRedisPrefix;
let redis: Redis;
const now = new Date('2026-12-02T12:00:00Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

beforeAll(async () => {
  database = await createTestDatabase('herald_reddit_metrics');
  db = createSqlPool({ url: database.url });
  space = createTestRedisPrefix();
  redis = new Redis(space.url);
  // One user in each state, two hidden (one of them unregistered: not counted as hidden), and the
  // most overdue active user 7 minutes late (a new user due later, a suspended one due much earlier).
  const users: Array<[string, string, Date]> = [
    ['alive_a', '', minutes(-7)],
    ['alive_b', 'hidden', minutes(5)],
    ['backfill', 'is_new', minutes(-2)],
    ['quiet', 'inactive', minutes(-600)],
    ['banned', 'suspended', minutes(-900)],
    ['gone', 'not_found', minutes(-900)],
    ['left', 'unregistered hidden', minutes(-900)],
  ];
  for (const [name, flags, due] of users) {
    const on = (flag: string) => flags.split(' ').includes(flag);
    await db.query(
      `INSERT INTO reddit_users (name, due_at, is_new, hidden, inactive, suspended, not_found, unregistered) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [name, due, on('is_new'), on('hidden'), on('inactive'), on('suspended'), on('not_found'), on('unregistered')],
    );
  }
  await db.query(`INSERT INTO reddit_comments (id, author, score, permalink, subreddit, created_at, body)
                  SELECT 'c' || i, 'alive_a', -i, '/r/x/comments/y/z/c' || i || '/', 'x', $1, '' FROM generate_series(1, 25) i`, [now]);
  await db.query(`INSERT INTO reddit_highscores (comment_id, score) VALUES ('c24', -1500)`);
});
afterAll(async () => {
  redis.disconnect();
  await space.cleanup();
  await db.end();
  await database.drop();
});

/** Every sample of `name` as `labels → value` (labels joined as k=v, sorted). */
async function samples(registry: Registry, name: string): Promise<Record<string, number>> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  if (!metric) throw new Error(`${name} is not registered`);
  return Object.fromEntries(metric.values.map((v) => [Object.entries(v.labels).map(([k, l]) => `${k}=${String(l)}`).sort().join(',') || '-', v.value]));
}

describe('createRedditMetrics', () => {
  it('counts users by state (adding up to every row), hidden users, scan lag, comments and high scores from Postgres', async () => {
    const registry = new Registry();
    createRedditMetrics({ registry, db, now: () => now });
    expect(await samples(registry, 'herald_reddit_users')).toEqual({
      'state=active': 2, 'state=new': 1, 'state=inactive': 1, 'state=suspended': 1, 'state=deleted': 1, 'state=unregistered': 1,
    });
    expect(await samples(registry, 'herald_reddit_hidden_users')).toEqual({ '-': 1 });
    expect(await samples(registry, 'herald_reddit_scan_lag_seconds')).toEqual({ '-': 420 });
    expect(await samples(registry, 'herald_reddit_comments_stored')).toEqual({ '-': 25 });
    expect(await samples(registry, 'herald_reddit_highscores_announced')).toEqual({ '-': 1 });
    // Nothing overdue: 0, not a negative lag.
    const early = new Registry();
    createRedditMetrics({ registry: early, db, now: () => minutes(-60) });
    expect(await samples(early, 'herald_reddit_scan_lag_seconds')).toEqual({ '-': 0 });
  });

  it('counts requests by endpoint and status, 429s in their own counter too', async () => {
    const registry = new Registry();
    const metrics = createRedditMetrics({ registry, db });
    metrics.countRequest('comments', 200);
    metrics.countRequest('comments', 200);
    metrics.countRequest('about', 404);
    metrics.countRequest('comments', 429);
    metrics.countRequest('comments', 'error');
    metrics.requests.inc({ endpoint: 'about', status: '200' });
    expect(await samples(registry, 'herald_reddit_requests_total')).toEqual({
      'endpoint=comments,status=200': 2, 'endpoint=about,status=404': 1, 'endpoint=comments,status=429': 1, 'endpoint=comments,status=error': 1,
      'endpoint=about,status=200': 1,
    });
    expect(await samples(registry, 'herald_reddit_rate_limited_total')).toEqual({ '-': 1 });
  });

  it('sets the budget gauges from the shared budget in Redis, and leaves them empty before any answer', async () => {
    const registry = new Registry();
    const where = { prefix: space.prefix, clientId: 'metrics-client' };
    createRedditMetrics({ registry, db, readBudget: () => readBudgetSnapshot(redis, where) });
    expect(await samples(registry, 'herald_reddit_budget_remaining')).toEqual({});
    expect(await samples(registry, 'herald_reddit_budget_limit')).toEqual({});
    const budget = createRequestBudget({ redis, ...where });
    await (await budget.acquire()).release({ used: 30, remaining: 70, resetSeconds: 120, receivedAt: Date.now() }, 200);
    expect(await samples(registry, 'herald_reddit_budget_remaining')).toEqual({ '-': 70 });
    expect(await samples(registry, 'herald_reddit_budget_limit')).toEqual({ '-': 100 });
    const reset = (await samples(registry, 'herald_reddit_budget_reset_seconds'))['-']!;
    expect(reset).toBeGreaterThan(115);
    expect(reset).toBeLessThanOrEqual(121);
  });

  it('publishes the counters even when Postgres is down, logging the outage once', async () => {
    const lines: string[] = [];
    const logger = createLogger({ name: 'metrics-test', level: 'info', destination: new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) }) });
    const down = createSqlPool({ url: database.url.replace(/\/[^/]+$/, '/herald_no_such_database'), connectTimeoutMs: 2000 });
    const registry = new Registry();
    createRedditMetrics({ registry, db: down, logger }).countRequest('about', 200);
    // Two collects, one outage logged; an unknown lag is no sample, not 0.
    expect(await samples(registry, 'herald_reddit_users')).toEqual({});
    expect(await samples(registry, 'herald_reddit_scan_lag_seconds')).toEqual({});
    expect(await samples(registry, 'herald_reddit_requests_total')).toEqual({ 'endpoint=about,status=200': 1 });
    expect(lines.filter((l) => l.includes('Postgres (Reddit metrics)'))).toHaveLength(1);
    await down.end();
  });

  it("reports Postgres' estimate of the comments once there are more than 100,000 (no count(*) of millions per publish)", async () => {
    await db.query(`INSERT INTO reddit_comments (id, author, score, permalink, subreddit, created_at, body)
                    SELECT 'bulk' || i, 'alive_b', 0, '/', 'x', $1, '' FROM generate_series(1, 120000) i`, [now]);
    await db.query('ANALYZE reddit_comments');
    const overview = await readRedditOverview(db, now);
    expect(overview.comments.estimated).toBe(true);
    expect(overview.comments.count).toBeGreaterThan(114_000);
    expect(overview.comments.count).toBeLessThan(126_000);
  });
});

import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqlPool, type SqlPool } from '@herald/db/sql';
import { createLogger } from '@herald/logging';
import { createOutboxStore } from '@herald/pipeline';
import { createTestDatabase, createTestRedisPrefix, startFakeReddit, type FakeReddit, type TestDatabase, type TestRedisPrefix } from '@herald/testkit';
import { createRequestBudget } from '../budget/budget.js';
import { clientFor } from '../client/test-support.js';
import type { RedditApi } from '../client/types.js';
import { checkResurrections } from './resurrections.js';
import { scanUser, type ScanSettings } from './scan-user.js';
import { claimDueUser } from './tracked-user.js';

const logger = createLogger({ name: 'test', level: 'silent' });
const hour = 3_600_000;
const settings: ScanSettings = { maxAgeMs: 24 * hour, maxBatches: 3, highscoreThreshold: -1000, scanIntervalMs: 60_000, fullScanIntervalMs: 6 * hour, leaseMs: 60_000 };

let database: TestDatabase;
let db: SqlPool;
let space: TestRedisPrefix;
let redis: Redis;
let fake: FakeReddit;
let api: RedditApi;
beforeEach(async () => {
  [database, fake] = await Promise.all([createTestDatabase('herald_reddit_scan'), startFakeReddit({ budget: { requests: 1000, windowMs: 60_000 } })]);
  db = createSqlPool({ url: database.url });
  space = createTestRedisPrefix();
  redis = new Redis(space.url);
  api = clientFor(fake, createRequestBudget({ redis, prefix: space.prefix, clientId: fake.client.id }));
});
afterEach(async () => {
  await api.close();
  await fake.close();
  redis.disconnect();
  await space.cleanup();
  await db.end();
  await database.drop();
});

const outbox = () => createOutboxStore({ pool: db, routeTo: () => [] });
const register = (name: string) => db.query('INSERT INTO reddit_users (name, due_at) VALUES ($1, now())', [name]);
/** Claims the user (it must be due) and scans it once. */
async function scanOnce(name: string) {
  await db.query('UPDATE reddit_users SET due_at = now() - interval \'1 hour\', lease_until = NULL WHERE name = $1', [name]);
  const user = await claimDueUser(db, 60_000);
  expect(user?.name).toBe(name);
  return scanUser(user!, { api, outbox: outbox(), settings, logger });
}
const userRow = async (name: string) =>
  (await db.query<{ is_new: boolean; position: string; batch_size: number; comments: string; lease: Date | null }>(
    `SELECT is_new, position, batch_size, (SELECT count(*)::text FROM reddit_comments WHERE author = name) AS comments, lease_until AS lease FROM reddit_users WHERE name = $1`,
    [name],
  )).rows[0]!;

describe('scanning one user (seed-behaviour §3.3) against the fake Reddit', () => {
  it('back-fills a new user up to the 1,000-item cap, max_batches pages per visit, keeping the position between visits', async () => {
    fake.addUser({ name: 'Backfill', comments: 1500 });
    await register('Backfill');
    const visits = [];
    for (let i = 0; i < 4; i += 1) visits.push(await scanOnce('Backfill'));
    expect(visits.map((v) => (v.kind === 'scanned' ? v.pages : 0))).toEqual([3, 3, 3, 1]);
    expect(await userRow('Backfill')).toMatchObject({ is_new: false, position: '', comments: '1000', lease: null });
  });

  it('in steady state asks for the last batch size plus 5, and stores only what is new', async () => {
    fake.addUser({ name: 'Steady', comments: { count: 3, intervalSeconds: 60 } });
    await register('Steady');
    await scanOnce('Steady');
    expect(await userRow('Steady')).toMatchObject({ is_new: false, batch_size: 100, comments: '3' });
    fake.addComment('Steady', { body: 'new one' });
    fake.resetStats();
    const result = await scanOnce('Steady');
    expect(result).toMatchObject({ kind: 'scanned', pages: 1, comments: 4 });
    expect(await userRow('Steady')).toMatchObject({ comments: '4' });
  });

  it('announces a comment at the threshold once (at and below, as the seed README says), never again', async () => {
    fake.addUser({ name: 'Sinker', comments: { count: 3, intervalSeconds: 60, generate: (i) => ({ score: [-999, -1000, -1500][i]! }) } });
    await register('Sinker');
    const first = await scanOnce('Sinker');
    expect(first.events).toHaveLength(2);
    const again = await scanOnce('Sinker');
    expect(again.events).toHaveLength(0);
    const { rows } = await db.query<{ type: string; payload: { score: number } }>('SELECT type, payload FROM events ORDER BY id');
    expect(rows.map((r) => [r.type, r.payload.score])).toEqual([
      ['reddit.comment.highscore', -1000],
      ['reddit.comment.highscore', -1500],
    ]);
  });

  it('a suspended user is announced once and no longer scanned; its return is announced once by the watcher', async () => {
    fake.addUser({ name: 'Gone_Soon', comments: 2 });
    await register('Gone_Soon');
    fake.suspend('Gone_Soon');
    expect(await scanOnce('Gone_Soon')).toMatchObject({ kind: 'dead', state: 'suspended' });
    expect(await claimDueUser(db, 1000)).toBeNull();
    expect(await checkResurrections({ db, api, outbox: outbox(), logger })).toHaveLength(0); // still suspended
    fake.unsuspend('Gone_Soon');
    expect(await checkResurrections({ db, api, outbox: outbox(), logger })).toHaveLength(1);
    expect(await checkResurrections({ db, api, outbox: outbox(), logger })).toHaveLength(0);
    const { rows } = await db.query<{ type: string; payload: object }>('SELECT type, payload FROM events ORDER BY id');
    expect(rows).toEqual([
      { type: 'reddit.user.suspended', payload: { name: 'Gone_Soon', from: 'alive', to: 'suspended' } },
      { type: 'reddit.user.resurrected', payload: { name: 'Gone_Soon', from: 'suspended', to: 'alive' } },
    ]);
    expect((await claimDueUser(db, 1000))?.name).toBe('Gone_Soon');
  });

  it('a deleted user is announced as deleted; suspended then deleted is recorded silently; a profile hiding its comments is an empty page', async () => {
    fake.addUser({ name: 'Deleted', comments: 1 });
    fake.addUser({ name: 'Private', comments: 1 });
    await register('Deleted');
    await register('Private');
    fake.deleteUser('Deleted');
    fake.hideComments('Private');
    expect(await scanOnce('Deleted')).toMatchObject({ kind: 'dead', state: 'deleted' });
    expect(await scanOnce('Private')).toMatchObject({ kind: 'scanned', pages: 1, comments: 0 });
    fake.undeleteUser('Deleted');
    fake.suspend('Deleted');
    expect(await checkResurrections({ db, api, outbox: outbox(), logger })).toHaveLength(0);
    const { rows } = await db.query<{ suspended: boolean; not_found: boolean }>("SELECT suspended, not_found FROM reddit_users WHERE name = 'Deleted'");
    expect(rows[0]).toEqual({ suspended: true, not_found: false });
  });

  it('a failed page writes nothing (the seed\'s retry without advancing)', async () => {
    fake.addUser({ name: 'Flaky', comments: 250 });
    await register('Flaky');
    fake.failNext(1);
    await expect(scanOnce('Flaky')).rejects.toThrow();
    expect(await userRow('Flaky')).toMatchObject({ is_new: true, position: '', comments: '0' });
  });
});

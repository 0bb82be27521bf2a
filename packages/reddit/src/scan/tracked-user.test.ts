import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqlPool, type SqlPool } from '@herald/db/sql';
import { createTestDatabase, type TestDatabase } from '@herald/testkit';
import { updateInactivity } from './resurrections.js';
import { claimDueUser, nextDueAt, releaseUser } from './tracked-user.js';

let database: TestDatabase;
let db: SqlPool;
beforeEach(async () => {
  database = await createTestDatabase('herald_reddit_users');
  db = createSqlPool({ url: database.url });
});
afterEach(async () => {
  await db.end();
  await database.drop();
});

const addUser = (name: string, dueAgoS: number, extra = '') =>
  db.query(`INSERT INTO reddit_users (name, due_at${extra ? ', ' + extra.split('=')[0] : ''}) VALUES ($1, now() - $2 * interval '1 second'${extra ? ', ' + extra.split('=')[1] : ''})`, [name, dueAgoS]);

describe('picking the next Reddit user', () => {
  it('takes the most overdue scannable user, never one held by another scanner, nor a suspended, deleted or unregistered one', async () => {
    await addUser('later', 10);
    await addUser('first', 100);
    await addUser('gone', 1000, 'suspended=true');
    await addUser('deleted', 1000, 'not_found=true');
    await addUser('unregistered', 1000, 'unregistered=true');
    await addUser('future', -100);
    expect((await claimDueUser(db, 60_000))?.name).toBe('first');
    expect((await claimDueUser(db, 60_000))?.name).toBe('later');
    expect(await claimDueUser(db, 60_000)).toBeNull();
    expect((await nextDueAt(db))!.getTime()).toBeLessThan(Date.now());
    await releaseUser(db, 'first', 0);
    expect((await claimDueUser(db, 60_000))?.name).toBe('first');
  });

  it('a lapsed hold (a scanner that died) frees the user', async () => {
    await addUser('held', 100);
    expect((await claimDueUser(db, 1))?.name).toBe('held');
    await db.query('SELECT pg_sleep(0.01)'); // the 1 ms hold lapses: time itself is what is tested
    expect((await claimDueUser(db, 60_000))?.name).toBe('held');
  });
});

describe('inactivity (seed-behaviour §3.2)', () => {
  it('marks users whose newest comment is older than the threshold inactive and due a full-scan interval after their last scan; no comment means active', async () => {
    await addUser('quiet', 0, 'last_scan_at=now()');
    await addUser('chatty', 0);
    await addUser('silent', 0);
    const insert = `INSERT INTO reddit_comments (id, author, score, permalink, subreddit, created_at, body) VALUES ($1, $2, 1, '/r/x/', 'x', now() - $3 * interval '1 hour', '')`;
    await db.query(insert, ['c1', 'quiet', 3000]);
    await db.query(insert, ['c2', 'chatty', 1]);
    expect(await updateInactivity(db, 2200 * 3_600_000, 6 * 3_600_000)).toEqual({ inactive: 1, active: 0 });
    const { rows } = await db.query<{ name: string; inactive: boolean; due_in_h: number }>(
      `SELECT name, inactive, round(extract(epoch FROM due_at - now()) / 3600)::int AS due_in_h FROM reddit_users ORDER BY name`,
    );
    expect(rows).toEqual([
      { name: 'chatty', inactive: false, due_in_h: 0 },
      { name: 'quiet', inactive: true, due_in_h: 6 },
      { name: 'silent', inactive: false, due_in_h: 0 },
    ]);
    await db.query(insert, ['c3', 'quiet', 0]);
    expect(await updateInactivity(db, 2200 * 3_600_000, 6 * 3_600_000)).toEqual({ inactive: 0, active: 1 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlPool, type SqlPool } from '@herald/db/sql';
import { createTestDatabase, type TestDatabase } from '@herald/testkit';
import { findTrackedUser } from '../users/queries.js';
import { listNegativeComments, listUserComments } from './comments.js';
import { readCompendiumOverview } from './overview.js';
import { searchRegisteredUsers } from './search.js';
import { ago, insertComment, insertUser, NOW, seedCompendiumFixture } from './test-support.js';
import { readUserCompendium } from './user.js';

const minute = 60_000;
const day = 86_400_000;
const ids = (comments: ReadonlyArray<{ id: string }>) => comments.map((c) => c.id);

describe('compendium queries (a fixture computed by hand, see test-support.ts)', () => {
  let database: TestDatabase;
  let db: SqlPool;

  beforeAll(async () => {
    database = await createTestDatabase('herald_compendium');
    db = createSqlPool({ url: database.url });
    await seedCompendiumFixture(db);
  });
  afterAll(async () => {
    await db.end();
    await database.drop();
  });

  describe('index', () => {
    it('counts registered and hidden users, names the last scanned one and measures a round of scans', async () => {
      const o = await readCompendiumOverview(db, { nbTop: 3, now: NOW });
      // Alice, bob, Carol_Hidden, Eve, frank_new: dave_gone is unregistered.
      expect(o.registered).toBe(5);
      expect(o.hidden).toBe(1);
      // Carol (hidden, 1 min ago) counts; dave (30 s ago) is unregistered.
      expect(o.lastScanned).toEqual({ name: 'Carol_Hidden', at: ago(minute) });
      // Active users: Alice (5 min), bob (10 min), Carol (1 min); Eve is suspended, frank new.
      expect(o.scanRoundSeconds).toBe(600);
    });

    it('ranks non-hidden registered users by karma and by negative karma, users without negative comments last', async () => {
      const o = await readCompendiumOverview(db, { nbTop: 3, now: NOW });
      expect(o.byKarma.map((u) => [u.name, u.all.count, u.all.karma, u.all.average])).toEqual([
        ['Eve', 2, -400, -200],
        ['Alice', 5, -95, -19],
        ['bob', 2, 15, 7.5],
      ]);
      expect(o.byKarma[1]!.all.lastCommented).toEqual(ago(day));
      expect(o.byNegativeKarma.map((u) => [u.name, u.negative.count, u.negative.karma, u.negative.lastCommented])).toEqual([
        ['Eve', 2, -400, ago(2 * 3_600_000)],
        ['Alice', 3, -125, ago(day)],
        ['bob', 0, 0, null],
      ]);
      expect(o.byNegativeKarma[1]!.negative.average).toBeCloseTo(-125 / 3, 10);
      expect(o.byNegativeKarma[2]!.negative.average).toBeNull();
    });

    it('lists the nbTop most negative comments of non-hidden registered users, ties by id', async () => {
      const o = await readCompendiumOverview(db, { nbTop: 3, now: NOW });
      // Carol's −500 (hidden) and dave's −1000 (unregistered) are left out.
      expect(ids(o.mostDownvoted)).toEqual(['e2', 'a1', 'e1']);
      expect(o.mostDownvoted[0]).toEqual({
        id: 'e2', author: 'Eve', score: -300, permalink: '/r/worldnews/comments/t/title/e2/', subreddit: 'worldnews', createdAt: ago(3 * 3_600_000), body: 'body of e2',
      });
    });
  });

  describe('comment lists', () => {
    it('pages through every negative comment of the users the reports count, most negative first', async () => {
      expect(ids(await listNegativeComments(db, { limit: 100, offset: 0 }))).toEqual(['e2', 'a1', 'e1', 'a2', 'a4']);
      expect(ids(await listNegativeComments(db, { limit: 2, offset: 1 }))).toEqual(['a1', 'e1']);
      expect(ids(await listNegativeComments(db, { limit: 2, offset: 4 }))).toEqual(['a4']);
      expect(await listNegativeComments(db, { limit: 2, offset: 5 })).toEqual([]);
    });

    it("pages through all of a user's comments, lowest score first, any score", async () => {
      expect(ids(await listUserComments(db, 'Alice', { limit: 10, offset: 0 }))).toEqual(['a1', 'a2', 'a4', 'a5', 'a3']);
      expect(ids(await listUserComments(db, 'Alice', { limit: 2, offset: 3 }))).toEqual(['a5', 'a3']);
      // Hidden users' comments are listed on their own pages.
      expect(ids(await listUserComments(db, 'Carol_Hidden', { limit: 10, offset: 0 }))).toEqual(['c1']);
      expect(await listUserComments(db, 'nobody', { limit: 10, offset: 0 })).toEqual([]);
    });
  });

  describe('user page', () => {
    const alice = async () => (await findTrackedUser(db, 'ALICE'))!;

    it('sums up all and negative comments, per subreddit, and the most downvoted whatever their score', async () => {
      const page = await readUserCompendium(db, await alice(), { nbTop: 2, timeZone: 'UTC', now: NOW });
      expect(page.user.name).toBe('Alice');
      expect(page.summary.all).toEqual({ count: 5, karma: -95, average: -19, lastCommented: ago(day) });
      expect(page.summary.negative).toMatchObject({ count: 3, karma: -125, lastCommented: ago(day) });
      expect(ids(page.mostDownvoted)).toEqual(['a1', 'a2']);
      expect(page.perSub.map((s) => [s.subreddit, s.all.count, s.all.karma, s.all.lastCommented])).toEqual([
        ['pics', 2, -120, ago(day)],
        ['news', 3, 25, ago(3 * day)],
      ]);
      expect(page.perSub[1]!.all.average).toBeCloseTo(25 / 3, 10);
      expect(page.negativePerSub.map((s) => [s.subreddit, s.negative.count, s.negative.karma, s.negative.average, s.negative.lastCommented])).toEqual([
        ['pics', 2, -120, -60, ago(day)],
        ['news', 1, -5, -5, ago(10 * day)],
      ]);
    });

    it('groups comments by week starting on Monday 00:00 in the time zone asked for', async () => {
      const week = (w: { week: string; all: { count: number; karma: number } }) => [w.week, w.all.count, w.all.karma];
      const utc = await readUserCompendium(db, await alice(), { nbTop: 2, timeZone: 'UTC', now: NOW });
      expect(utc.thisWeek).toBe('2026-11-30');
      expect(utc.weeks.map(week)).toEqual([
        ['2026-10-19', 1, 0],
        ['2026-11-16', 1, -5],
        ['2026-11-23', 1, 30],
        ['2026-11-30', 2, -120],
      ]);
      // a2, Monday 03:00 UTC, is Sunday 21:00 in Chicago: the week before.
      const chicago = await readUserCompendium(db, await alice(), { nbTop: 2, timeZone: 'America/Chicago', now: NOW });
      expect(chicago.thisWeek).toBe('2026-11-30');
      expect(chicago.weeks.map(week)).toEqual([
        ['2026-10-19', 1, 0],
        ['2026-11-16', 1, -5],
        ['2026-11-23', 2, 10],
        ['2026-11-30', 1, -100],
      ]);
      expect(chicago.weeks[2]!.negative).toMatchObject({ count: 1, karma: -20 });
    });

    it('gives a user without comments empty figures and still the current week', async () => {
      const frank = (await findTrackedUser(db, 'frank_new'))!;
      const page = await readUserCompendium(db, frank, { nbTop: 5, timeZone: 'UTC', now: NOW });
      expect(page.summary).toEqual({ all: { count: 0, karma: 0, average: null, lastCommented: null }, negative: { count: 0, karma: 0, average: null, lastCommented: null } });
      expect(page.perSub).toEqual([]);
      expect(page.negativePerSub).toEqual([]);
      expect(page.mostDownvoted).toEqual([]);
      expect(page.weeks).toEqual([]);
      expect(page.thisWeek).toBe('2026-11-30');
    });
  });

  describe('user search', () => {
    it('finds registered users by part of their name whatever the case, the exact name and then prefixes first', async () => {
      const a = await searchRegisteredUsers(db, 'A', { limit: 10, withoutHidden: false });
      expect(a.matches.map((m) => m.name)).toEqual(['Alice', 'Carol_Hidden', 'frank_new']);
      expect(a.exact).toBeNull();
      expect(a.more).toBe(false);
      expect(a.matches[1]).toEqual({ name: 'Carol_Hidden', state: 'active', hidden: true });
      expect(a.matches[2]).toEqual({ name: 'frank_new', state: 'new', hidden: false });
      const exact = await searchRegisteredUsers(db, 'aLiCe', { limit: 10, withoutHidden: false });
      expect(exact.exact).toEqual({ name: 'Alice', state: 'active', hidden: false });
    });

    it('treats _ and % as characters, bounds the answer, leaves unregistered users out and hidden ones when asked', async () => {
      expect((await searchRegisteredUsers(db, '_', { limit: 10, withoutHidden: false })).matches.map((m) => m.name)).toEqual(['Carol_Hidden', 'frank_new']);
      expect((await searchRegisteredUsers(db, '%', { limit: 10, withoutHidden: false })).matches).toEqual([]);
      expect((await searchRegisteredUsers(db, 'dave', { limit: 10, withoutHidden: false })).matches).toEqual([]);
      expect((await searchRegisteredUsers(db, '_', { limit: 10, withoutHidden: true })).matches.map((m) => m.name)).toEqual(['frank_new']);
      // Its exact name still finds a hidden user (the page is reachable by URL, as in the seed).
      expect((await searchRegisteredUsers(db, 'carol_hidden', { limit: 10, withoutHidden: true })).exact).toEqual({ name: 'Carol_Hidden', state: 'active', hidden: true });
      const bounded = await searchRegisteredUsers(db, 'a', { limit: 1, withoutHidden: false });
      expect(bounded.matches.map((m) => m.name)).toEqual(['Alice']);
      expect(bounded.more).toBe(true);
    });
  });
});

describe('compendium queries without scans or negative comments', () => {
  it('has no last scan, no round of scans, no most downvoted, and users at 0 negative', async () => {
    const database = await createTestDatabase('herald_compendium_empty');
    const db = createSqlPool({ url: database.url });
    try {
      await insertUser(db, { name: 'Solo', isNew: true });
      await insertComment(db, { id: 'x', author: 'Solo', score: 3, subreddit: 's', createdAt: ago(day) });
      const o = await readCompendiumOverview(db, { nbTop: 5, now: NOW });
      expect(o).toMatchObject({ registered: 1, hidden: 0, lastScanned: null, scanRoundSeconds: null, mostDownvoted: [], byNegativeKarma: [{ name: 'Solo' }] });
      expect(await listNegativeComments(db, { limit: 10, offset: 0 })).toEqual([]);
    } finally {
      await db.end();
      await database.drop();
    }
  });
});

import type { Db } from '@herald/db';

const minute = 60_000;
const hour = 60 * minute;

/** A name no validation would let in, stored anyway to prove the page escapes what it shows. */
export const hostileName = '<img src=x onerror=alert(1)>"\'&';

/**
 * What the reddit-pollers would have stored, relative to `now`: one user in each state (active,
 * new with its listing position, inactive, suspended, deleted, unregistered), a hidden one, one being
 * scanned, and the hostile name; three comments of the active user and two announced high scores.
 * The most overdue active-or-new user is `bob_new`, due 10 minutes ago.
 */
export async function seedRedditFixtures(db: Db, now = Date.now()) {
  const at = (ms: number) => new Date(now + ms);
  const user = (name: string, extra: Record<string, unknown>) => ({
    name, addedAt: at(-48 * hour), isNew: false, dueAt: at(30 * minute), lastScanAt: at(-30 * minute), batchSize: 100, ...extra,
  });
  await db.redditUser.createMany({
    data: [
      user('AliceActive', { lastScanAt: at(-5 * minute), dueAt: at(-3 * minute), batchSize: 12, registeredBy: '123456789012345678', createdAt: new Date('2015-06-01T00:00:00Z') }),
      user('bob_new', { isNew: true, position: 't1_backfill42', lastScanAt: null, dueAt: at(-10 * minute) }),
      user('CarolInactive', { inactive: true, dueAt: at(2 * hour + 30_000) }), // shown as `in 2 h` for 30 s
      user('dave-suspended', { suspended: true }),
      user('EveDeleted', { notFound: true }),
      user('frank_gone', { unregistered: true, hidden: true }),
      user('GinaHidden', { hidden: true }),
      user('HenryScanning', { leaseUntil: at(minute), dueAt: at(-2 * minute) }),
      user(hostileName, {}),
    ],
  });
  await db.redditComment.createMany({
    data: ['c1', 'c2', 'c3'].map((id, i) => ({
      id, author: 'AliceActive', score: -10 * i, permalink: `/r/test/comments/x/y/${id}/`, subreddit: 'test', createdAt: at(-i * hour), body: 'text',
    })),
  });
  await db.redditHighscore.createMany({ data: [{ commentId: 'c1', score: -1500 }, { commentId: 'old', score: -2000 }] });
}

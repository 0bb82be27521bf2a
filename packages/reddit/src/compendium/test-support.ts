/** A hand-made Reddit history for the compendium's tests (excluded from the build). */
import type { SqlPool } from '@herald/db/sql';

/** A Wednesday: its week (Monday to Sunday) starts on 2026-11-30 in UTC and in America/Chicago. */
export const NOW = new Date('2026-12-02T12:00:00Z');
const hour = 3_600_000;
const day = 24 * hour;
export const ago = (ms: number) => new Date(NOW.getTime() - ms);

export interface FixtureUser {
  name: string;
  hidden?: boolean;
  unregistered?: boolean;
  suspended?: boolean;
  notFound?: boolean;
  isNew?: boolean;
  lastScanAt?: Date | null;
  createdAt?: Date | null;
}

export interface FixtureComment {
  id: string;
  author: string;
  score: number;
  subreddit: string;
  createdAt: Date;
  body?: string;
  permalink?: string;
}

export async function insertUser(db: SqlPool, u: FixtureUser): Promise<void> {
  await db.query(
    `INSERT INTO reddit_users (name, created_at, added_at, hidden, unregistered, suspended, not_found, is_new, last_scan_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [u.name, u.createdAt ?? null, ago(30 * day), u.hidden ?? false, u.unregistered ?? false, u.suspended ?? false, u.notFound ?? false, u.isNew ?? false, u.lastScanAt ?? null],
  );
}

export async function insertComment(db: SqlPool, c: FixtureComment): Promise<void> {
  await db.query(
    `INSERT INTO reddit_comments (id, author, score, permalink, subreddit, created_at, body) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [c.id, c.author, c.score, c.permalink ?? `/r/${c.subreddit}/comments/t/title/${c.id}/`, c.subreddit, c.createdAt, c.body ?? `body of ${c.id}`],
  );
}

/**
 * Six users and eleven comments whose right answers the tests compute by hand:
 * - Alice (active): a1 −100 pics 1 d ago, a2 −20 pics at Monday 2026-11-30 03:00 UTC (Sunday evening in
 *   Chicago), a3 +30 news 3 d ago (Sunday), a4 −5 news 10 d ago, a5 0 news 40 d ago;
 * - bob (active): b1 +10 funny 5 h ago, b2 +5 funny 6 d ago (no negative comment);
 * - Carol_Hidden (active, hidden): c1 −500 pics; scanned last (1 min ago);
 * - dave_gone (unregistered): d1 −1000 pics; scanned 30 s ago, which counts for nothing;
 * - Eve (suspended): e1 −100 worldnews 2 h ago, e2 −300 worldnews 3 h ago;
 * - frank_new (new, never scanned): no comment.
 * Scans: Alice 5 min ago, bob 10 min ago (the oldest active one), Eve 1 h ago.
 */
export async function seedCompendiumFixture(db: SqlPool): Promise<void> {
  const users: FixtureUser[] = [
    { name: 'Alice', lastScanAt: ago(5 * 60_000), createdAt: new Date('2015-06-01T00:00:00Z') },
    { name: 'bob', lastScanAt: ago(10 * 60_000) },
    { name: 'Carol_Hidden', hidden: true, lastScanAt: ago(60_000) },
    { name: 'dave_gone', unregistered: true, lastScanAt: ago(30_000) },
    { name: 'Eve', suspended: true, lastScanAt: ago(hour) },
    { name: 'frank_new', isNew: true, lastScanAt: null },
  ];
  for (const u of users) await insertUser(db, u);
  const comments: FixtureComment[] = [
    { id: 'a1', author: 'Alice', score: -100, subreddit: 'pics', createdAt: ago(day) },
    { id: 'a2', author: 'Alice', score: -20, subreddit: 'pics', createdAt: new Date('2026-11-30T03:00:00Z') },
    { id: 'a3', author: 'Alice', score: 30, subreddit: 'news', createdAt: ago(3 * day) },
    { id: 'a4', author: 'Alice', score: -5, subreddit: 'news', createdAt: ago(10 * day) },
    { id: 'a5', author: 'Alice', score: 0, subreddit: 'news', createdAt: ago(40 * day) },
    { id: 'b1', author: 'bob', score: 10, subreddit: 'funny', createdAt: ago(5 * hour) },
    { id: 'b2', author: 'bob', score: 5, subreddit: 'funny', createdAt: ago(6 * day) },
    { id: 'c1', author: 'Carol_Hidden', score: -500, subreddit: 'pics', createdAt: ago(2 * day) },
    { id: 'd1', author: 'dave_gone', score: -1000, subreddit: 'pics', createdAt: ago(2 * day) },
    { id: 'e1', author: 'Eve', score: -100, subreddit: 'worldnews', createdAt: ago(2 * hour) },
    { id: 'e2', author: 'Eve', score: -300, subreddit: 'worldnews', createdAt: ago(3 * hour) },
  ];
  for (const c of comments) await insertComment(db, c);
}

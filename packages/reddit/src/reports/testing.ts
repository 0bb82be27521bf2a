/**
 * The hand-made week of the report tests (`@herald/reddit/reports/testing`: the web app's tests use
 * it too; nothing else imports it). Week 2019/36 in America/Chicago runs from Monday 2 September 2019 00:00 CDT (05:00 UTC) to Monday 9 September 00:00 CDT.
 * Every expected figure in the tests was worked out by hand from this table, not by running SQL.
 *
 * | user  | flags        | comments in the week (score)                    |
 * |-------|--------------|-------------------------------------------------|
 * | alice |              | −100, −60, +30, −10                              |
 * | bob   |              | −50 (exactly the cutoff)                          |
 * | carol |              | −80, −20                                          |
 * | dave  |              | −30, −30, −25                                     |
 * | erin  | hidden       | −500                                              |
 * | frank | unregistered | −400                                              |
 * | gina  | suspended    | −70                                               |
 * | harry |              | −90 at the week's first instant; also −55 1 ms before it (week 35) and −95 at the next week's first instant (week 37) |
 * | ivan  |              | −50, −50                                          |
 */
import type { Queryable } from '@herald/db/sql';

export const FixtureZone = 'America/Chicago';
export const FixtureWeek = { year: 2019, week: 36 };
/** Monday 2 September 2019 00:00 CDT. */
export const WeekStart = new Date('2019-09-02T05:00:00Z');
/** Monday 9 September 2019 00:00 CDT. */
export const WeekEnd = new Date('2019-09-09T05:00:00Z');

const hour = 3_600_000;
const at = (hours: number) => new Date(WeekStart.getTime() + hours * hour);

export const fixtureUsers = [
  { name: 'alice' },
  { name: 'bob' },
  { name: 'carol' },
  { name: 'dave' },
  { name: 'erin', hidden: true },
  { name: 'frank', unregistered: true },
  { name: 'gina', suspended: true },
  { name: 'harry' },
  { name: 'ivan' },
];

export const fixtureComments: Array<{ id: string; author: string; score: number; createdAt: Date; body?: string }> = [
  { id: 'a1', author: 'alice', score: -100, createdAt: at(10), body: 'First line\nsecond *line*\n\n<script>alert(1)</script>' },
  { id: 'a2', author: 'alice', score: -60, createdAt: at(20) },
  { id: 'a3', author: 'alice', score: 30, createdAt: at(30) },
  { id: 'a4', author: 'alice', score: -10, createdAt: at(40) },
  { id: 'b1', author: 'bob', score: -50, createdAt: at(50) },
  { id: 'c1', author: 'carol', score: -80, createdAt: at(60) },
  { id: 'c2', author: 'carol', score: -20, createdAt: at(70) },
  { id: 'd1', author: 'dave', score: -30, createdAt: at(80) },
  { id: 'd2', author: 'dave', score: -30, createdAt: at(90) },
  { id: 'd3', author: 'dave', score: -25, createdAt: at(100) },
  { id: 'e1', author: 'erin', score: -500, createdAt: at(110) },
  { id: 'f1', author: 'frank', score: -400, createdAt: at(120) },
  { id: 'g1', author: 'gina', score: -70, createdAt: at(130) },
  { id: 'h0', author: 'harry', score: -55, createdAt: new Date(WeekStart.getTime() - 1) },
  { id: 'h1', author: 'harry', score: -90, createdAt: WeekStart },
  { id: 'h2', author: 'harry', score: -95, createdAt: WeekEnd },
  { id: 'i1', author: 'ivan', score: -50, createdAt: at(140) },
  { id: 'i2', author: 'ivan', score: -50, createdAt: at(150) },
];

/** Writes the table above into a migrated database. */
export async function seedReportFixture(db: Queryable): Promise<void> {
  for (const u of fixtureUsers) {
    await db.query('INSERT INTO reddit_users (name, hidden, unregistered, suspended, is_new) VALUES ($1, $2, $3, $4, false)', [
      u.name,
      u.hidden ?? false,
      u.unregistered ?? false,
      u.suspended ?? false,
    ]);
  }
  for (const c of fixtureComments) {
    await db.query('INSERT INTO reddit_comments (id, author, score, permalink, subreddit, created_at, body) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      c.id,
      c.author,
      c.score,
      `/r/test/comments/xyz/title/${c.id}/`,
      'test',
      c.createdAt,
      c.body ?? `Body of ${c.id}`,
    ]);
  }
}

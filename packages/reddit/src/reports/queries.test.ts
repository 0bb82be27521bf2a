import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlPool, type SqlPool } from '@herald/db/sql';
import { createTestDatabase, type TestDatabase } from '@herald/testkit';
import { readReportIndex, readWeeklyKarma, readWeeklyReport, readWeekStatistics } from './queries.js';
import { reportMarkdown } from './source.js';
import { FixtureWeek, FixtureZone, seedReportFixture, WeekEnd, WeekStart } from './testing.js';

/** Every expected value below was computed by hand from the table in test-support.ts. */
const settings = { timezone: FixtureZone, cutoff: -50, nbTop: 3, leeway: 0 };
const figures = (users: Array<{ name: string; count: number; sum: number; average: number }>) =>
  users.map((u) => [u.name, u.count, u.sum, Math.round(u.average * 100) / 100]);

describe('weekly report queries (hand-computed fixture)', () => {
  let database: TestDatabase;
  let db: SqlPool;

  beforeAll(async () => {
    database = await createTestDatabase('herald_reports_q');
    db = createSqlPool({ url: database.url });
    await seedReportFixture(db);
  });
  afterAll(async () => {
    await db.end();
    await database.drop();
  });

  it('lists the comments at or under the cutoff of counted users in the half-open week, score ascending', async () => {
    const report = await readWeeklyReport(db, FixtureWeek, settings);
    expect(report.window).toEqual({ start: WeekStart, end: WeekEnd });
    // erin (hidden) and frank (unregistered) are out; gina (suspended) is in; harry's h0 and h2 are other weeks;
    // bob's −50 is at the cutoff (inclusive); the −50s are ordered by date.
    expect(report.comments.map((c) => [c.number, c.id, c.score])).toEqual([
      [1, 'a1', -100],
      [2, 'h1', -90],
      [3, 'c1', -80],
      [4, 'g1', -70],
      [5, 'a2', -60],
      [6, 'b1', -50],
      [7, 'i1', -50],
      [8, 'i2', -50],
    ]);
  });

  it('ranks users whose negative sum is strictly under the cutoff: totals, Delta and Average', async () => {
    const report = await readWeeklyReport(db, FixtureWeek, settings);
    // Ranked: alice −170 (3), carol −100 (2), ivan −100 (2), harry −90 (1), dave −85 (3), gina −70 (1); bob's −50 is not < −50.
    expect(report.totals).toEqual({ count: 12, sum: -615, average: -615 / 12 });
    expect(figures(report.delta)).toEqual([
      ['alice', 3, -170, -56.67],
      ['carol', 2, -100, -50],
      ['ivan', 2, -100, -50], // same sum as carol: by name
    ]);
    expect(figures(report.average)).toEqual([
      ['harry', 1, -90, -90],
      ['gina', 1, -70, -70],
      ['alice', 3, -170, -56.67],
    ]);
  });

  it('gives each comment its author’s week average, also for an author at the cutoff exactly (the seed showed 0)', async () => {
    const report = await readWeeklyReport(db, FixtureWeek, settings);
    const averages = Object.fromEntries(report.comments.map((c) => [c.id, Math.round(c.weekAverage! * 100) / 100]));
    expect(averages).toEqual({ a1: -56.67, h1: -90, c1: -50, g1: -70, a2: -56.67, b1: -50, i1: -50, i2: -50 });
  });

  it('writes the Markdown source in the seed’s format', async () => {
    const report = await readWeeklyReport(db, FixtureWeek, settings);
    const text = reportMarkdown(report);
    const comment = (n: number, author: string, average: number, score: number, id: string, body: string) =>
      `# \\#${n}\n\nAuthor: [/u/${author}](https://www.reddit.com/user/${author}) (${average} week average)\n\nScore: **${score}**\n\n` +
      `Link: [/r/test/comments/xyz/title/${id}/](https://np.reddit.com/r/test/comments/xyz/title/${id}/)\n\nComment text:\n\n${body}`;
    expect(text).toBe(
      [
        '**8** comments under -50 from 02 Sep 19 00:00 CDT to 09 Sep 19 00:00 CDT.',
        '',
        'Top 3 total negative karma change:',
        '',
        '- **-170** with 3 comments,\nby [/u/alice](https://www.reddit.com/user/alice)',
        '- **-100** with 2 comments,\nby [/u/carol](https://www.reddit.com/user/carol)',
        '- **-100** with 2 comments,\nby [/u/ivan](https://www.reddit.com/user/ivan)',
        '',
        'Top 3 lowest average karma per comment:',
        '',
        '- **-90** with 1 comments,\nby [/u/harry](https://www.reddit.com/user/harry)',
        '- **-70** with 1 comments,\nby [/u/gina](https://www.reddit.com/user/gina)',
        '- **-57** with 3 comments,\nby [/u/alice](https://www.reddit.com/user/alice)',
        '',
        '* * *',
        '',
        comment(1, 'alice', -57, -100, 'a1', '> First line\n> second *line*\n> \n> <script>alert(1)</script>'),
        '',
        comment(2, 'harry', -90, -90, 'h1', '> Body of h1'),
        '',
        comment(3, 'carol', -50, -80, 'c1', '> Body of c1'),
        '',
        comment(4, 'gina', -70, -70, 'g1', '> Body of g1'),
        '',
        comment(5, 'alice', -57, -60, 'a2', '> Body of a2'),
        '',
        comment(6, 'bob', -50, -50, 'b1', '> Body of b1'),
        '',
        comment(7, 'ivan', -50, -50, 'i1', '> Body of i1'),
        '',
        comment(8, 'ivan', -50, -50, 'i2', '> Body of i2'),
        '',
      ].join('\n'),
    );
  });

  it('returns an empty report for a week without comments', async () => {
    const report = await readWeeklyReport(db, { year: 2019, week: 30 }, settings);
    expect(report.comments).toEqual([]);
    expect(report.delta).toEqual([]);
    expect(report.totals).toEqual({ count: 0, sum: 0, average: null });
  });

  it('gives the statistics page every author with a negative comment, unfiltered', async () => {
    const stats = await readWeekStatistics(db, FixtureWeek, settings);
    expect(stats.totals).toEqual({ count: 13, sum: -665, average: -665 / 13 });
    expect(stats.delta.map((u) => u.name)).toEqual(['alice', 'carol', 'ivan', 'harry', 'dave', 'gina', 'bob']);
    // Equal averages (−50: carol, ivan, bob) keep the sum order.
    expect(stats.average.map((u) => u.name)).toEqual(['harry', 'gina', 'alice', 'carol', 'ivan', 'bob', 'dave']);
  });

  it('indexes the weeks that have report comments, newest first, and moves comments with the leeway', async () => {
    expect(await readReportIndex(db, settings)).toEqual([
      { week: { year: 2019, week: 37 }, comments: 1 },
      { week: { year: 2019, week: 36 }, comments: 8 },
      { week: { year: 2019, week: 35 }, comments: 1 },
    ]);
    // A 1 ms leeway moves the window back 1 ms: h0 (1 ms before Monday) joins week 36.
    expect(await readReportIndex(db, { ...settings, leeway: 1 })).toEqual([
      { week: { year: 2019, week: 37 }, comments: 1 },
      { week: { year: 2019, week: 36 }, comments: 9 },
    ]);
    expect(await readReportIndex(db, { ...settings, cutoff: -95 })).toEqual([{ week: { year: 2019, week: 37 }, comments: 1 }, { week: { year: 2019, week: 36 }, comments: 1 }]);
  });

  it('sums each user’s negative karma per week, 0 for weeks without any', async () => {
    const weeks = [35, 36, 37].map((week) => ({ year: 2019, week }));
    const karma = await readWeeklyKarma(db, ['alice', 'harry', 'nobody'], weeks, settings);
    expect([...karma].map(([name, series]) => [name, series.map((w) => w.sum)])).toEqual([
      ['alice', [0, -170, 0]],
      ['harry', [-55, -90, -95]],
      ['nobody', [0, 0, 0]],
    ]);
  });
});

import { Writable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlPool } from '@herald/db/sql';
import { createLogger } from '@herald/logging';
import { FixtureZone, seedReportFixture } from '@herald/reddit/reports/testing';
import { buildApp, type WebDeps } from '../app.js';
import { createTestEnv, type TestEnv } from '../test-harness.js';

type App = Awaited<ReturnType<typeof buildApp>>;

/** Thursday 12 September 2019 in Chicago: week 37 is running, week 36 is last week. */
const now = new Date('2019-09-12T17:00:00Z');
const reports = { timezone: FixtureZone, cutoff: -50, nbTop: 3, leeway: 0 };
const json = { accept: 'application/json' };
const hostileName = '<img src=x onerror=alert(1)>';

/** The `<article class="comment">` numbered `n`. */
function commentArticle(body: string, n: number): string {
  const start = body.indexOf(`<h2 id="${n}">`);
  if (start < 0) throw new Error(`no comment #${n}`);
  return body.slice(start, body.indexOf('</article>', start));
}

describe('weekly report pages', () => {
  let env: TestEnv;
  let app: App;
  const build = async (extra: Partial<WebDeps> = {}) => {
    const logger = createLogger({ name: 'web-test', level: 'warn', destination: new Writable({ write: (chunk, _e, cb) => (logs.push(String(chunk)), cb()) }) });
    const built = await buildApp({ db: env.sql, queues: env.queues, logger, reports, clock: () => now, ...extra });
    apps.push(built);
    return built;
  };
  const apps: App[] = [];
  const logs: string[] = [];

  beforeAll(async () => {
    env = await createTestEnv();
    await seedReportFixture(env.sql);
    // Week 2019/40 (from Monday 30 September 05:00 UTC): hostile bodies and a hostile name, stored as given.
    await env.sql.query(`INSERT INTO reddit_users (name, is_new) VALUES ('mallory', false), ($1, false)`, [hostileName]);
    const hostile: Array<[string, string, number, string]> = [
      ['m1', 'mallory', -300, '<script>alert(1)</script> [x](javascript:alert(2)) [y](data:text/html;base64,PHNjcmlwdD4=) ![z](https://tracker.example/p.gif)'],
      ['m2', 'mallory', -200, `| ${Array.from({ length: 200 }, (_, i) => `col${i}`).join(' | ')} |\n|${'---|'.repeat(200)}\n| ${'x | '.repeat(200)}`],
      ['m3', 'mallory', -100, `${'A very long comment. '.repeat(2000)}`],
      ['m4', hostileName, -60, 'plain'],
    ];
    for (const [id, author, score, body] of hostile) {
      await env.sql.query(
        `INSERT INTO reddit_comments (id, author, score, permalink, subreddit, created_at, body) VALUES ($1, $2, $3, $4, 'test', '2019-10-01 12:00:00', $5)`,
        [id, author, score, `/r/test/comments/q/t/${id}/`, body],
      );
    }
    app = await build();
  });
  afterAll(async () => {
    for (const built of apps) await built.close();
    await env.cleanup();
  });

  it('shows the week’s report with the seed’s structure: title, source link, sections, summary, rankings, comments', async () => {
    const res = await app.inject({ url: '/reports/2019/36' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const body = res.body;
    expect(body).toContain('<title>Report of year 2019 week 36 · Herald</title>');
    expect(body).toContain('<div id="title"><a href="/reports">Report of year 2019 week 36</a></div>');
    expect(body).toContain('<aside class="md-link"><a href="/reports/source/2019/36">source</a></aside>');
    for (const [id, text] of [['summary', 'Summary'], ['delta', 'Top negative karma change'], ['average', 'Top average per comment'], ['comments', 'Comments']]) {
      expect(body).toContain(`<li><a href="#${id}">${text}</a></li>`);
    }
    expect(body).toContain('<h1 id="summary">Summary</h1>');
    expect(body).toContain('<p><strong>8</strong> comments under -50 from 02 Sep 19 00:00 CDT to 09 Sep 19 00:00 CDT.</p>');
    expect(body).toContain('<p>Collective karma change for the week: <strong>-615</strong>.</p>');
    expect(body).toContain('<a href="/reports/stats/2019/36">Complete statistics for the week.</a>');
    expect(body).toContain('<h2 id="delta">Top 3 total negative karma change</h2>');
    expect(body).toContain('<h2 id="average">Top 3 lowest average karma per comment</h2>');
    const [delta, average] = body.split('<table class="ranking">').slice(1);
    const rows = (table: string) => [...table.split('</table>')[0]!.matchAll(/<tr><td class="num">(\d+)<\/td><td><a href="\/compendium\/user\/(\w+)">\w+<\/a><\/td><td class="num">(-?\d+)<\/td><td class="num">(\d+)<\/td><\/tr>/g)].map((m) => m.slice(1).join(' '));
    expect(rows(delta!)).toEqual(['1 alice -170 3', '2 carol -100 2', '3 ivan -100 2']);
    expect(rows(average!)).toEqual(['1 harry -90 1', '2 gina -70 1', '3 alice -57 3']);
    expect(body).toContain('<h1 id="comments">Comments</h1>');
    expect(body.match(/<article class="comment">/g)).toHaveLength(8);
    expect(body).toContain('<footer class="back"><a href="#title">back to top</a></footer>');
  });

  it('shows each comment: number, author with week average, local date, score, link and the rendered body', async () => {
    const body = (await app.inject({ url: '/reports/2019/36' })).body;
    const first = commentArticle(body, 1);
    expect(first).toContain('<h2 id="1"><a href="#1">#1</a></h2>');
    expect(first).toContain('<tr><th>Author</th><td><a href="/compendium/user/alice">alice</a> (-57 week average)</td></tr>');
    expect(first).toContain('<tr><th>Date</th><td>Monday 02 September 10:00</td></tr>'); // 15:00 UTC, CDT
    expect(first).toContain('<tr><th>Score</th><td>-100</td></tr>');
    expect(first).toContain('<a href="https://www.reddit.com/r/test/comments/xyz/title/a1/" rel="nofollow noopener noreferrer">/r/test/comments/xyz/title/a1/</a>');
    expect(first).toContain('<blockquote><p>First line\nsecond <em>line</em></p>\n<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n</blockquote>');
    // bob's week summed to the cutoff exactly: his own average, where the seed showed 0.
    expect(commentArticle(body, 6)).toContain('<a href="/compendium/user/bob">bob</a> (-50 week average)');
    expect(commentArticle(body, 2)).toContain('<tr><th>Date</th><td>Monday 02 September 00:00</td></tr>'); // h1, the week's first instant
  });

  it('links the previous and next weeks that have a report, and draws the charts inline', async () => {
    const body = (await app.inject({ url: '/reports/2019/36' })).body;
    expect(body).toContain('<a rel="prev" href="/reports/2019/35">← 2019 week 35</a>');
    expect(body).toContain('<a rel="next" href="/reports/2019/37">2019 week 37 →</a>');
    // Scores −100 … −50: 7 comments in −50…−99, 1 in −100…−149.
    expect(body).toContain('<figure class="chart" id="chart-scores">');
    expect(body).toContain('<title>-50…-99: comments 7</title>');
    expect(body).toContain('<title>-100…-149: comments 1</title>');
    // The top users' weekly karma, 26 weeks up to this one; harry: −55 in week 35, −90 in 36.
    const karma = body.slice(body.indexOf('<figure class="chart" id="chart-karma">'));
    expect(karma).toContain('Weekly negative karma of the top 3, last 26 weeks');
    expect(karma).toContain('<title>W36: alice -170</title>');
    expect(body).not.toMatch(/<(img|script|iframe|link)\b/);
    expect(body).not.toMatch(/(src|href)="(https?:)?\/\/(?!www\.reddit\.com)/); // nothing loaded or linked off-site but Reddit
  });

  it('answers the same with a trailing slash (the seed answered 400)', async () => {
    const res = await app.inject({ url: '/reports/2019/36/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe((await app.inject({ url: '/reports/2019/36' })).body);
    expect((await app.inject({ url: '/reports/source/2019/36/' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/reports/stats/2019/36/' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/reports/' })).statusCode).toBe(200);
  });

  it('serves the Markdown source as text', async () => {
    const res = await app.inject({ url: '/reports/source/2019/36' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.body.startsWith('**8** comments under -50 from 02 Sep 19 00:00 CDT to 09 Sep 19 00:00 CDT.\n\nTop 3 total negative karma change:\n')).toBe(true);
    expect(res.body).toContain('Link: [/r/test/comments/xyz/title/a1/](https://np.reddit.com/r/test/comments/xyz/title/a1/)');
  });

  it('shows the statistics page over every author with a negative comment', async () => {
    const res = await app.inject({ url: '/reports/stats/2019/36' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>Statistics of year 2019 week 36 · Herald</title>');
    expect(res.body).toContain('<p>Statistics from 02 September 2019 00:00 CDT to 09 September 2019 00:00 CDT.</p>');
    expect(res.body).toContain('<p>Number of comments with a negative score: <strong>13</strong></p>');
    expect(res.body).toContain('<p>Collective karma change: <strong>-665</strong></p>');
    expect(res.body).toContain('<p>Collective average negative score per comment: <strong>-51</strong></p>'); // −665 ÷ 13 = −51.2
    expect(res.body.match(/<a href="\/compendium\/user\/bob">/g)).toHaveLength(2); // in both full tables
  });

  it('redirects current and last week (307) in the configured zone', async () => {
    for (const [url, location] of [['/reports/current', '/reports/2019/37'], ['/reports/lastweek', '/reports/2019/36'], ['/reports/lastweek/', '/reports/2019/36']]) {
      const res = await app.inject({ url: url! });
      expect(res.statusCode).toBe(307);
      expect(res.headers.location).toBe(location);
    }
  });

  it('lists the weeks that have a report, newest first, with their counts', async () => {
    const body = (await app.inject({ url: '/reports' })).body;
    const weeks = [...body.matchAll(/<tr><td><a href="\/reports\/(\d+\/\d+)">[^<]+<\/a><\/td><td>([^<]+)<\/td><td class="num">(\d+)<\/td>/g)].map((m) => m.slice(1).join(' '));
    expect(weeks).toEqual(['2019/40 30 Sep 2019 4', '2019/37 09 Sep 2019 1', '2019/36 02 Sep 2019 8', '2019/35 26 Aug 2019 1']);
    expect(body).toContain('<a href="/reports/current">This week (2019 week 37)</a>');
  });

  it('answers an empty week 404 with the seed’s texts, as a page or as JSON', async () => {
    for (const [url, message] of [
      ['/reports/2019/30', 'Empty report for 2019/30.'],
      ['/reports/source/2019/30', 'Empty report for 2019/30.'],
      ['/reports/stats/2019/30', 'No statistics for 2019/30.'],
      ['/reports/2019/030/', 'Empty report for 2019/30.'],
    ]) {
      const page = await app.inject({ url: url! });
      expect(page.statusCode).toBe(404);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toContain(`<div class="notice">${message}</div>`);
      // The way back is the index of weeks, not the dashboard.
      expect(page.body).toContain('<p><a href="/reports">← Reports</a></p>');
      const api = await app.inject({ url: url!, headers: json });
      expect(api.statusCode).toBe(404);
      expect(api.json()).toEqual({ statusCode: 404, error: 'Not Found', message });
    }
  });

  it('refuses malformed URLs and weeks that do not exist with 400 and the reason', async () => {
    const usage = "URL must include '[year]/[week number]'.";
    for (const [url, message] of [
      ['/reports/abc/36', 'Year must be a valid number.'],
      ['/reports/2019/x', 'Week must be a valid number.'],
      ['/reports/2019/53', 'Week must be between 1 and 52 for 2019.'],
      ['/reports/2019/54', 'Week must be between 1 and 52 for 2019.'],
      ['/reports/2020/54', 'Week must be between 1 and 53 for 2020.'],
      ['/reports/2019/255', 'Week must be between 1 and 52 for 2019.'],
      ['/reports/2019/0', 'Week must be between 1 and 52 for 2019.'],
      ['/reports/1900/1', 'Year must be between 1970 and 9999.'],
      ['/reports/2019', usage],
      ['/reports/2019/36/extra', usage],
      ['/reports/2019//36', usage],
      ['/reports/source/2019', usage],
      ['/reports/stats/2019/36/1', usage],
    ]) {
      const api = await app.inject({ url: url!, headers: json });
      expect(api.statusCode, url).toBe(400);
      expect(api.json().message, url).toBe(message);
      const page = await app.inject({ url: url! });
      expect(page.statusCode).toBe(400);
      expect(page.body).toContain(`<div class="notice">${message!.replace(/'/g, '&#39;')}</div>`);
    }
    // Week 53 of a 53-week year exists.
    expect((await app.inject({ url: '/reports/2020/53', headers: json })).json().message).toBe('Empty report for 2020/53.');
  });

  it('renders hostile bodies and names harmlessly: no script, no unsafe link, nothing loaded, wide tables contained, long bodies cut', async () => {
    const res = await app.inject({ url: '/reports/2019/40' });
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).not.toMatch(/<script|<img|<iframe/i);
    expect(body).not.toMatch(/href="(javascript|data|vbscript):/i);
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body).toContain('<a href="https://tracker.example/p.gif" rel="nofollow noopener noreferrer" class="md-image" title="image (not loaded)">z</a>');
    expect(commentArticle(body, 2)).toContain('<blockquote><div class="md-table"><table>');
    expect(commentArticle(body, 3)).toContain('more characters not shown: longer than Reddit allows]');
    expect(body.length).toBeLessThan(100_000); // the 42,000-character body was cut to Reddit's 10,000
    expect(body).toContain('<a href="/compendium/user/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E">&lt;img src=x onerror=alert(1)&gt;</a>');
  });

  it('serves pages from memory with an ETag, gzip on request, and a shorter lifetime for the running week', async () => {
    const first = await app.inject({ url: '/reports/2019/36' });
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    expect(first.headers.vary).toBe('Accept-Encoding');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    const again = await app.inject({ url: '/reports/2019/36', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const zipped = await app.inject({ url: '/reports/2019/36', headers: { 'accept-encoding': 'gzip, deflate' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(first.body);
    expect((await app.inject({ url: '/reports/2019/37' })).headers['cache-control']).toBe('public, max-age=10');
  });

  it('keeps serving a rendered week until it expires: a hide shows after at most a minute', async () => {
    const before = (await app.inject({ url: '/reports/2019/36' })).body;
    await env.sql.query(`UPDATE reddit_users SET hidden = true WHERE name = 'alice'`);
    try {
      expect((await app.inject({ url: '/reports/2019/36' })).body).toBe(before);
      const fresh = await build(); // another process, or this one a minute later
      const body = (await fresh.inject({ url: '/reports/2019/36' })).body;
      expect(body).toContain('<p><strong>6</strong> comments under -50');
      expect(body).not.toContain('/compendium/user/alice');
    } finally {
      await env.sql.query(`UPDATE reddit_users SET hidden = false WHERE name = 'alice'`);
    }
  });

  it('keeps the last rendering of a page up while Postgres is unreachable', async () => {
    let down = false;
    let t = now.getTime();
    const outage = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    // The app's pool, cut on demand: every query and connection then fails as when Postgres is down.
    const flaky = {
      query: (...args: Parameters<SqlPool['query']>) => (down ? outage() : env.sql.query(...args)),
      connect: () => (down ? outage() : env.sql.connect()),
    } as unknown as SqlPool;
    const flakyApp = await build({ db: flaky, clock: () => new Date(t) });
    const first = await flakyApp.inject({ url: '/reports/2019/36' });
    expect(first.statusCode).toBe(200);
    down = true;
    t += 61_000; // past the page's 60 s: it is reloaded, which fails
    const during = await flakyApp.inject({ url: '/reports/2019/36' });
    expect(during.statusCode).toBe(200);
    expect(during.body).toBe(first.body);
    // The failed reload has settled by now (its queries fail at once): the stale page is still kept.
    const again = await flakyApp.inject({ url: '/reports/2019/36' });
    expect(again.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
    expect(logs.some((l) => l.includes('reports: reading a page failed') && l.includes('"page":"report/2019/36"') && l.includes('ECONNREFUSED'))).toBe(true);
    const never = await flakyApp.inject({ url: '/reports/2019/35', headers: json }); // never rendered: nothing to show
    expect(never.statusCode).toBe(500);
    expect(never.json().message).toBe('Internal Server Error');
  });

  it('asks for the login when one is set and the pages are not public, and then keeps pages private', async () => {
    const guarded = await build({ admin: { user: 'admin', password: 'secret-pass' } });
    expect((await guarded.inject({ url: '/reports/2019/36' })).statusCode).toBe(401);
    const authorization = `Basic ${Buffer.from('admin:secret-pass').toString('base64')}`;
    const res = await guarded.inject({ url: '/reports/2019/36', headers: { authorization } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, max-age=60');
    const open = await build({ admin: { user: 'admin', password: 'secret-pass', publicPages: true } });
    expect((await open.inject({ url: '/reports/2019/36' })).statusCode).toBe(200);
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test-harness.js';
import { buildCompendiumApp, hostileName, seedWebFixture } from './test-support.js';

const settings = {
  reports: { timezone: 'America/Chicago', cutoff: -50, nbTop: 3, leeway: 0 },
  pageLimits: { defaultLimit: 2, maxLimit: 3 },
};

/** Each comment of a list as `number:score`, in page order (the fixture's scores are unique: s1 −300, a1 −100, h1 −50, a2 −20, s2 −1, a3 30, k1 −500). */
function numbered(body: string): string[] {
  return [...body.matchAll(/<article class="comment" id="(\d+)">[\s\S]*?<tr><th>Score<\/th><td>([^<]*)<\/td>/g)].map((m) => `${m[1]}:${m[2]}`);
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** A section of the page, from its heading to the next h2. */
function section(body: string, id: string): string {
  const start = body.indexOf(`<h2 id="${id}">`);
  if (start < 0) throw new Error(`no section ${id}`);
  const end = body.indexOf('<h2', start + 4);
  return body.slice(start, end < 0 ? undefined : end);
}

/** The cells of each row of the first table in `html`. */
function rows(html: string): string[][] {
  const table = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
  return table.split('<tr>').slice(1).map((r) => [...r.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, '')));
}

describe('compendium pages', () => {
  let env: TestEnv;
  let app: FastifyInstance;
  let emptyApp: FastifyInstance;

  beforeAll(async () => {
    env = await createTestEnv();
    emptyApp = await buildCompendiumApp(env, settings);
    // The empty app renders (and caches) its index before the fixture exists.
    expect((await emptyApp.inject({ url: '/compendium' })).statusCode).toBe(200);
    await seedWebFixture(env.sql);
    app = await buildCompendiumApp(env, settings);
  });
  afterAll(async () => {
    await app.close();
    await emptyApp.close();
    await env.cleanup();
  });

  describe('/compendium', () => {
    it('shows the summary, the most downvoted and both tables of non-hidden registered users', async () => {
      const res = await app.inject({ url: '/compendium' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      const body = res.body;
      expect(body).toContain('<title>Compendium · Herald</title>');
      const summary = section(body, 'summary');
      expect(summary).toContain('<tr><th>Registered</th><td>5</td></tr>');
      expect(summary).toContain('<tr><th>Hidden</th><td>1</td></tr>');
      expect(summary).toMatch(/<tr><th>Usual scan ≈<\/th><td title="[^"]+">\d+ min<\/td><\/tr>/);
      // Alice was scanned 1 min ago, the most recently of the registered users.
      expect(summary).toMatch(/<tr><th>Last scanned<\/th><td><a href="\/compendium\/user\/Alice">Alice<\/a>, \w+day \d\d \w+ \d{4} \d\d:\d\d C[SD]T<\/td><\/tr>/);

      const top = section(body, 'most-downvoted');
      expect(top).toContain('<p>Top 3 most downvoted comments. <a href="/compendium/comments">All comments.</a></p>');
      expect(numbered(top)).toEqual(['1:-300', '2:-100', '3:-50']);

      expect(rows(section(body, 'negative'))).toEqual([
        ['1', 'Sus_Sam', '-301', '2', '-151', expect.stringMatching(/ C[SD]T$/)],
        ['2', 'Alice', '-120', '2', '-60', expect.any(String)],
        ['3', escapeHtml(hostileName), '-50', '1', '-50', expect.any(String)],
      ]);
      expect(rows(section(body, 'karma')).map((r) => r.slice(0, 5))).toEqual([
        ['1', 'Sus_Sam', '-301', '2', '-151'],
        ['2', 'Alice', '-90', '3', '-30'],
        ['3', expect.stringContaining('&lt;img'), '-50', '1', '-50'],
      ]);
      // Hidden and unregistered users' comments are in no table and no list.
      for (const left of ['Hidden_Hank', 'gone_gus', '-500', '-1000']) expect(body).not.toContain(left);
      expect(body).toContain('<form class="search" method="get" action="/compendium/search" role="search">');
    });

    it('shows users without a negative comment with count 0 and N/A', async () => {
      const env2 = await createTestEnv();
      try {
        await env2.sql.query(`INSERT INTO reddit_users (name) VALUES ('Positive_Pat')`);
        await env2.sql.query(`INSERT INTO reddit_comments (id, author, score, permalink, subreddit, created_at, body) VALUES ('p1', 'Positive_Pat', 7, '/r/a/comments/p1/', 'a', now(), 'x')`);
        const app2 = await buildCompendiumApp(env2);
        const body = (await app2.inject({ url: '/compendium' })).body;
        await app2.close();
        expect(section(body, 'most-downvoted')).toContain('No comment yet.');
        expect(section(body, 'negative')).toContain('No comment yet.');
        expect(rows(section(body, 'karma'))).toEqual([['1', 'Positive_Pat', '7', '1', '7', expect.stringMatching(/ UTC$/)]]);
      } finally {
        await env2.cleanup();
      }
    });

    it('says "No comment yet." without comments, and answers with a trailing slash too', async () => {
      const body = (await emptyApp.inject({ url: '/compendium/' })).body;
      expect(body).toContain('<tr><th>Registered</th><td>0</td></tr>');
      expect(body).toContain('<tr><th>Last scanned</th><td>No scan yet.</td></tr>');
      expect(section(body, 'most-downvoted')).toContain('<p class="empty">No comment yet.</p>');
      expect(section(body, 'karma')).toContain('<p class="empty">No comment yet.</p>');
      expect(body).not.toContain('Usual scan');
    });

    it('answers 304 to a browser that holds the page, and gzips it for clients that accept it', async () => {
      const first = await app.inject({ url: '/compendium/user/Alice' });
      expect(first.headers['cache-control']).toBe('public, max-age=60');
      const again = await app.inject({ url: '/compendium/user/alice', headers: { 'if-none-match': String(first.headers.etag) } });
      expect(again.statusCode).toBe(304);
      const zipped = await app.inject({ url: '/compendium', headers: { 'accept-encoding': 'gzip' } });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      // The comment lists are rendered each time, but sent the same way.
      const list = await app.inject({ url: '/compendium/comments', headers: { 'accept-encoding': 'gzip' } });
      expect(list.headers['content-encoding']).toBe('gzip');
      expect(list.headers['cache-control']).toBe('public, max-age=0');
      expect((await app.inject({ url: '/compendium/comments', headers: { 'if-none-match': String(list.headers.etag) } })).statusCode).toBe(304);
    });

    it('serves the index from its cache for a while: a new comment shows on a new app, not on the cached one', async () => {
      await env.sql.query(`INSERT INTO reddit_comments (id, author, score, permalink, subreddit, created_at, body) VALUES ('late', 'Alice', -9999, '/r/x/comments/late/', 'x', now(), 'x')`);
      try {
        expect((await app.inject({ url: '/compendium' })).body).not.toContain('-9,999');
        const fresh = await buildCompendiumApp(env, settings);
        expect((await fresh.inject({ url: '/compendium' })).body).toContain('-9,999');
        await fresh.close();
      } finally {
        await env.sql.query(`DELETE FROM reddit_comments WHERE id = 'late'`);
      }
    });

    it('uses the seed defaults without settings: top 5, dates in UTC', async () => {
      const plain = await buildCompendiumApp(env);
      const body = (await plain.inject({ url: '/compendium' })).body;
      await plain.close();
      expect(body).toContain('Top 5 most downvoted comments.');
      expect(numbered(section(body, 'most-downvoted'))).toEqual(['1:-300', '2:-100', '3:-50', '4:-20', '5:-1']);
      expect(section(body, 'summary')).toMatch(/\d\d:\d\d UTC<\/td><\/tr>/);
    });
  });

  describe('hostile names and bodies', () => {
    it('escapes names, renders bodies as Markdown without raw HTML, scripts, images or foreign permalinks', async () => {
      const body = (await app.inject({ url: '/compendium' })).body;
      expect(body).not.toContain('<img src=x');
      expect(body).not.toContain('<script>alert');
      expect(body).not.toContain('href="javascript:');
      expect(body).not.toContain('"><b>sub');
      expect(body).toContain(`<a href="/compendium/user/${escapeHtml(encodeURIComponent(hostileName))}">&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;</a>`);
      // Markdown: bold rendered, the script tag shown as text, the image a link that is not loaded.
      expect(body).toContain('<strong>bold</strong> &lt;script&gt;alert(&quot;body&quot;)&lt;/script&gt;');
      expect(body).toContain('class="md-image"');
      expect(body).not.toMatch(/<img[^>]+tracker/);
      // The sub is escaped and encoded; a permalink off Reddit is shown as text, never as a link.
      expect(body).toContain('<a href="https://www.reddit.com/r/%22%3E%3Cb%3Esub" rel="noreferrer">&quot;&gt;&lt;b&gt;sub</a>');
      expect(body).toContain('<tr><th>Link</th><td>//evil.example/steal</td></tr>');
      expect(body).not.toContain('href="//evil.example');
    });

    it("reaches the hostile user's page through its encoded name", async () => {
      const res = await app.inject({ url: `/compendium/user/${encodeURIComponent(hostileName)}` });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<h1>/u/&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;</h1>');
      expect(res.body).not.toContain('<img src=x');
    });
  });

  describe('/compendium/user/<name>', () => {
    it("shows a user's facts, chart, most downvoted and per-sub tables, whatever the case typed", async () => {
      const res = await app.inject({ url: '/compendium/user/aLiCe' });
      expect(res.statusCode).toBe(200);
      const body = res.body;
      expect(body).toContain('<title>Compendium of /u/Alice · Herald</title>');
      expect(body).toContain('<tr><th>Link</th><td><a href="https://www.reddit.com/user/Alice" rel="noreferrer">/u/Alice</a></td></tr>');
      expect(body).toContain('<tr><th>Number of comments</th><td>3, with 2 negative (67%)</td></tr>');
      expect(body).toContain('<tr><th>Total karma</th><td>-90, and -120 if negative only</td></tr>');
      expect(body).toContain('<tr><th>Average per comment</th><td>-30, and -60 if negative only</td></tr>');
      expect(body).toMatch(/<tr><th>Last scanned<\/th><td>\w+day \d\d \w+ \d{4} \d\d:\d\d C[SD]T<\/td><\/tr>/);
      expect(body).not.toContain('class="status"');
      // The chart: an inline SVG with a bar for each week with comments (karma and negative karma).
      const svg = body.slice(body.indexOf('<svg'), body.indexOf('</svg>'));
      expect(svg).toContain('Karma per week, last 52 weeks');
      expect(svg.match(/<rect class="s-negative"/g)?.length).toBeGreaterThanOrEqual(1);
      expect(svg.match(/<rect class="s-events"/g)?.length).toBeGreaterThanOrEqual(2);
      const top = section(body, 'most-downvoted');
      expect(top).toContain('<a href="/compendium/comments/user/Alice">All comments.</a>');
      expect(numbered(top)).toEqual(['1:-100', '2:-20', '3:30']);
      expect(rows(section(body, 'negative-per-sub')).map((r) => r.slice(0, 5))).toEqual([['1', 'pics', '-120', '2', '-60']]);
      expect(rows(section(body, 'per-sub')).map((r) => r.slice(0, 5))).toEqual([
        ['1', 'pics', '-120', '2', '-60'],
        ['2', 'news', '30', '1', '30'],
      ]);
      expect(section(body, 'per-sub')).toContain('<a href="https://www.reddit.com/r/news" rel="noreferrer">news</a>');
      expect(body).toContain("NB: comments from after a sub has been quarantined aren't saved, but comments deleted by the user are kept.");
    });

    it('answers with a trailing slash, and shows hidden, suspended and new users with their status', async () => {
      expect((await app.inject({ url: '/compendium/user/Alice/' })).statusCode).toBe(200);
      const hank = await app.inject({ url: '/compendium/user/hidden_hank' });
      expect(hank.statusCode).toBe(200);
      expect(hank.body).toContain('<p class="status">Hidden from the weekly reports and the compendium’s tables.</p>');
      expect(hank.body).toContain('-500');
      expect((await app.inject({ url: '/compendium/user/Sus_Sam' })).body).toContain('<p class="status">Account suspended</p>');
      const nina = (await app.inject({ url: '/compendium/user/new_nina' })).body;
      expect(nina).toContain('<p class="status">Not fully scanned yet.</p>');
      expect(nina).toContain('<tr><th>Last scanned</th><td>Not fully scanned yet</td></tr>');
      expect(nina).toContain('<tr><th>Number of comments</th><td>0, with 0 negative (0%)</td></tr>');
      expect(nina).toContain('<tr><th>Average per comment</th><td>N/A</td></tr>');
      expect(nina).toContain('No comment in the last 52 weeks.');
      expect(section(nina, 'most-downvoted')).toContain('No comment yet.');
    });

    it('answers 404 for unknown and unregistered users, as a page or as JSON', async () => {
      for (const name of ['nobody', 'gone_gus']) {
        const res = await app.inject({ url: `/compendium/user/${name}` });
        expect(res.statusCode).toBe(404);
        expect(res.body).toContain(`<div class="notice">User &quot;${name}&quot; doesn&#39;t exist.</div>`);
      }
      const json = await app.inject({ url: '/compendium/user/nobody', headers: { accept: 'application/json' } });
      expect(json.statusCode).toBe(404);
      expect(json.json()).toMatchObject({ statusCode: 404, message: 'User "nobody" doesn\'t exist.' });
      const nul = await app.inject({ url: '/compendium/user/a%00b' });
      expect(nul.statusCode).toBe(404);
      // HTML forbids NUL: the name is shown as a browser would show it.
      expect(nul.body).not.toContain('\0');
      expect(nul.body).toContain('a\uFFFDb');
    });

    it('answers the usage (400) for no name or more than one segment', async () => {
      for (const url of ['/compendium/user', '/compendium/user/', '/compendium/user/a/b', '/compendium/user/a/b/', '/compendium/user//']) {
        const res = await app.inject({ url, headers: { accept: 'application/json' } });
        expect(res.statusCode, url).toBe(400);
        expect(res.json().message).toBe('Invalid URL, use "/compendium/user/username" to view the page about "username".');
      }
    });
  });

  describe('/compendium/comments', () => {
    it('pages through negative comments with the default limit, numbered from offset + 1, "Next" only on full pages', async () => {
      const first = (await app.inject({ url: '/compendium/comments' })).body;
      expect(first).toContain('<title>All comments · Herald</title>');
      expect(numbered(first)).toEqual(['1:-300', '2:-100']);
      expect(first).toContain('<a href="/compendium/comments?limit=2&amp;offset=2" rel="next">Next 2 comments →</a>');
      expect(first).not.toContain('rel="prev"');
      const second = (await app.inject({ url: '/compendium/comments?offset=2' })).body;
      expect(numbered(second)).toEqual(['3:-50', '4:-20']);
      expect(second).toContain('<a href="/compendium/comments?limit=2&amp;offset=0" rel="prev">← Previous 2 comments</a>');
      const last = (await app.inject({ url: '/compendium/comments/?limit=2&offset=4' })).body;
      expect(numbered(last)).toEqual(['5:-1']);
      expect(last).not.toContain('Next');
      // limit=0 is the default; the maximum is allowed.
      expect(numbered((await app.inject({ url: '/compendium/comments?limit=0' })).body)).toEqual(['1:-300', '2:-100']);
      expect(numbered((await app.inject({ url: '/compendium/comments?limit=3&offset=1' })).body)).toEqual(['2:-100', '3:-50', '4:-20']);
      const past = (await app.inject({ url: '/compendium/comments?offset=50' })).body;
      expect(past).toContain('No comment after number 50.');
    });

    it("refuses bad limits and offsets with the seed's texts", async () => {
      const cases: Array<[string, string]> = [
        ['limit=-1', 'Negative limits are not allowed.'],
        ['limit=4', 'Maximum number of items per page is 3.'],
        ['limit=1&limit=2', 'Only one "limit" parameter is accepted.'],
        ['offset=1&offset=2', 'Only one "offset" parameter is accepted.'],
        ['offset=-1', 'Negative offsets are not allowed.'],
        ['limit=abc', 'Limit must be a whole number, not "abc".'],
        ['offset=1.5', 'Offset must be a whole number, not "1.5".'],
        ['offset=99999999999999999999', 'Offset must be a whole number, not "99999999999999999999".'],
      ];
      for (const [query, message] of cases) {
        const res = await app.inject({ url: `/compendium/comments?${query}` });
        expect(res.statusCode, query).toBe(400);
        expect(res.body).toContain(`<div class="notice">${message.replace(/"/g, '&quot;')}</div>`);
      }
    });
  });

  describe('/compendium/comments/user/<name>', () => {
    it("pages through one user's comments, any score, lowest first", async () => {
      const res = await app.inject({ url: '/compendium/comments/user/alice?limit=1&offset=1' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<title>Comments of /u/Alice · Herald</title>');
      expect(numbered(res.body)).toEqual(['2:-20']);
      expect(res.body).toContain('<a href="/compendium/comments/user/Alice?limit=1&amp;offset=2" rel="next">Next 1 comments →</a>');
      expect(numbered((await app.inject({ url: '/compendium/comments/user/Alice/' })).body)).toEqual(['1:-100', '2:-20']);
      expect(numbered((await app.inject({ url: '/compendium/comments/user/Alice?limit=3' })).body)).toEqual(['1:-100', '2:-20', '3:30']);
      expect(numbered((await app.inject({ url: '/compendium/comments/user/Hidden_Hank' })).body)).toEqual(['1:-500']);
    });

    it('answers 404 for unknown users, the usage for wrong URLs and 400 for bad pages', async () => {
      const missing = await app.inject({ url: '/compendium/comments/user/gone_gus', headers: { accept: 'application/json' } });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().message).toBe('User "gone_gus" doesn\'t exist.');
      for (const url of ['/compendium/comments/user', '/compendium/comments/user/', '/compendium/comments/user/a/b']) {
        const res = await app.inject({ url, headers: { accept: 'application/json' } });
        expect(res.statusCode, url).toBe(400);
        expect(res.json().message).toBe('Invalid URL, use "/compendium/comments/user/username" to view the comments of "username".');
      }
      expect((await app.inject({ url: '/compendium/comments/user/Alice?limit=-5' })).statusCode).toBe(400);
    });
  });

  describe('the admin login', () => {
    it('guards every compendium page unless the read-only pages are public, which then list no hidden user', async () => {
      const admin = { user: 'admin', password: 'secret-password' };
      const guarded = await buildCompendiumApp(env, { ...settings, admin });
      const open = await buildCompendiumApp(env, { ...settings, admin: { ...admin, publicPages: true } });
      try {
        for (const url of ['/compendium', '/compendium/user/Alice', '/compendium/comments', '/compendium/comments/user/Alice', '/compendium/search?q=a']) {
          expect((await guarded.inject({ url })).statusCode, url).toBe(401);
          expect((await open.inject({ url })).statusCode, url).toBe(200);
        }
        const login = { authorization: `Basic ${Buffer.from('admin:secret-password').toString('base64')}` };
        const loggedIn = await guarded.inject({ url: '/compendium/user/Alice', headers: login });
        expect(loggedIn.statusCode).toBe(200);
        // Behind the login, only the browser may keep the page.
        expect(loggedIn.headers['cache-control']).toBe('private, max-age=60');
        const search = (await open.inject({ url: '/compendium/search?q=_' })).body;
        expect(search).not.toContain('Hidden_Hank');
        expect(search).toContain('new_nina');
        expect((await open.inject({ url: '/compendium/user/Hidden_Hank' })).statusCode).toBe(200);
      } finally {
        await guarded.close();
        await open.close();
      }
    });
  });

  describe('/compendium/search', () => {
    it('redirects to the exact name whatever its case, lists partial matches with their state, escapes the text', async () => {
      const exact = await app.inject({ url: '/compendium/search?q=ALICE' });
      expect(exact.statusCode).toBe(303);
      expect(exact.headers.location).toBe('/compendium/user/Alice');
      expect((await app.inject({ url: '/compendium/search?q=%2Fu%2Fsus_sam' })).headers.location).toBe('/compendium/user/Sus_Sam');
      const partial = await app.inject({ url: '/compendium/search?q=_' });
      expect(partial.statusCode).toBe(200);
      expect(partial.body).toContain('<li><a href="/compendium/user/Hidden_Hank">Hidden_Hank</a> <span class="note">(hidden from the reports)</span></li>');
      expect(partial.body).toContain('<li><a href="/compendium/user/new_nina">new_nina</a> <span class="note">(not fully scanned yet)</span></li>');
      expect(partial.body).toContain('<li><a href="/compendium/user/Sus_Sam">Sus_Sam</a> <span class="note">(suspended)</span></li>');
      expect(partial.body).not.toContain('gone_gus');
      expect(partial.body).toContain('value="_"');
      const hostile = await app.inject({ url: `/compendium/search?q=${encodeURIComponent('<script>x')}` });
      expect(hostile.body).toContain("No registered user's name contains “&lt;script&gt;x”.");
      expect(hostile.body).not.toContain('<script>x');
    });

    it('shows the box without text, and refuses repeated or overlong text', async () => {
      expect((await app.inject({ url: '/compendium/search' })).body).toContain('Type a part of a Reddit user name.');
      expect((await app.inject({ url: '/compendium/search?q=' })).statusCode).toBe(200);
      const twice = await app.inject({ url: '/compendium/search?q=a&q=b', headers: { accept: 'application/json' } });
      expect(twice.statusCode).toBe(400);
      expect(twice.json().message).toBe('Only one "q" parameter is accepted.');
      expect((await app.inject({ url: `/compendium/search?q=${'x'.repeat(101)}` })).statusCode).toBe(400);
    });
  });
});

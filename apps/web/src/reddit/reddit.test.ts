import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test-harness.js';
import { hostileName, seedRedditFixtures } from './test-support.js';

type App = Awaited<ReturnType<TestEnv['build']>>;
type UsersJson = { users: Array<Record<string, unknown> & { name: string }>; nextAfter: string | null; prevBefore: string | null };

/** The table row (`<tr …>…</tr>`) that mentions `text`. */
function row(body: string, text: string): string {
  const found = body.split('<tr').find((r) => r.includes(text));
  if (found === undefined) throw new Error(`no row mentions ${text}`);
  return found.split('</tr>')[0]!;
}

/** Code-unit order of lower-cased names: Postgres' `lower(name)` order in the C collation the tests' databases use. */
const byLower = (a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1);
const names = async (app: App, query: string) => ((await app.inject({ url: `/api/reddit/users${query}` })).json() as UsersJson).users.map((u) => u.name);

describe('Reddit page', () => {
  let env: TestEnv;
  let app: App;

  beforeAll(async () => {
    env = await createTestEnv();
    await seedRedditFixtures(env.db);
    app = await env.build();
  });
  afterAll(async () => {
    await env.cleanup();
  });

  it('lists each user with its state, added, last scan (relative and UTC), due, batch size, comments and who registered it', async () => {
    const res = await app.inject({ url: '/reddit' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const alice = row(res.body, '>AliceActive</a>');
    expect(alice).toContain('<a href="https://www.reddit.com/user/AliceActive" rel="noreferrer">AliceActive</a>');
    expect(alice).toContain('<span class="badge reddit-active">active</span>');
    expect(alice).toMatch(/<td>5 min ago<div class="meta">\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC<\/div><\/td>/);
    expect(alice).toContain('<span class="reddit-overdue">overdue 3 min</span>');
    expect(alice).toContain('<td class="num">12</td><td class="num">3</td>');
    expect(alice).toContain('<td class="mono" title="Discord user id">123456789012345678</td>');
    const bob = row(res.body, '>bob_new</a>');
    expect(bob).toContain('<span class="badge reddit-new">new</span><div class="meta">back-filling, at <span class="mono">t1_backfill42</span></div>');
    expect(bob).toContain('<span class="meta">never</span>');
    expect(row(res.body, '>CarolInactive</a>')).toMatch(/<span class="badge reddit-inactive">inactive<\/span>.*<span>in 2 h<\/span>/s);
    const dave = row(res.body, '>dave-suspended</a>');
    expect(dave).toContain('<span class="badge reddit-suspended">suspended</span>');
    expect(dave).toContain('<td>—</td>'); // not scheduled: the resurrections watcher looks after it
    expect(row(res.body, '>EveDeleted</a>')).toContain('<span class="badge reddit-deleted">deleted</span>');
    expect(row(res.body, '>GinaHidden</a>')).toContain('<span class="badge reddit-active">active</span> <span class="badge reddit-hidden">hidden</span>');
    expect(row(res.body, '>HenryScanning</a>')).toContain('<span class="badge reddit-scanning">scanning</span>');
    // Unregistered users are left out unless asked for.
    expect(res.body).not.toContain('frank_gone');
  });

  it('sums up users by state, the scan lag, comments stored and high scores announced', async () => {
    const body = (await app.inject({ url: '/reddit' })).body;
    const tile = (label: string) => body.split('<div class="tile').find((t) => t.includes(`<div class="label">${label}</div>`))!;
    expect(tile('Registered')).toContain('<a href="/reddit">8</a>');
    expect(tile('Registered')).toContain('1 unregistered');
    expect(tile('Active')).toContain('<a href="/reddit?state=active">4</a>');
    expect(tile('New')).toContain('>1</a>');
    expect(tile('Inactive')).toContain('>1</a>');
    expect(tile('Suspended')).toContain('>1</a>');
    expect(tile('Deleted')).toContain('>1</a>');
    expect(tile('Hidden')).toContain('<a href="/reddit?state=hidden">1</a>');
    expect(tile('Scan lag')).toContain('<div class="value">10 min</div>');
    expect(tile('Comments stored')).toContain('<div class="value">3</div>');
    expect(tile('High scores')).toContain('<div class="value">2</div>');
    expect(tile('Scanning')).toContain('no scan yet');
  });

  it('shows a scan outage (Reddit down, a refused login) with its error, which the scan lag alone would not', async () => {
    const tile = async (label: string) => (await app.inject({ url: '/reddit' })).body.split('<div class="tile').find((t) => t.includes(`<div class="label">${label}</div>`))!;
    const note = (error: string | null) =>
      env.db.$executeRawUnsafe(
        `INSERT INTO source_cursors (source_key, position, last_poll_at, last_error, last_success_at, failing_since, updated_at)
         VALUES ('reddit', NULL, now(), $1, CASE WHEN $1::text IS NULL THEN now() END, CASE WHEN $1::text IS NOT NULL THEN now() - interval '5 minutes' END, now())
         ON CONFLICT (source_key) DO UPDATE SET last_error = excluded.last_error, last_success_at = excluded.last_success_at, failing_since = excluded.failing_since`,
        error,
      );
    try {
      await note('Reddit refused the username or password (invalid_grant)');
      const failing = await tile('Scanning');
      expect(failing).toContain('<span class="state">problem</span>');
      expect(failing).toContain('since 5 min ago: Reddit refused the username or password (invalid_grant)');
      await note(null);
      expect(await tile('Scanning')).toContain('<span class="state">OK</span>');
    } finally {
      await env.db.$executeRawUnsafe("DELETE FROM source_cursors WHERE source_key = 'reddit'");
    }
  });

  it('filters by state and by part of a name, keeping the filters in the form', async () => {
    expect(await names(app, '?state=active')).toEqual(['AliceActive', 'GinaHidden', 'HenryScanning', hostileName].sort(byLower));
    expect(await names(app, '?state=new')).toEqual(['bob_new']);
    expect(await names(app, '?state=inactive')).toEqual(['CarolInactive']);
    expect(await names(app, '?state=suspended')).toEqual(['dave-suspended']);
    expect(await names(app, '?state=deleted')).toEqual(['EveDeleted']);
    expect(await names(app, '?state=unregistered')).toEqual(['frank_gone']);
    expect(await names(app, '?state=hidden')).toEqual(['GinaHidden']);
    expect(await names(app, '?state=all')).toHaveLength(9);
    expect(await names(app, '')).toHaveLength(8);
    // Case-insensitive, `u/` dropped, and `_` is a letter here, not LIKE's wildcard.
    expect(await names(app, '?q=u/B_NEW')).toEqual(['bob_new']);
    expect(await names(app, '?q=e_')).toEqual([]);
    const page = (await app.inject({ url: '/reddit?state=suspended&q=dave' })).body;
    expect(page).toContain('<option value="suspended" selected>');
    expect(page).toContain('value="dave"');
    // Refused in words that name the parameter and what it takes.
    const nonsense = await app.inject({ url: '/reddit?state=nonsense' });
    expect(nonsense.statusCode).toBe(400);
    expect(nonsense.body).toContain(
      '<div class="notice">state: expected one of all, hidden, active, new, inactive, suspended, deleted, unregistered, not &quot;nonsense&quot;</div>',
    );
    const script = await app.inject({ url: '/api/reddit/users?q=%3Cscript%3E' });
    expect(script.statusCode).toBe(400);
    expect(script.json()).toMatchObject({ parameter: 'q', message: expect.stringMatching(/^q: expected part of a Reddit user name .*, not "<script>"$/) });
    expect((await app.inject({ url: '/api/reddit/users?limit=0' })).json()).toMatchObject({ message: 'limit: expected a whole number from 1 to 500, not "0"' });
    expect((await app.inject({ url: '/reddit?page=2' })).body).toContain('page: not a parameter of this page (it takes state, q, after, before, limit)');
  });

  it('pages with keyset cursors forwards and back, through the API and the page links', async () => {
    const all = await names(app, '?state=all');
    const first = (await app.inject({ url: '/api/reddit/users?state=all&limit=4' })).json() as UsersJson;
    expect(first.users.map((u) => u.name)).toEqual(all.slice(0, 4));
    expect(first.prevBefore).toBeNull();
    const second = (await app.inject({ url: `/api/reddit/users?state=all&limit=4&after=${encodeURIComponent(first.nextAfter!)}` })).json() as UsersJson;
    expect(second.users.map((u) => u.name)).toEqual(all.slice(4, 8));
    const third = (await app.inject({ url: `/api/reddit/users?state=all&limit=4&after=${encodeURIComponent(second.nextAfter!)}` })).json() as UsersJson;
    expect(third.users.map((u) => u.name)).toEqual(all.slice(8));
    expect(third.nextAfter).toBeNull();
    const back = (await app.inject({ url: `/api/reddit/users?state=all&limit=4&before=${encodeURIComponent(third.prevBefore!)}` })).json() as UsersJson;
    expect(back.users.map((u) => u.name)).toEqual(all.slice(4, 8));
    expect(back.prevBefore).toBe(all[4]);
    expect(back.nextAfter).toBe(all[7]);

    const html = (await app.inject({ url: '/reddit?state=all&limit=4' })).body;
    const next = /<a href="([^"]+)" rel="next">/.exec(html)![1]!.replaceAll('&amp;', '&');
    expect(next).toBe(`/reddit?state=all&limit=4&after=${encodeURIComponent(all[3]!)}`);
    expect(html).not.toContain('rel="prev"');
  });

  it('escapes names everywhere it shows them (page, profile link, cursor links) and serves them intact as JSON', async () => {
    const body = (await app.inject({ url: '/reddit?state=active' })).body;
    expect(body).not.toContain('<img src=x');
    expect(body).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;</a>');
    expect(body).toContain(`href="https://www.reddit.com/user/${encodeURIComponent(hostileName).replaceAll("'", '&#39;')}"`);
    const cursorPage = (await app.inject({ url: `/reddit?state=all&limit=1&before=${encodeURIComponent('AliceActive')}` })).body;
    expect(cursorPage).not.toContain('<img src=x');
    expect((await names(app, '?state=active')).includes(hostileName)).toBe(true);
  });

  it('serves the list and the summary as JSON: ISO times, states as words, no more than the page shows', async () => {
    const { users } = (await app.inject({ url: '/api/reddit/users?q=alice' })).json() as UsersJson;
    expect(users).toEqual([
      {
        name: 'AliceActive', state: 'active', hidden: false, scanning: false, position: null, addedAt: expect.stringMatching(/Z$/),
        createdAt: '2015-06-01T00:00:00.000Z', lastScanAt: expect.stringMatching(/Z$/), dueAt: expect.stringMatching(/Z$/), batchSize: 12, comments: 3,
        registeredBy: '123456789012345678',
      },
    ]);
    const summary = (await app.inject({ url: '/api/reddit' })).json() as Record<string, unknown>;
    expect(summary).toMatchObject({
      users: { active: 4, new: 1, inactive: 1, suspended: 1, deleted: 1, unregistered: 1 }, hidden: 1, comments: { count: 3, estimated: false }, highscores: 2,
      budgetStatus: 'unconfigured', budget: null,
    });
    expect(summary.scanLagSeconds).toBeGreaterThanOrEqual(600);
    expect(summary.scanLagSeconds).toBeLessThan(660);
  });

  it('links the page from every page header', async () => {
    expect((await app.inject({ url: '/' })).body).toContain('<a href="/reddit">Reddit</a>');
  });

  it('asks for the admin login like its siblings; with web.public it is open, read-only, and lists no hidden user', async () => {
    const admin = { user: 'operator', password: 'correct horse battery staple' };
    const authorization = `Basic ${Buffer.from(`${admin.user}:${admin.password}`).toString('base64')}`;
    const urls = ['/reddit', '/api/reddit/users', '/api/reddit'];
    const locked = await env.build({ admin });
    for (const url of urls) {
      const res = await locked.inject({ url });
      expect(res.statusCode, url).toBe(401);
      expect(res.body, url).not.toContain('AliceActive');
      expect((await locked.inject({ url, headers: { authorization } })).statusCode, url).toBe(200);
    }
    expect((await locked.inject({ url: '/reddit?state=hidden', headers: { authorization } })).body).toContain('>GinaHidden</a>');

    const open = await env.build({ admin: { ...admin, publicPages: true } });
    for (const url of urls) expect((await open.inject({ url })).statusCode, url).toBe(200);
    expect((await open.inject({ method: 'POST', url: '/reddit' })).statusCode).toBe(401);
    const body = (await open.inject({ url: '/reddit' })).body;
    expect(body).toContain('Hidden users are not listed');
    expect(body).toContain('>AliceActive</a>');
    expect(body).not.toContain('GinaHidden');
    expect(await names(open, '?state=hidden')).toEqual([]);
  });
});

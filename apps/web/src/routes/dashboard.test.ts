import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPage } from '../data/events.js';
import { createTestEnv, fixtureSecrets, seedFixtures, type TestEnv } from '../test-harness.js';

type App = Awaited<ReturnType<TestEnv['build']>>;

function expectNoPrivateData(body: string) {
  for (const secret of [fixtureSecrets.webhookToken, ...fixtureSecrets.emails, ...fixtureSecrets.realNames]) expect(body).not.toContain(secret);
}

/** The `<tr>` of a table whose text includes `marker`. */
function rowWith(body: string, marker: string): string {
  const row = body.split('<tr').find((r) => r.includes(marker));
  expect(row, `a row with ${marker}`).toBeDefined();
  return row!;
}

describe('dashboard and events API', () => {
  let env: TestEnv;
  let app: App;
  let fixtures: Awaited<ReturnType<typeof seedFixtures>>;

  beforeAll(async () => {
    env = await createTestEnv();
    fixtures = await seedFixtures(env.db);
    await env.db.event.create({
      data: { fingerprint: 'x.evil', type: 'servatrice.account.registered', sourceKey: 'servatrice:default', subject: '<script>alert(1)</script>', payload: {} },
    });
    // Names with LIKE's special characters, and look-alikes they must not match as wildcards.
    await env.db.event.createMany({
      data: ['under_score', 'underXscore', 'back\\slash', 'backslash'].map((subject, i) => ({
        fingerprint: `x.like.${i}`,
        type: 'servatrice.account.registered',
        sourceKey: 'servatrice:default',
        subject,
        payload: {},
      })),
    });
    app = await env.build();
  });
  afterAll(async () => {
    await env.cleanup();
  });

  it('shows a source that is failing, since when, and no position before its baseline', async () => {
    const since = new Date(Date.now() - 60_000);
    await env.db.sourceCursor.create({ data: { sourceKey: 'servatrice:unreachable', position: null, lastPollAt: new Date(), lastError: 'connect ECONNREFUSED 127.0.0.1:3307', failingSince: since } });
    const body = (await app.inject({ url: '/' })).body;
    const row = rowWith(body, '<td>servatrice:unreachable</td>');
    expect(row).toContain('<td class="mono">—</td>');
    expect(row).toContain('<span class="badge ">failing</span>');
    expect(row).toContain('connect ECONNREFUSED 127.0.0.1:3307');
    // The summary marks it red, by word as well as colour.
    expect(body).toMatch(/<li class="bad"><span class="dot" aria-hidden="true"><\/span>servatrice:unreachable: failing<\/li>/);
    await env.db.sourceCursor.delete({ where: { sourceKey: 'servatrice:unreachable' } });
  });

  it('lists sources, destinations by label, and one compact row per event with a status chip per destination', async () => {
    const res = await app.inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const body = res.body;
    expect(body).toContain('<title>Dashboard · Herald</title>');
    expect(rowWith(body, '<td>servatrice:default</td><td class="mono">2</td>')).toContain('42 ms');
    expect(rowWith(body, '>Moderators</a>')).toContain('Discord answered 404 Unknown Webhook');
    const alice = rowWith(body, `id="event-${fixtures.alice.id}"`);
    expect(alice).toContain(`<a href="/events/${fixtures.alice.id}">AliceWonder</a>`);
    expect(alice).toMatch(/<span class="chip delivered" title="Servatrice sign-ups: delivered, pings role 445566778899001122">.*Servatrice sign-ups/);
    const bob = rowWith(body, `id="event-${fixtures.bob.id}"`);
    expect(bob).toMatch(/<span class="chip dead" title="Servatrice sign-ups: dead">/);
    // Why it is dead, on its own line (redacted).
    expect(bob).toContain('<div class="problem"><span class="badge dead">dead</span> Servatrice sign-ups: <span class="error">400 Invalid Form Body for [email]</span></div>');
    // Newest first: bob was recorded after alice; all 7 events fit on one page.
    expect(body.indexOf('BobBuilder')).toBeLessThan(body.indexOf('AliceWonder'));
    expect(body.match(/<tr id="event-/g)).toHaveLength(7);
    expect(body).not.toContain('rel="next"');
  });

  it('shows an event with its attempts, Discord message and redacted errors on its own page', async () => {
    expect((await app.inject({ url: '/events/9999999999999999999' })).statusCode).toBe(400);
    const alice = (await app.inject({ url: `/events/${fixtures.alice.id}` })).body;
    expect(alice).toContain('998877665544332211');
    expect(alice).toMatch(/<td>retry<\/td><td>503<\/td>/);
    expect(alice).toContain('503 from https://discord.com/api/webhooks/112233445566778899/***');
    expect(alice).toContain('servatrice.account.registered · info');
    const bob = await app.inject({ url: `/events/${fixtures.bob.id}` });
    expect(bob.statusCode).toBe(200);
    expect(bob.body).toContain('BobBuilder');
    expect(bob.body).toContain('400 Invalid Form Body for [email]');
    expect(bob.body).not.toContain('AliceWonder');
  });

  it('never renders e-mails, real names or webhook tokens', async () => {
    const urls = ['/', `/events/${fixtures.alice.id}`, `/events/${fixtures.bob.id}`, '/api/events', '/?q=alice', '/partials/dashboard'];
    const pages = await Promise.all(urls.map((url) => app.inject({ url })));
    for (const page of pages) {
      expect(page.statusCode).toBe(200);
      expect(page.body).toMatch(/AliceWonder|BobBuilder/);
      expectNoPrivateData(page.body);
    }
  });

  it('escapes HTML from the database', async () => {
    const body = (await app.inject({ url: '/' })).body;
    expect(body).not.toContain('<script>alert(1)</script>');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('finds events by account name, case-insensitively, and only those', async () => {
    const body = (await app.inject({ url: '/?q=aLiCe' })).body;
    expect(body).toContain('AliceWonder');
    expect(body).not.toContain('BobBuilder');
    expect(body).toContain('value="aLiCe"');
    const api = (await app.inject({ url: '/api/events?q=builder' })).json() as EventPage;
    expect(api.events.map((e) => e.subject)).toEqual(['BobBuilder']);
    const none = (await app.inject({ url: '/?q=nobody-here' })).body;
    expect(none).toContain('No events match these filters.');
  });

  it('treats search text literally (no SQL wildcards)', async () => {
    const api = (await app.inject({ url: '/api/events?q=%25' })).json() as EventPage;
    expect(api.events).toEqual([]);
    const subjects = async (q: string) =>
      ((await app.inject({ url: `/api/events?q=${encodeURIComponent(q)}` })).json() as EventPage).events.map((e) => e.subject);
    expect(await subjects('r_s')).toEqual(['under_score']);
    expect(await subjects('_')).toEqual(['under_score']);
    expect(await subjects('k\\s')).toEqual(['back\\slash']);
    expect(await subjects("' OR 1=1 --")).toEqual([]);
  });

  it('serves the same data as JSON, without payloads or destination targets', async () => {
    const res = await app.inject({ url: `/api/events?before=${fixtures.bob.id}` });
    expect(res.statusCode).toBe(200);
    const page = res.json() as EventPage;
    expect(page.nextBefore).toBeNull();
    expect(page.prevAfter).toBe(fixtures.alice.id.toString());
    expect(page.events).toHaveLength(1);
    const [event] = page.events;
    expect(event).toMatchObject({ id: fixtures.alice.id.toString(), type: 'servatrice.account.registered', subject: 'AliceWonder', severity: 'info' });
    expect(event).not.toHaveProperty('payload');
    expect(event!.deliveries[0]).toMatchObject({
      status: 'delivered',
      attempts: 2,
      discordMessageId: '998877665544332211',
      destination: { id: fixtures.main.id, label: 'Servatrice sign-ups', kind: 'webhook' },
      mentions: { roles: ['445566778899001122'], users: [] },
    });
    expect(event!.deliveries[0]!.destination).not.toHaveProperty('target');
    expect(event!.deliveries[0]!.attemptLog.map((a) => [a.outcome, a.httpStatus])).toEqual([
      ['retry', 503],
      ['delivered', 200],
    ]);
    expect(event!.deliveries[0]!.attemptLog[0]!.error).toBe('503 from https://discord.com/api/webhooks/112233445566778899/***');
  });

  it('shows pings by the name the bot saw, and by id when no name is known', async () => {
    const before = (await app.inject({ url: `/events/${fixtures.alice.id}` })).body;
    expect(before).toContain('pings role 445566778899001122');
    await env.sql.query(`INSERT INTO discord_names (kind, id, name) VALUES ('role', '445566778899001122', 'moderators')`);
    const after = (await app.inject({ url: `/events/${fixtures.alice.id}` })).body;
    expect(after).toContain('pings @moderators');
    expect(after).not.toContain('pings role 445566778899001122');
    const api = (await app.inject({ url: `/api/events?q=AliceWonder` })).json() as EventPage;
    expect(api.events[0]!.deliveries[0]!.pings).toEqual([{ kind: 'role', id: '445566778899001122', name: 'moderators' }]);
    const list = (await app.inject({ url: '/' })).body;
    expect(rowWith(list, `id="event-${fixtures.alice.id}"`)).toContain('title="Servatrice sign-ups: delivered, pings @moderators"');
    await env.sql.query(`DELETE FROM discord_names`);
  });

  it('answers a bad id or parameter with a 400 page for browsers and JSON for the API, and an unknown event with a 404 page', async () => {
    const bad = await app.inject({ url: '/events/abc', headers: { accept: 'text/html' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^text\/html/);
    expect(bad.body).toContain('<title>Bad request · Herald</title>');
    expect(bad.body).toContain('<div class="notice">id: expected an event number such as 1234, not &quot;abc&quot;</div>');
    const api = await app.inject({ url: '/api/events?before=abc' });
    expect(api.statusCode).toBe(400);
    expect(api.json()).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      message: 'before: expected an event number such as 1234 (from the Older and Newer links), not "abc"',
      parameter: 'before',
    });
    const missing = await app.inject({ url: '/events/999999' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('Event #999999 was not found.');
  });

  it('answers a malformed URL with a 400 page for browsers (JSON for JSON clients), never a 500', async () => {
    for (const url of ['/%zz', '/events/%', '/api/%E0%A4%A']) {
      const page = await app.inject({ url, headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
      expect(page.statusCode, url).toBe(400);
      if (url.startsWith('/api/')) {
        expect(page.json(), url).toMatchObject({ statusCode: 400, code: 'FST_ERR_BAD_URL' });
        continue;
      }
      expect(page.headers['content-type'], url).toMatch(/^text\/html/);
      expect(page.body).toContain('<title>Bad address · Herald</title>');
      expect(page.body).toContain(`The address &quot;${url}&quot; is not a valid URL: a % must be followed by two hexadecimal digits`);
      expect(page.body).toContain('<a href="/">← Dashboard</a>');
    }
    const json = await app.inject({ url: '/%zz', headers: { accept: 'application/json' } });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toEqual({ statusCode: 400, code: 'FST_ERR_BAD_URL', error: 'Bad Request', message: "'/%zz' is not a valid url component" });
  });

  it('serves an icon at /favicon.ico, so no page load logs a 404', async () => {
    const icon = await app.inject({ url: '/favicon.ico' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toBe('image/x-icon');
    // An ICO directory (reserved 0, type 1, one image) whose image is a PNG.
    const bytes = icon.rawPayload;
    expect([...bytes.subarray(0, 6)]).toEqual([0, 0, 1, 0, 1, 0]);
    expect(bytes.subarray(22, 30).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
    // Behind a login too: browsers ask before (and without) the credentials.
    const guarded = await env.build({ admin: { user: 'op', password: 'pw' } });
    expect((await guarded.inject({ url: '/favicon.ico' })).statusCode).toBe(200);
    expect((await guarded.inject({ url: '/' })).statusCode).toBe(401);
  });

  it('shows admin buttons and the demo link only when those features are on', async () => {
    const plain = (await app.inject({ url: '/' })).body;
    expect(plain).toContain('<a href="/ibc">IBC</a>');
    expect(plain).not.toContain('/admin/');
    expect(plain).not.toContain('/demo/discord');
    const full = await env.build({ admin: { user: 'op', password: 'pw' }, demoDiscordUrl: 'http://127.0.0.1:9' });
    const authorization = `Basic ${Buffer.from('op:pw').toString('base64')}`;
    const body = (await full.inject({ url: '/', headers: { authorization } })).body;
    expect(body).toContain(`action="/admin/destinations/${fixtures.broken.id}/resume"`);
    expect(body).toContain(`action="/admin/destinations/${fixtures.main.id}/pause"`);
    expect(body).toContain('href="/admin/queues"');
    expect(body).toContain('href="/demo/discord"');
    const event = (await full.inject({ url: `/events/${fixtures.bob.id}`, headers: { authorization } })).body;
    expect(event).toContain(`action="/admin/deliveries/${fixtures.bobDelivery.id}/retry"`);
    const delivered = (await full.inject({ url: `/events/${fixtures.alice.id}`, headers: { authorization } })).body;
    expect(delivered).toContain('AliceWonder');
    expect(delivered).not.toContain(`/retry"`);
  });

  it('labels /metrics as the scrape endpoint instead of a page in the navigation', async () => {
    const body = (await app.inject({ url: '/' })).body;
    const header = /<header[\s>][\s\S]*?<\/header>/.exec(body)?.[0];
    // The navigation is there (so its absence of /metrics means something), without /metrics.
    expect(header).toContain(`<a href="/ibc">IBC</a>`);
    expect(header).not.toContain('/metrics');
    expect(body).toContain('Prometheus scrape endpoint (plain text, for monitoring): <a href="/metrics"><code>/metrics</code></a>');
  });
});

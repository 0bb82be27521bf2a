import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPage } from '../data/events.js';
import { createTestEnv, fixtureSecrets, seedFixtures, type TestEnv } from '../test-harness.js';

type App = Awaited<ReturnType<TestEnv['build']>>;

function expectNoPrivateData(body: string) {
  for (const secret of [fixtureSecrets.webhookToken, ...fixtureSecrets.emails, ...fixtureSecrets.realNames]) expect(body).not.toContain(secret);
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
    const row = body.split('<tr>').find((r) => r.includes('servatrice:unreachable'))!;
    expect(row).toContain('<td class="mono">—</td>');
    expect(row).toContain('<span class="badge ">failing</span>');
    expect(row).toContain('connect ECONNREFUSED 127.0.0.1:3307');
    await env.db.sourceCursor.delete({ where: { sourceKey: 'servatrice:unreachable' } });
  });

  it('lists sources, destinations by label, and events with their deliveries and attempts', async () => {
    const res = await app.inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const body = res.body;
    expect(body).toContain('servatrice:default');
    expect(body).toContain('Servatrice sign-ups');
    expect(body).toContain('Moderators');
    expect(body).toContain('Discord answered 404 Unknown Webhook');
    expect(body).toContain('AliceWonder');
    expect(body).toContain('BobBuilder');
    expect(body).toContain('<span class="badge delivered">delivered</span>');
    expect(body).toContain('<span class="badge dead">dead</span>');
    expect(body).toContain('998877665544332211');
    expect(body).toMatch(/<td>retry<\/td><td>503<\/td>/);
    // Newest first: bob was recorded after alice.
    expect(body.indexOf('BobBuilder')).toBeLessThan(body.indexOf('AliceWonder'));
    // Redacted errors keep their useful part.
    expect(body).toContain('400 Invalid Form Body for [email]');
    expect(body).toContain('503 from https://discord.com/api/webhooks/112233445566778899/***');
  });

  it('never renders e-mails, real names or webhook tokens', async () => {
    const pages = await Promise.all(['/', `/events/${fixtures.alice.id}`, `/events/${fixtures.bob.id}`, '/api/events', '/?q=alice'].map((url) => app.inject({ url })));
    for (const page of pages) expectNoPrivateData(page.body);
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
    const api = (await app.inject({ url: '/api/events?q=builder' })).json() as EventPage;
    expect(api.events.map((e) => e.subject)).toEqual(['BobBuilder']);
    const none = (await app.inject({ url: '/?q=nobody-here' })).body;
    expect(none).toContain('No events match');
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

  it('rejects malformed paging parameters', async () => {
    expect((await app.inject({ url: '/api/events?before=abc' })).statusCode).toBe(400);
  });

  it('shows one event on its own page, and 404 for an unknown one', async () => {
    const res = await app.inject({ url: `/events/${fixtures.bob.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('BobBuilder');
    expect(res.body).toContain('Invalid Form Body');
    expect(res.body).not.toContain('AliceWonder');
    expect((await app.inject({ url: '/events/999999' })).statusCode).toBe(404);
    // Its routing: severity, and whom each delivery pinged.
    const alice = (await app.inject({ url: `/events/${fixtures.alice.id}` })).body;
    expect(alice).toContain('servatrice.account.registered · info');
    expect(alice).toContain('pings role 445566778899001122');
  });

  it('shows admin buttons and the demo link only when those features are on', async () => {
    const plain = (await app.inject({ url: '/' })).body;
    expect(plain).not.toContain('/admin/');
    expect(plain).not.toContain('/demo/discord');
    const full = await env.build({ admin: { user: 'op', password: 'pw' }, demoDiscordUrl: 'http://127.0.0.1:9' });
    const body = (await full.inject({ url: '/' })).body;
    expect(body).toContain(`action="/admin/deliveries/${fixtures.bobDelivery.id}/retry"`);
    expect(body).not.toContain(`action="/admin/deliveries/${fixtures.aliceDelivery.id}/retry"`);
    expect(body).toContain(`action="/admin/destinations/${fixtures.broken.id}/resume"`);
    expect(body).toContain('href="/admin/queues"');
    expect(body).toContain('href="/demo/discord"');
  });
});

describe('event paging', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
    await env.db.event.createMany({
      data: Array.from({ length: 53 }, (_, i) => ({ fingerprint: `p.${i}`, type: 't', sourceKey: 's', subject: `user${i}`, payload: {} })),
    });
  });
  afterAll(async () => {
    await env.cleanup();
  });

  it('shows 50 events per page, newest first, with a link to older ones', async () => {
    const app = await env.build();
    const first = (await app.inject({ url: '/api/events' })).json() as EventPage;
    expect(first.events).toHaveLength(50);
    expect(first.events[0]!.subject).toBe('user52');
    expect(first.nextBefore).toBe(first.events[49]!.id);
    const second = (await app.inject({ url: `/api/events?before=${first.nextBefore}` })).json() as EventPage;
    expect(second.events.map((e) => e.subject)).toEqual(['user2', 'user1', 'user0']);
    expect(second.nextBefore).toBeNull();
    const html = (await app.inject({ url: '/' })).body;
    expect(html).toContain(`href="/?before=${first.nextBefore}"`);
  });
});

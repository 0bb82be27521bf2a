import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, seedFixtures, type TestEnv } from '../test-harness.js';

type App = Awaited<ReturnType<TestEnv['build']>>;

const admin = { user: 'operator', password: 'correct horse battery staple' };
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const good = { authorization: basic(admin.user, admin.password) };

describe('admin routes', () => {
  let env: TestEnv;
  let app: App;
  let fixtures: Awaited<ReturnType<typeof seedFixtures>>;

  beforeAll(async () => {
    env = await createTestEnv();
    app = await env.build({ admin });
  });
  beforeEach(async () => {
    await env.db.event.deleteMany();
    await env.db.destination.deleteMany();
    await env.db.sourceCursor.deleteMany();
    await env.queues.maintenance.obliterate({ force: true });
    fixtures = await seedFixtures(env.db);
  });
  afterAll(async () => {
    await env.cleanup();
  });

  const reconcileJobs = async () => (await env.queues.maintenance.getJobs(['waiting', 'delayed', 'prioritized'])).filter((j) => j.name === 'outbox.reconcile');

  it('ask for credentials and refuse bad ones', async () => {
    const none = await app.inject({ url: '/admin/queues' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Basic realm="Herald admin"/);
    // A page for the browser (cancelling its login box shows it), like every other page's 401; not Bull Board's JSON.
    for (const authorization of [undefined, basic(admin.user, 'wrong')]) {
      const page = await app.inject({ url: '/admin/queues', headers: { accept: 'text/html,*/*;q=0.8', ...(authorization && { authorization }) } });
      expect(page.statusCode).toBe(401);
      expect(page.headers['www-authenticate']).toMatch(/^Basic realm="Herald admin"/);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toContain('<title>Login required · Herald</title>');
      expect(page.body).toContain("behind Herald&#39;s admin login (the HERALD_ADMIN_USER and HERALD_ADMIN_PASSWORD settings)");
      expect(page.body).toContain(authorization ? 'The user name or password was not accepted' : 'enter them when the browser asks');
      expect(page.body).not.toContain('ERRORS.INTERNAL_SERVER_ERROR');
    }
    const json = await app.inject({ url: '/admin/queues/api/queues', headers: { accept: 'application/json' } });
    expect(json.statusCode).toBe(401);
    expect(json.json()).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.stringContaining('admin login') });
    for (const authorization of [basic(admin.user, 'wrong'), basic('someone', admin.password), basic('', ''), 'Bearer abc']) {
      expect((await app.inject({ url: '/admin/queues', headers: { authorization } })).statusCode).toBe(401);
    }
    expect((await app.inject({ url: '/admin/queues/api/queues' })).statusCode).toBe(401);
  });

  it('serve Bull Board for every queue with good credentials', async () => {
    const page = await app.inject({ url: '/admin/queues', headers: good });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const api = await app.inject({ url: '/admin/queues/api/queues', headers: good });
    expect(api.statusCode).toBe(200);
    const names = (api.json() as { queues: Array<{ name: string; type: string }> }).queues.map((q) => q.name).sort();
    expect(names).toEqual(['deliver', 'ibc-poll', 'maintenance', 'reddit-poll', 'servatrice-poll']);
  });

  it('retry a dead delivery: back to pending, attempts kept, reconcile queued', async () => {
    const res = await app.inject({ method: 'POST', url: `/admin/deliveries/${fixtures.bobDelivery.id}/retry`, headers: good });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: fixtures.bobDelivery.id.toString(), status: 'pending', reconcileQueued: true });
    const row = await env.db.delivery.findUniqueOrThrow({ where: { id: fixtures.bobDelivery.id } });
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    const jobs = await reconcileJobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.id).toMatch(/^reconcile-now-\d+$/);
  });

  it('refuse to retry a delivery that is not dead, or does not exist', async () => {
    const delivered = await app.inject({ method: 'POST', url: `/admin/deliveries/${fixtures.aliceDelivery.id}/retry`, headers: good });
    expect(delivered.statusCode).toBe(409);
    expect((await env.db.delivery.findUniqueOrThrow({ where: { id: fixtures.aliceDelivery.id } })).status).toBe('delivered');
    expect((await app.inject({ method: 'POST', url: '/admin/deliveries/987654/retry', headers: good })).statusCode).toBe(404);
    // An id past Postgres's bigint is refused by the route (400), not by Postgres (500).
    expect((await app.inject({ method: 'POST', url: '/admin/deliveries/9999999999999999999/retry', headers: good })).statusCode).toBe(400);
    expect(await reconcileJobs()).toHaveLength(0);
  });

  it("refuse to retry a dead delivery whose event's personal data retention removed: nothing is left to send", async () => {
    await env.db.event.update({ where: { id: fixtures.bobDelivery.eventId }, data: { redactedAt: new Date() } });
    const res = await app.inject({ method: 'POST', url: `/admin/deliveries/${fixtures.bobDelivery.id}/retry`, headers: good });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ error: expect.stringContaining('removed by retention (retention.personalData)') });
    expect((await env.db.delivery.findUniqueOrThrow({ where: { id: fixtures.bobDelivery.id } })).status).toBe('dead');
    expect(await reconcileJobs()).toHaveLength(0);
  });

  it('resume a quarantined destination: active, quarantine cleared, reconcile queued', async () => {
    const longAgo = new Date('2020-01-01T00:00:00Z');
    await env.db.destination.update({ where: { id: fixtures.broken.id }, data: { updatedAt: longAgo } });
    const res = await app.inject({ method: 'POST', url: `/admin/destinations/${fixtures.broken.id}/resume`, headers: good });
    expect(res.statusCode).toBe(200);
    const row = await env.db.destination.findUniqueOrThrow({ where: { id: fixtures.broken.id } });
    expect(row).toMatchObject({ status: 'active', quarantineReason: null, quarantinedAt: null, failureStreak: 0, retryAt: null });
    expect(row.updatedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(await reconcileJobs()).toHaveLength(1);
    const again = await app.inject({ method: 'POST', url: `/admin/destinations/${fixtures.broken.id}/resume`, headers: good });
    expect(again.statusCode).toBe(409);
  });

  it('pause an active destination: paused, nothing queued; pausing again or an unknown one is refused', async () => {
    const url = `/admin/destinations/${fixtures.main.id}/pause`;
    const res = await app.inject({ method: 'POST', url, headers: good });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: fixtures.main.id, status: 'paused' });
    expect((await env.db.destination.findUniqueOrThrow({ where: { id: fixtures.main.id } })).status).toBe('paused');
    expect(await reconcileJobs()).toHaveLength(0);
    const again = await app.inject({ method: 'POST', url, headers: good });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toEqual({ error: 'destination is paused, not active' });
    const quarantined = await app.inject({ method: 'POST', url: `/admin/destinations/${fixtures.broken.id}/pause`, headers: good });
    expect(quarantined.statusCode).toBe(409);
    expect((await env.db.destination.findUniqueOrThrow({ where: { id: fixtures.broken.id } })).status).toBe('quarantined');
    for (const id of ['987654', '99999999999']) {
      expect((await app.inject({ method: 'POST', url: `/admin/destinations/${id}/pause`, headers: good })).statusCode).toBe(404);
    }
  });

  it('resume a paused destination: active again, reconcile queued so its waiting deliveries go out', async () => {
    await app.inject({ method: 'POST', url: `/admin/destinations/${fixtures.main.id}/pause`, headers: good });
    const res = await app.inject({ method: 'POST', url: `/admin/destinations/${fixtures.main.id}/resume`, headers: good });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: fixtures.main.id, status: 'active', reconcileQueued: true });
    expect((await env.db.destination.findUniqueOrThrow({ where: { id: fixtures.main.id } })).status).toBe('active');
    expect(await reconcileJobs()).toHaveLength(1);
    const again = await app.inject({ method: 'POST', url: `/admin/destinations/${fixtures.main.id}/resume`, headers: good });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toEqual({ error: 'destination is active, not paused or quarantined' });
    expect((await app.inject({ method: 'POST', url: '/admin/destinations/987654/resume', headers: good })).statusCode).toBe(404);
  });

  it('send a browser form back to a page', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/admin/deliveries/${fixtures.bobDelivery.id}/retry`,
      headers: { ...good, 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      payload: '',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/events/${fixtures.bob.id}`);
    const resume = await app.inject({
      method: 'POST',
      url: `/admin/destinations/${fixtures.broken.id}/resume`,
      headers: { ...good, 'content-type': 'application/x-www-form-urlencoded', origin: 'http://herald.test', host: 'herald.test' },
      payload: '',
    });
    expect(resume.statusCode).toBe(303);
    expect(resume.headers.location).toBe('/');
    const pause = await app.inject({
      method: 'POST',
      url: `/admin/destinations/${fixtures.main.id}/pause`,
      headers: { ...good, 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      payload: '',
    });
    expect(pause.statusCode).toBe(303);
    expect(pause.headers.location).toBe('/');
  });

  it("answer a refused form post with a page that says what happened and leads back; scripts keep JSON", async () => {
    const form = { ...good, accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' };
    const post = (url: string) => app.inject({ method: 'POST', url, headers: form, payload: '' });
    const cases: Array<[url: string, status: number, title: string, notice: string, back: string]> = [
      ['/admin/deliveries/999999/retry', 404, 'Not retried', 'Delivery 999999 was not found (retention may have removed it). Nothing was changed.', '<a href="/">← Dashboard</a>'],
      [
        `/admin/deliveries/${fixtures.aliceDelivery.id}/retry`,
        409,
        'Not retried',
        `Delivery ${fixtures.aliceDelivery.id} is delivered, not dead: only a dead delivery can be retried. Nothing was changed.`,
        `<a href="/events/${fixtures.alice.id}">← Event #${fixtures.alice.id}</a>`,
      ],
      ['/admin/destinations/987654/pause', 404, 'Not paused', 'Destination 987654 was not found. Nothing was changed.', '<a href="/">← Dashboard</a>'],
      [
        `/admin/destinations/${fixtures.broken.id}/pause`,
        409,
        'Not paused',
        `Destination ${fixtures.broken.id} is quarantined, not active. Nothing was changed.`,
        '<a href="/">← Dashboard</a>',
      ],
      ['/admin/destinations/99999999999/resume', 404, 'Not resumed', 'Destination 99999999999 was not found. Nothing was changed.', '<a href="/">← Dashboard</a>'],
      [
        `/admin/destinations/${fixtures.main.id}/resume`,
        409,
        'Not resumed',
        `Destination ${fixtures.main.id} is active, not paused or quarantined. Nothing was changed.`,
        '<a href="/">← Dashboard</a>',
      ],
    ];
    for (const [url, status, title, notice, back] of cases) {
      const res = await post(url);
      expect(res.statusCode, url).toBe(status);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.body, url).toContain(`<title>${title} · Herald</title>`);
      expect(res.body, url).toContain(`<div class="notice">${notice}</div><p>${back}</p>`);
    }
    // A bad id from a form: the 400 page names the parameter in words.
    const bad = await post('/admin/deliveries/abc/retry');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id: expected a delivery number such as 42 (from an event page), not &quot;abc&quot;');
    // The same refusals to a script (no form, no text/html): JSON as before.
    const script = await app.inject({ method: 'POST', url: '/admin/deliveries/999999/retry', headers: good });
    expect(script.statusCode).toBe(404);
    expect(script.json()).toEqual({ error: 'delivery not found' });
    const scriptBad = await app.inject({ method: 'POST', url: '/admin/deliveries/abc/retry', headers: good });
    expect(scriptBad.statusCode).toBe(400);
    expect(scriptBad.json()).toMatchObject({ statusCode: 400, parameter: 'id' });
    expect(await reconcileJobs()).toHaveLength(0);
  });

  it('refuse a form another site sends with a page for the browser, JSON for a script', async () => {
    const url = `/admin/destinations/${fixtures.main.id}/pause`;
    const page = await app.inject({ method: 'POST', url, headers: { ...good, accept: 'text/html', 'sec-fetch-site': 'cross-site' } });
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('<div class="notice">Refused: this request came from another site.');
    const script = await app.inject({ method: 'POST', url, headers: { ...good, 'sec-fetch-site': 'cross-site' } });
    expect(script.statusCode).toBe(403);
    expect(script.json()).toEqual({ error: 'cross-site requests are not allowed' });
    expect((await env.db.destination.findUniqueOrThrow({ where: { id: fixtures.main.id } })).status).toBe('active');
  });

  it('change nothing without credentials or when another site sends the form', async () => {
    const actions = [
      `/admin/destinations/${fixtures.broken.id}/resume`,
      `/admin/destinations/${fixtures.main.id}/pause`,
      `/admin/deliveries/${fixtures.bobDelivery.id}/retry`,
    ];
    for (const url of actions) {
      expect((await app.inject({ method: 'POST', url })).statusCode).toBe(401);
      expect((await app.inject({ method: 'POST', url, headers: { ...good, 'sec-fetch-site': 'cross-site' } })).statusCode).toBe(403);
      expect((await app.inject({ method: 'POST', url, headers: { ...good, origin: 'https://evil.example' } })).statusCode).toBe(403);
    }
    expect((await env.db.destination.findUniqueOrThrow({ where: { id: fixtures.broken.id } })).status).toBe('quarantined');
    expect((await env.db.destination.findUniqueOrThrow({ where: { id: fixtures.main.id } })).status).toBe('active');
    expect((await env.db.delivery.findUniqueOrThrow({ where: { id: fixtures.bobDelivery.id } })).status).toBe('dead');
    expect(await reconcileJobs()).toHaveLength(0);
  });
});

describe('admin routes without credentials configured', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => {
    await env.cleanup();
  });

  it('are not registered at all, and say so once in the log', async () => {
    const app = await env.build();
    expect((await app.inject({ url: '/admin/queues' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/admin/queues/api/queues' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: '/admin/deliveries/1/retry' })).statusCode).toBe(404);
    // The operator reads one warning that says what is off and names both settings to turn it on.
    const warnings = env.logLines().filter((l) => /admin routes disabled/.test(String(l.msg)));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.level).toBe(40);
    expect(warnings[0]!.msg).toMatch(/HERALD_ADMIN_USER\b.*\bHERALD_ADMIN_PASSWORD\b/);
  });
});

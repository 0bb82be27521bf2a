import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '@herald/logging';
import { buildApp } from '../app.js';
import type { WebDeps } from '../deps.js';
import { createTestEnv, seedFixtures, type TestEnv } from '../test-harness.js';
import { needsLogin } from './auth.js';
import { clientKey, LoginThrottle } from './login-throttle.js';

const admin = { user: 'operator', password: 'correct horse battery staple' };
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const good = { authorization: basic(admin.user, admin.password) };
const wrong = { authorization: basic(admin.user, 'guess') };

/** The read-only pages; /demo/discord exists because the apps below are built in demo mode. */
const pages = ['/', '/api/events', '/ibc', '/api/ibc', '/metrics', '/demo/discord'];

let env: TestEnv;
let eventId: bigint;
/** What the app last built logged (raw JSON lines). */
const logged: string[] = [];
const apps: FastifyInstance[] = [];
beforeAll(async () => {
  env = await createTestEnv();
  eventId = (await seedFixtures(env.db)).alice.id;
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await env.cleanup();
});

/** An app on the test database, with what it is given (no demo Discord answers: pages are only reached). */
async function build(options: Pick<WebDeps, 'admin' | 'loginThrottle' | 'trustProxy'>): Promise<FastifyInstance> {
  logged.length = 0;
  const logger = createLogger({ name: 'auth-test', level: 'info', destination: new Writable({ write: (chunk, _enc, cb) => (logged.push(String(chunk)), cb()) }) });
  const app = await buildApp({ db: env.sql, queues: env.queues, logger, demoDiscordUrl: 'http://127.0.0.1:9', ...options });
  apps.push(app);
  return app;
}

describe('with an admin login configured', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await build({ admin });
  });

  it('asks for it on every page, the API, /metrics and unknown paths; /healthz stays open', async () => {
    for (const url of [...pages, `/events/${eventId}`, '/no-such-page', '/admin/queues']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(401);
      expect(res.headers['www-authenticate'], url).toMatch(/^Basic realm="Herald admin"/);
      expect(res.body, url).not.toContain('AliceWonder');
    }
    expect((await app.inject({ method: 'POST', url: '/demo/discord/command', payload: {} })).statusCode).toBe(401);
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });

  it('serves the pages with it', async () => {
    for (const url of ['/', '/api/events', '/ibc', '/metrics', `/events/${eventId}`]) {
      expect((await app.inject({ url, headers: good })).statusCode, url).toBe(200);
    }
    expect((await app.inject({ url: '/', headers: good })).body).toContain('AliceWonder');
  });
});

describe('with web.public', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await build({ admin: { ...admin, publicPages: true } });
  });

  it('opens the read-only pages to everyone, and nothing else', async () => {
    for (const url of ['/', '/api/events', '/ibc', '/api/ibc', '/metrics', `/events/${eventId}`]) {
      expect((await app.inject({ url })).statusCode, url).toBe(200);
    }
    // Reached, not asked for a login (what the page then shows is the demo's business).
    expect((await app.inject({ url: '/demo/discord' })).statusCode).not.toBe(401);
    expect((await app.inject({ url: '/no-such-page' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/admin/queues' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/admin/destinations/1/pause' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/demo/discord/command', payload: {} })).statusCode).toBe(401);
  });
});

describe('without an admin login', () => {
  it('leaves every page open', async () => {
    const app = await build({});
    for (const url of ['/', '/api/events', '/ibc', '/metrics', `/events/${eventId}`]) {
      expect((await app.inject({ url })).statusCode, url).toBe(200);
    }
  });

  it('warns when it listens where other machines can reach it, not on loopback', async () => {
    const exposedWarnings = () => env.logLines().filter((l) => /no admin login configured and listening on a non-loopback address/.test(String(l.msg)));
    const local = await env.build();
    await local.listen({ host: '127.0.0.1', port: 0 });
    expect(exposedWarnings()).toHaveLength(0);
    const open = await env.build();
    await open.listen({ host: '0.0.0.0', port: 0 });
    const warnings = exposedWarnings();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 40, addresses: ['0.0.0.0'] });
    expect(String(warnings[0]!.msg)).toMatch(/HERALD_ADMIN_USER.*HERALD_ADMIN_PASSWORD.*HERALD_WEB_HOST=127\.0\.0\.1/);
  });
});

describe('failed logins', () => {
  let now: number;
  let app: FastifyInstance;
  const attacker = '203.0.113.7';
  const operator = '198.51.100.20';
  const get = (remoteAddress: string, headers: Record<string, string>) => app.inject({ url: '/', remoteAddress, headers });

  beforeEach(async () => {
    now = Date.parse('2026-12-01T10:00:00Z');
    app = await build({ admin, loginThrottle: { maxFailures: 5, windowMs: 60_000, lockMs: 120_000, now: () => now } });
  });

  it('lock out a brute force with 429 and Retry-After, even for the right password; other addresses still log in', async () => {
    for (let i = 0; i < 5; i++) expect((await get(attacker, wrong)).statusCode).toBe(401);
    for (const headers of [wrong, good]) {
      const locked = await get(attacker, headers);
      expect(locked.statusCode).toBe(429);
      expect(locked.headers['retry-after']).toBe('120');
      // A page for the browser (curl's */* too), saying for how long.
      expect(locked.headers['content-type']).toMatch(/^text\/html/);
      expect(locked.body).toContain('<div class="notice">Too many failed logins from this address: it is locked out for 120 s. Try again after that.</div>');
    }
    const script = await app.inject({ url: '/api/events', remoteAddress: attacker, headers: good });
    expect(script.statusCode).toBe(429);
    expect(script.json()).toEqual({ error: 'too many failed logins from this address; try again later' });
    expect((await get(operator, good)).statusCode).toBe(200);
    // Retry-After counts down; a request while locked out does not extend the lock.
    now += 100_000;
    expect((await get(attacker, wrong)).headers['retry-after']).toBe('20');
    now += 20_000;
    expect((await get(attacker, good)).statusCode).toBe(200);
    // One warning when the lock starts, naming the address but never the password tried.
    const lockouts = logged.filter((line) => line.includes('locked out'));
    expect(lockouts).toHaveLength(1);
    expect(JSON.parse(lockouts[0]!)).toMatchObject({ level: 40, client: attacker, lockedSeconds: 120 });
    expect(logged.join('')).not.toContain('guess');
  });

  it('count only failures, within the window: logging in right many times never locks anyone out', async () => {
    for (let i = 0; i < 20; i++) expect((await get(operator, good)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await get(attacker, wrong)).statusCode).toBe(401);
    now += 60_000; // the window is over: the count starts again
    for (let i = 0; i < 4; i++) expect((await get(attacker, wrong)).statusCode).toBe(401);
    expect((await get(attacker, good)).statusCode).toBe(200);
    // No credentials at all is the browser's first request, not a guess.
    for (let i = 0; i < 10; i++) expect((await get(operator, {})).statusCode).toBe(401);
    expect((await get(operator, good)).statusCode).toBe(200);
  });

  it('behind a reverse proxy (web.ipHeader) are counted per address the proxy added, which the client cannot choose', async () => {
    app = await build({ admin, trustProxy: true, loginThrottle: { maxFailures: 5, windowMs: 60_000, lockMs: 120_000, now: () => now } });
    const proxy = '10.0.0.2';
    // The client writes whatever it likes in front; the proxy appends the address it saw.
    const via = (headers: Record<string, string>, forged: string) => get(proxy, { ...headers, 'x-forwarded-for': `${forged}, ${attacker}` });
    for (let i = 1; i <= 5; i++) expect((await via(wrong, `192.0.2.${i}`)).statusCode).toBe(401);
    expect((await via(good, '192.0.2.99')).statusCode).toBe(429);
    expect((await get(proxy, { ...good, 'x-forwarded-for': operator })).statusCode).toBe(200);
    expect(JSON.parse(logged.find((line) => line.includes('locked out'))!)).toMatchObject({ client: attacker });
  });

  it('are counted per IPv6 /64 network, since one subscriber holds a whole /64', async () => {
    for (let i = 1; i <= 5; i++) expect((await get(`2001:db8:1:2::${i}`, wrong)).statusCode).toBe(401);
    expect((await get('2001:db8:1:2:ffff::9', good)).statusCode).toBe(429);
    expect((await get('2001:db8:1:3::1', good)).statusCode).toBe(200);
  });
});

describe('the login throttle', () => {
  it('keys IPv4, IPv4-mapped and IPv6 clients', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('2001:db8:1:2::5')).toBe(clientKey('2001:0db8:0001:0002:ffff:0:0:1'));
    expect(clientKey('2001:db8:1:2::5')).not.toBe(clientKey('2001:db8:1:3::5'));
  });

  it('remembers a bounded number of clients, forgetting the least recently seen', () => {
    const throttle = new LoginThrottle({ maxFailures: 1, maxClients: 3 });
    for (const client of ['a', 'b', 'c', 'd']) throttle.recordFailure(client);
    expect(['a', 'b', 'c', 'd'].map((client) => throttle.lockedFor(client) > 0)).toEqual([false, true, true, true]);
  });
});

describe('which routes need the login', () => {
  it('is decided by route pattern: /healthz open, admin never public, a route not listed is protected', () => {
    expect(needsLogin('GET', '/healthz', false)).toBe(false);
    expect(needsLogin('GET', '/', false)).toBe(true);
    expect(needsLogin('GET', '/', true)).toBe(false);
    expect(needsLogin('GET', '/events/:id', true)).toBe(false);
    expect(needsLogin('GET', '/partials/dashboard', true)).toBe(false);
    expect(needsLogin('HEAD', '/assets/live.js', true)).toBe(false);
    expect(needsLogin('GET', '/assets/live.js', false)).toBe(true);
    expect(needsLogin('POST', '/demo/discord/command', true)).toBe(true);
    expect(needsLogin('GET', '/admin/queues/*', true)).toBe(true);
    expect(needsLogin('GET', '/reports/:year/:week', true)).toBe(false);
    expect(needsLogin('GET', '/compendium/user/:name', true)).toBe(false);
    // The backup holds Discord ids and destinations: never public.
    expect(needsLogin('GET', '/backup', true)).toBe(true);
    expect(needsLogin('GET', '/apiary', true)).toBe(true);
    expect(needsLogin('GET', undefined, false)).toBe(true);
    expect(needsLogin('GET', undefined, true)).toBe(false);
    expect(needsLogin('POST', undefined, true)).toBe(true);
  });
});

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test-harness.js';
import { seedRedditFixtures } from '../reddit/test-support.js';
import { BackupNeedsAdminMessage } from './routes.js';
import { admin, buildBackupApp, login, realPgRestore, scriptDir, testPassword, urlWithPassword, type BackupApp } from './test-support.js';

const hour = 3_600_000;

let env: TestEnv;
let scripts: ReturnType<typeof scriptDir>;
const apps: BackupApp[] = [];
beforeAll(async () => {
  env = await createTestEnv();
  await seedRedditFixtures(env.db);
  scripts = scriptDir();
});
afterEach(async () => {
  for (const { app } of apps.splice(0)) await app.close();
});
afterAll(async () => {
  await env.cleanup();
  scripts.remove();
});

/** An app whose cache lives in its own directory, with a clock the test moves. */
async function build(options: { pgDump?: string; admin?: typeof admin | undefined; publicPages?: boolean; databaseUrl?: string; path?: string; now?: number } = {}) {
  const clock = { now: options.now ?? Date.now() };
  const path = options.path ?? join(scripts.dir, `cache-${apps.length}-${Math.random().toString(36).slice(2)}`, 'herald.dump');
  const dir = dirname(path);
  const credentials = 'admin' in options ? options.admin : admin;
  const built = await buildBackupApp(
    env,
    { path, maxAgeMs: 24 * hour, publicExport: false, pgDump: options.pgDump ?? scripts.countingPgDump(), databaseUrl: options.databaseUrl ?? urlWithPassword(env), now: () => clock.now },
    credentials && { ...credentials, publicPages: options.publicPages ?? false },
  );
  apps.push(built);
  return { ...built, clock, dir, path };
}

const get = (app: BackupApp['app'], headers: Record<string, string> = login) => app.inject({ url: '/backup', headers });

describe('GET /backup', () => {
  it('is refused without an admin login configured, saying which variables to set', async () => {
    const { app } = await build({ admin: undefined });
    const res = await app.inject({ url: '/backup' });
    expect(res.statusCode).toBe(403);
    expect(res.body).toBe(`${BackupNeedsAdminMessage}\n`);
    expect(res.body).toContain('HERALD_ADMIN_USER and HERALD_ADMIN_PASSWORD');
    // A browser that followed the link gets the same words on a page.
    const page = await app.inject({ url: '/backup', headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(page.statusCode).toBe(403);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<title>No backup · Herald</title>');
    expect(page.body).toContain('backups are only served behind the admin login: set HERALD_ADMIN_USER and HERALD_ADMIN_PASSWORD');
  });

  it('asks for the admin login, even when the read-only pages are public', async () => {
    for (const publicPages of [false, true]) {
      const { app, dir } = await build({ publicPages });
      const res = await app.inject({ url: '/backup' });
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Basic/);
      expect((await get(app, { authorization: `Basic ${Buffer.from('operator:wrong').toString('base64')}` })).statusCode).toBe(401);
      expect(existsSync(dir)).toBe(false); // nothing was dumped for them
    }
  });

  it('serves a pg_dump custom-format file as an attachment, with Last-Modified and Range support', async () => {
    const { app, path, clock } = await build();
    const res = await get(app);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('PGDMP'); // the custom format's magic
    expect(res.headers['content-type']).toBe('application/octet-stream');
    const stamp = new Date(clock.now).toISOString().slice(0, 19).replace(/:/g, '-');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="herald-${stamp}Z.dump"`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(new Date(res.headers['last-modified'] as string).getTime()).toBe(Math.floor(clock.now / 1000) * 1000);
    expect(Number(res.headers['content-length'])).toBe(statSync(path).size);
    // It holds webhook URLs: only Herald's user may read the file.
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(res.rawPayload.equals(readFileSync(path))).toBe(true);
    // What the archive holds, as pg_restore reads it (the data itself is compressed).
    expect(execFileSync(realPgRestore, ['--list', path], { encoding: 'utf8' })).toMatch(/TABLE DATA public reddit_users /);

    const part = await get(app, { ...login, range: 'bytes=0-4' });
    expect(part.statusCode).toBe(206);
    expect(part.body).toBe('PGDMP');
    expect(part.headers['content-range']).toBe(`bytes 0-4/${statSync(path).size}`);
    const unchanged = await get(app, { ...login, 'if-none-match': res.headers.etag as string });
    expect(unchanged.statusCode).toBe(304);
  });

  it('reuses the cached dump while it is younger than maxAge, and makes a new one after', async () => {
    const { app, clock } = await build();
    const before = scripts.runs();
    const first = await get(app);
    clock.now += 24 * hour - 1000;
    const second = await get(app);
    expect(scripts.runs() - before).toBe(1);
    expect(second.headers.etag).toBe(first.headers.etag);
    clock.now += 2000;
    const third = await get(app);
    expect(third.statusCode).toBe(200);
    expect(scripts.runs() - before).toBe(2);
    expect(third.headers.etag).not.toBe(first.headers.etag);
    expect(new Date(third.headers['last-modified'] as string).getTime()).toBe(Math.floor(clock.now / 1000) * 1000);
  });

  it('never serves a cached dump of another database (the demo one, or the one before a restore), even one younger than maxAge', async () => {
    const first = await build();
    const before = scripts.runs();
    expect((await get(first.app)).statusCode).toBe(200);
    // Same cache file, another database (by its address: the same server reached as localhost).
    const other = new URL(urlWithPassword(env));
    other.hostname = 'localhost';
    const second = await build({ path: first.path, databaseUrl: other.toString(), now: first.clock.now });
    expect((await get(second.app)).statusCode).toBe(200);
    expect(scripts.runs() - before).toBe(2);
    expect(readFileSync(`${first.path}.source`, 'utf8')).not.toContain(testPassword);
    // The first database again: the file now holds the other's dump, so it is made again too.
    const third = await build({ path: first.path, now: first.clock.now });
    await get(third.app);
    expect(scripts.runs() - before).toBe(3);
  });

  it('runs one pg_dump for concurrent requests, which all get that dump', async () => {
    const { app, dir } = await build();
    const before = scripts.runs();
    const responses = await Promise.all([get(app), get(app), get(app), get(app)]);
    expect(scripts.runs() - before).toBe(1);
    for (const res of responses) {
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(responses[0]!.rawPayload)).toBe(true);
    }
    expect(readdirSync(dir).sort()).toEqual(['herald.dump', 'herald.dump.source']);
  });

  it('answers 500 with pg_dump\'s reason, without the password, leaves no partial file and keeps the previous dump', async () => {
    const good = await build();
    expect((await get(good.app)).statusCode).toBe(200);
    const previous = readFileSync(good.path);
    const { app, dir, logs } = await build({ pgDump: scripts.failingPgDump(), path: good.path, now: good.clock.now + 25 * hour });
    const res = await get(app);
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toBe('backup failed: pg_dump exited with code 1: pg_dump: error: connection lost as postgres (***)\n');
    expect(readdirSync(dir).sort()).toEqual(['herald.dump', 'herald.dump.source']);
    expect(readFileSync(good.path).equals(previous)).toBe(true);
    expect(JSON.stringify(logs())).not.toContain(testPassword);
    expect(logs().some((l) => l.msg === 'backup: pg_dump failed; the partial file was deleted')).toBe(true);
  });

  it('answers 500 when the real pg_dump cannot connect', async () => {
    const missing = new URL(urlWithPassword(env));
    missing.pathname = '/herald_no_such_database';
    const { app, dir } = await build({ databaseUrl: missing.toString(), pgDump: scripts.countingPgDump() });
    const res = await get(app);
    expect(res.statusCode).toBe(500);
    expect(res.body).toMatch(/^backup failed: pg_dump exited with code 1: .*database "herald_no_such_database" does not exist/s);
    expect(res.body).not.toContain(testPassword);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('stops a running pg_dump when the app closes: the waiting request gets 500 and the partial file goes', async () => {
    const { app, dir } = await build({ pgDump: scripts.hangingPgDump() });
    const pending = get(app);
    await expect.poll(() => (existsSync(dir) ? readdirSync(dir) : [])).toEqual([expect.stringMatching(/^herald\.dump\.partial-/)]);
    await app.close();
    const res = await pending;
    expect(res.statusCode).toBe(500);
    expect(res.body).toBe('backup failed: pg_dump was stopped by SIGTERM without saying why\n');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('deletes partial files a dead process left (untouched for an hour), not ones being written', async () => {
    const { app, dir } = await build();
    mkdirSync(dir, { recursive: true });
    const abandoned = join(dir, 'herald.dump.partial-1-dead');
    const recent = join(dir, 'herald.dump.partial-2-live');
    writeFileSync(abandoned, 'PGDMP');
    writeFileSync(recent, 'PGDMP');
    const twoHoursAgo = new Date(Date.now() - 2 * hour);
    utimesSync(abandoned, twoHoursAgo, twoHoursAgo);
    expect((await get(app)).statusCode).toBe(200);
    expect(readdirSync(dir).sort()).toEqual(['herald.dump', 'herald.dump.partial-2-live', 'herald.dump.source']);
  });

  it('answers 503 naming the client to install when pg_dump is older than the server or missing, and logs it at start', async () => {
    const old = await build({ pgDump: scripts.oldPgDump() });
    const res = await get(old.app);
    expect(res.statusCode).toBe(503);
    expect(res.body).toMatch(/^backup unavailable: .*pg_dump-old is version 9\.6\.24, older than the server's \d+: install the PostgreSQL \d+ client or newer \(Debian\/Ubuntu: apt-get install postgresql-client-\d+/);
    expect(existsSync(old.dir)).toBe(false);
    await expect.poll(() => old.logs().find((l) => String(l.msg).startsWith('backup: /backup will answer 503 until this is fixed'))?.level).toBe(40);

    const missing = await build({ pgDump: join(scripts.dir, 'no-such-pg_dump') });
    const gone = await get(missing.app);
    expect(gone.statusCode).toBe(503);
    expect(gone.body).toMatch(/no-such-pg_dump not found: install the PostgreSQL \d+ client or newer/);
    // The rest of the web app works without pg_dump.
    expect((await missing.app.inject({ url: '/healthz' })).statusCode).not.toBe(500);
    expect((await missing.app.inject({ url: '/reddit', headers: login })).statusCode).toBe(200);
  });

  it('logs at start which pg_dump and server versions it found', async () => {
    const { app, logs } = await build();
    await app.ready();
    await expect.poll(() => logs().find((l) => l.msg === 'backup: pg_dump can dump this server')).toMatchObject({ pgDump: expect.stringMatching(/^\d+/), server: expect.stringMatching(/^\d+/) });
  });
});

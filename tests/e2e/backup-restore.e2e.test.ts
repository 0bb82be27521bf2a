import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlPool } from '@herald/db/sql';
import { createTestDatabase, createTestRedisPrefix, postgresUrlFor, withPostgresAdmin, type TestDatabase, type TestRedisPrefix } from '@herald/testkit';
import { warnIfNoPgDump } from '../../scripts/lib/pg-dump-check.mjs';
import { repoRoot, startWebApp, type AppProcess } from './harness.js';

const run = promisify(execFile);
const admin = { user: 'operator', password: 'restore-test-password' };
const authorization = `Basic ${Buffer.from(`${admin.user}:${admin.password}`).toString('base64')}`;
const day = 86_400_000;

/**
 * Issue 11 "a backup restores": a populated database is backed up over HTTP by the built web app,
 * restored the way the README says (createdb, pg_restore --no-owner), and a second web app
 * started on the restored database serves the same data.
 */
describe('backup and restore', () => {
  let source: TestDatabase;
  let redis: TestRedisPrefix;
  const restoredName = `herald_restored_${process.pid}_${Date.now()}`;
  const dir = mkdtempSync(join(tmpdir(), 'herald-restore-'));
  const apps: AppProcess[] = [];

  beforeAll(async () => {
    [source, redis] = await Promise.all([createTestDatabase('herald_e2e_backup'), createTestRedisPrefix()]);
    // Dates relative to now: the pages show ages and weeks.
    const now = Date.now();
    const sql = createSqlPool({ url: source.url, max: 1 });
    try {
      await sql.query(
        `INSERT INTO reddit_users (name, added_at, created_at, hidden, is_new, due_at, registered_by)
         VALUES ('RestoredAlice', $1, $2, false, false, now(), '123456789012345678'), ('restored_bob', $1, NULL, true, false, now(), NULL)`,
        [new Date(now - 30 * day), new Date(now - 900 * day)],
      );
      await sql.query(
        `INSERT INTO reddit_comments (id, author, score, permalink, subreddit, created_at, body)
         SELECT 'r' || i, CASE WHEN i % 2 = 0 THEN 'RestoredAlice' ELSE 'restored_bob' END, -i, '/r/t/comments/a/b/r' || i || '/', 't', $1::timestamp - i * interval '1 hour', 'body ' || i
         FROM generate_series(1, 500) AS i`,
        [new Date(now - day)],
      );
    } finally {
      await sql.end();
    }
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.kill('SIGTERM')));
    await withPostgresAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${restoredName}" WITH (FORCE)`));
    await source?.drop();
    await redis?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  async function startWeb(databaseUrl: string, name: string) {
    const { web, base } = await startWebApp(databaseUrl, redis, {
      HERALD_ADMIN_USER: admin.user,
      HERALD_ADMIN_PASSWORD: admin.password,
      HERALD_BACKUP_PATH: join(dir, name, 'herald.dump'),
    });
    apps.push(web);
    await web.waitFor(/backup: pg_dump can dump this server/);
    return base;
  }

  it('restores into an empty database on which Herald starts and shows the data', async () => {
    const first = await startWeb(source.url, 'source');
    expect((await fetch(`${first}/backup`)).status).toBe(401);
    const res = await fetch(`${first}/backup`, { headers: { authorization } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="herald-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.dump"$/);
    const file = join(dir, 'downloaded.dump');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    expect(statSync(file).size).toBe(Number(res.headers.get('content-length')));

    // The README's restore: an empty database, then pg_restore without the original owner.
    await withPostgresAdmin((c) => c.query(`CREATE DATABASE "${restoredName}"`));
    const restoredUrl = postgresUrlFor(restoredName);
    await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${restoredUrl}`, file]);
    // Herald's migrations find the restored schema up to date (an upgrade would add only newer ones).
    const migrate = await run(process.execPath, [join(repoRoot, 'packages/db/dist/migrate-cli.js')], { env: { PATH: process.env.PATH ?? '', DATABASE_URL: restoredUrl } });
    expect(migrate.stdout + migrate.stderr).not.toMatch(/error/i);

    const second = await startWeb(restoredUrl, 'restored');
    const api = await fetch(`${second}/api/reddit/users?state=all`, { headers: { authorization } });
    expect(api.status).toBe(200);
    const { users } = (await api.json()) as { users: Array<{ name: string; hidden: boolean; comments: number; registeredBy: string | null }> };
    expect(users.map((u) => u.name).sort()).toEqual(['RestoredAlice', 'restored_bob']);
    expect(users.find((u) => u.name === 'RestoredAlice')).toMatchObject({ hidden: false, comments: 250, registeredBy: '123456789012345678' });
    expect(users.find((u) => u.name === 'restored_bob')).toMatchObject({ hidden: true, comments: 250 });
    const page = await fetch(`${second}/reddit`, { headers: { authorization } });
    expect(await page.text()).toContain('RestoredAlice');
  });

  it('npm start warns, without stopping, when pg_dump is missing', async () => {
    expect(await warnIfNoPgDump({ PATH: process.env.PATH })).toBeUndefined();
    const warning = await warnIfNoPgDump({ PATH: process.env.PATH, HERALD_PG_DUMP: join(dir, 'no-pg_dump') });
    expect(warning).toMatch(/no-pg_dump not found: GET \/backup will answer 503 until the PostgreSQL client is installed/);
  });
});

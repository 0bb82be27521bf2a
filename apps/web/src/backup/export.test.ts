import { get } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test-harness.js';
import { hostileName, seedRedditFixtures } from '../reddit/test-support.js';
import { admin, buildBackupApp, login, realPgDump, type BackupApp } from './test-support.js';

let env: TestEnv;
const apps: BackupApp[] = [];
beforeAll(async () => {
  env = await createTestEnv();
  await seedRedditFixtures(env.db);
});
afterEach(async () => {
  for (const { app } of apps.splice(0)) await app.close();
});
afterAll(async () => {
  await env.cleanup();
});

const exportedAt = new Date('2030-01-02T03:04:05.678Z'); // the injected clock: any fixed instant works, nothing compares it to today
async function build(publicExport: boolean, withAdmin = true) {
  const built = await buildBackupApp(
    env,
    { path: '/nonexistent/herald.dump', maxAgeMs: 3_600_000, publicExport, pgDump: realPgDump, databaseUrl: env.sql.options.connectionString!, now: () => exportedAt.getTime() },
    withAdmin ? admin : undefined,
  );
  apps.push(built);
  return built.app;
}

type Line = Record<string, unknown> & { type: string };
const lines = (body: string) => body.trimEnd().split('\n').map((l) => JSON.parse(l) as Line);

describe('GET /export/reddit.ndjson', () => {
  it('does not exist unless backup.publicExport is on', async () => {
    const open = await build(false, false);
    expect((await open.inject({ url: '/export/reddit.ndjson' })).statusCode).toBe(404);
    const guarded = await build(false);
    expect((await guarded.inject({ url: '/export/reddit.ndjson' })).statusCode).toBe(401);
    expect((await guarded.inject({ url: '/export/reddit.ndjson', headers: login })).statusCode).toBe(404);
  });

  it('when on, streams every user and comment as NDJSON to anyone, without the Discord ids', async () => {
    const app = await build(true);
    const res = await app.inject({ url: '/export/reddit.ndjson' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="herald-reddit-2030-01-02.ndjson"');
    const all = lines(res.body);
    expect(all[0]).toEqual({ type: 'export', format: 'herald-reddit', version: 1, exportedAt: '2030-01-02T03:04:05.678Z' });
    const users = all.filter((l) => l.type === 'user');
    const comments = all.filter((l) => l.type === 'comment');
    expect(all.at(-1)).toEqual({ type: 'end', users: users.length, comments: comments.length });
    expect(all).toHaveLength(users.length + comments.length + 2);

    // The seed's users, in every state (unregistered and hidden ones too, as its public backup had them).
    expect(users.map((u) => u.name).sort()).toEqual(
      ['AliceActive', 'bob_new', 'CarolInactive', 'dave-suspended', 'EveDeleted', 'frank_gone', 'GinaHidden', 'HenryScanning', hostileName].sort(),
    );
    const alice = users.find((u) => u.name === 'AliceActive')!;
    expect(alice).toEqual({
      type: 'user', name: 'AliceActive', createdAt: '2015-06-01T00:00:00.000Z', addedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      hidden: false, suspended: false, deleted: false, unregistered: false, inactive: false, new: false, lastScanAt: expect.stringMatching(/Z$/),
    });
    expect(users.find((u) => u.name === 'EveDeleted')).toMatchObject({ deleted: true });
    expect(users.find((u) => u.name === 'frank_gone')).toMatchObject({ unregistered: true, hidden: true });
    expect(users.find((u) => u.name === 'bob_new')).toMatchObject({ new: true, lastScanAt: null });

    expect(comments.map((c) => c.id).sort()).toEqual(['c1', 'c2', 'c3']);
    expect(comments.find((c) => c.id === 'c2')).toEqual({
      type: 'comment', id: 'c2', author: 'AliceActive', score: -10, permalink: '/r/test/comments/x/y/c2/', subreddit: 'test', createdAt: expect.stringMatching(/Z$/), body: 'text',
    });
    // AliceActive was registered by Discord user 123456789012345678: that id is Herald's, not public.
    expect(res.body).not.toContain('123456789012345678');
    for (const user of users) expect(Object.keys(user)).not.toContain('registeredBy');
  });

  it('opens only the export: /backup and the pages still ask for the login', async () => {
    const app = await build(true);
    expect((await app.inject({ url: '/export/reddit.ndjson' })).statusCode).toBe(200);
    for (const url of ['/backup', '/reddit', '/']) expect((await app.inject({ url })).statusCode, url).toBe(401);
  });

  it('streams a table larger than one chunk in order, and the whole of it', async () => {
    await env.sql.query(
      `INSERT INTO reddit_comments (id, author, score, permalink, subreddit, created_at, body)
       SELECT 'bulk' || i, 'GinaHidden', -i, '/r/x/comments/y/z/bulk' || i || '/', 'x', now() - i * interval '1 minute', repeat('a', 200)
       FROM generate_series(1, 3000) AS i`,
    );
    try {
      const app = await build(true);
      const all = lines((await app.inject({ url: '/export/reddit.ndjson' })).body);
      const gina = all.filter((l) => l.type === 'comment' && l.author === 'GinaHidden');
      expect(gina).toHaveLength(3000);
      // Newest first within an author (the index order).
      expect(gina.slice(0, 3).map((c) => c.id)).toEqual(['bulk1', 'bulk2', 'bulk3']);
      expect(all.at(-1)).toEqual({ type: 'end', users: 9, comments: 3003 });
    } finally {
      await env.sql.query(`DELETE FROM reddit_comments WHERE id LIKE 'bulk%'`);
    }
  });

  it('frees its connection when a download is cut short: no transaction is left open and later exports work', async () => {
    // About 9 MB: more than the socket buffers hold, so the export is still streaming when the reader leaves.
    await env.sql.query(
      `INSERT INTO reddit_comments (id, author, score, permalink, subreddit, created_at, body)
       SELECT 'cut' || i, 'GinaHidden', -i, '/r/x/comments/y/z/cut' || i || '/', 'x', now() - i * interval '1 minute', repeat('b', 400)
       FROM generate_series(1, 20000) AS i`,
    );
    try {
      const app = await build(true);
      const address = await app.listen({ host: '127.0.0.1', port: 0 });
      for (let i = 0; i < 3; i++) {
        // The reader hangs up after the first bytes (node:http: fetch's abort may keep the socket open).
        await new Promise<void>((resolve, reject) => {
          const request = get(`${address}/export/reddit.ndjson`, (res) => res.once('data', () => (request.destroy(), resolve())));
          request.once('error', reject);
        });
      }
      const database = env.sql.options.connectionString!.split('/').pop()!.split('?')[0];
      const openTransactions = async () =>
        Number((await env.sql.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND state LIKE 'idle in transaction%'`, [database])).rows[0].n);
      await expect.poll(openTransactions).toBe(0);
      const full = await fetch(`${address}/export/reddit.ndjson`);
      expect(lines(await full.text()).at(-1)).toEqual({ type: 'end', users: 9, comments: 20003 });
    } finally {
      await env.sql.query(`DELETE FROM reddit_comments WHERE id LIKE 'cut%'`);
    }
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqlPool, type SqlPool } from '@herald/db/sql';
import { createTestDatabase, type TestDatabase } from '@herald/testkit';
import { importDab, runDabImport, SKIP_CASE_CLASH, SKIP_NO_AUTHOR, SKIP_NO_USER } from './index.js';
import { DabFixture } from './test-support.js';

const NOW = new Date('2026-12-02T10:00:00.000Z');
const at = (seconds: number) => new Date(seconds * 1000);

let database: TestDatabase;
let db: SqlPool;
let dir: string;

const snapshot = async () => ({
  users: (await db.query('SELECT * FROM reddit_users ORDER BY name COLLATE "C"')).rows,
  comments: (await db.query('SELECT * FROM reddit_comments ORDER BY id')).rows,
  highscores: (await db.query('SELECT * FROM reddit_highscores ORDER BY comment_id')).rows,
});

/** A DAB database with one of everything the importer handles. */
function seedDatabase(path: string): void {
  new DabFixture(path)
    .user({ name: 'Alice_Down', created: 1_300_000_000, added: 1_600_000_100, lastScan: 1_700_000_000, batchSize: 12, isNew: false, inactive: true })
    .user({ name: 'bob-the-builder', hidden: true, created: 0, added: 1_600_000_200, position: 't1_abc', suspended: true })
    .user({ name: 'Gone4Good', notFound: true, deleted: true, lastScan: 1_650_000_000 })
    .user({ name: 'NeverScanned' })
    // DAB's primary key is case-sensitive: the same Reddit account under two spellings (unregistered, re-added).
    .user({ name: 'CaseyJones', lastScan: 1_700_000_500 })
    .user({ name: 'caseyjones', deleted: true, lastScan: 1_600_000_000 })
    .comments([
      { id: 'c1', author: 'Alice_Down', score: -1500, sub: 'AskReddit', created: 1_700_000_001, body: 'I &lt;3 &amp;amp; &gt; you &quot;all&quot; &#39;ok&#39; &#x1F600;' },
      { id: 'c2', author: 'Alice_Down', score: 3, created: 1_700_000_002, body: 'raw markdown **bold** & <tags>' },
      { id: 'c3', author: 'bob-the-builder', score: -20, created: 1_690_000_000, body: 'plain' },
      { id: 'c4', author: 'caseyjones', score: -1, created: 1_600_000_000, body: 'old spelling' },
    ])
    .orphanComment({ id: 'c5', author: 'purged_user', score: -5000, created: 1_500_000_000, body: 'orphan' })
    .kv('register-from-discord_Alice_Down', '222222222222222222', 1_600_000_300)
    .kv('register-from-discord_Alice_Down', '111111111111111111', 1_600_000_100)
    .kv('register-from-discord_bob-the-builder', '333333333333333333', 1_600_000_200)
    .kv('register-from-discord_purged_user', '444444444444444444', 1_500_000_000)
    .kv('highscores', 'c1', 1_700_000_100)
    .kv('highscores', 'zz9', 1_400_000_000)
    .close();
}

describe('DAB importer', () => {
  beforeEach(async () => {
    [database, dir] = await Promise.all([createTestDatabase('herald_reddit_dab'), mkdtemp(join(tmpdir(), 'herald-dab-'))]);
    db = createSqlPool({ url: database.url });
  });
  afterEach(async () => {
    await db.end();
    await Promise.all([database.drop(), rm(dir, { recursive: true })]);
  });

  it('imports users, comments, registrations and high scores, and imports nothing twice', async () => {
    const path = join(dir, 'dab.sqlite3');
    seedDatabase(path);
    const result = await importDab({ sqlitePath: path, db, now: NOW });
    expect(result).toMatchObject({
      version: '1.26.4',
      users: { imported: 5, alreadyPresent: 0, unregistered: 1, skipped: { [SKIP_CASE_CLASH]: 1 } },
      comments: { imported: 4, alreadyPresent: 0, skipped: { [SKIP_NO_AUTHOR]: 1 } },
      registeredBy: { imported: 2, alreadyPresent: 0, skipped: { [SKIP_NO_USER]: 1 } },
      highscores: { imported: 2, alreadyPresent: 0, skipped: {} },
    });
    expect(result.notes).toEqual([
      'user "caseyjones" skipped: "CaseyJones" is the same Reddit account (names differ only in case); its comments and registration go to "CaseyJones"',
      'registered-by: "Alice_Down" has 2 values (111111111111111111, 222222222222222222): kept 111111111111111111, the oldest, as DAB 1.26.4\'s migration does',
    ]);

    const first = await snapshot();
    expect(first.users.map((u) => u.name)).toEqual(['Alice_Down', 'CaseyJones', 'Gone4Good', 'NeverScanned', 'bob-the-builder']);
    const user = (name: string) => first.users.find((u) => u.name === name);
    expect(user('Alice_Down')).toMatchObject({
      created_at: at(1_300_000_000), added_at: at(1_600_000_100), last_scan_at: at(1_700_000_000), batch_size: 12, is_new: false,
      inactive: true, hidden: false, suspended: false, not_found: false, unregistered: false, registered_by: '111111111111111111', due_at: NOW, position: '',
    });
    expect(user('bob-the-builder')).toMatchObject({ created_at: null, last_scan_at: null, hidden: true, suspended: true, position: 't1_abc', is_new: true, registered_by: '333333333333333333' });
    expect(user('Gone4Good')).toMatchObject({ unregistered: true, not_found: true, last_scan_at: at(1_650_000_000), registered_by: null });
    expect(user('NeverScanned')).toMatchObject({ last_scan_at: null, is_new: true, batch_size: 100, lease_until: null });

    expect(first.comments.map((c) => [c.id, c.author, c.score, c.subreddit, c.created_at, c.body, c.scored_at])).toEqual([
      ['c1', 'Alice_Down', -1500, 'AskReddit', at(1_700_000_001), 'I <3 &amp; > you "all" \'ok\' 😀', NOW],
      ['c2', 'Alice_Down', 3, 'test', at(1_700_000_002), 'raw markdown **bold** & <tags>', NOW],
      ['c3', 'bob-the-builder', -20, 'test', at(1_690_000_000), 'plain', NOW],
      ['c4', 'CaseyJones', -1, 'test', at(1_600_000_000), 'old spelling', NOW],
    ]);
    expect(first.comments[0]!.permalink).toBe('/r/AskReddit/comments/pc1/t/c1/');
    expect(first.highscores).toEqual([
      { comment_id: 'c1', score: -1500, announced_at: at(1_700_000_100) },
      { comment_id: 'zz9', score: 0, announced_at: at(1_400_000_000) },
    ]);

    const out = new PassThrough();
    expect(await runDabImport({ sqlitePath: path, db, out, now: new Date('2027-01-01T00:00:00Z') })).toBe(0);
    expect(String(out.read()).split('\n')).toEqual([
      `DAB database ${path} (written by DAB 1.26.4) imported`,
      `users: 0 imported, 5 already present, 1 skipped (1 ${SKIP_CASE_CLASH})`,
      `comments: 0 imported, 4 already present, 1 skipped (1 ${SKIP_NO_AUTHOR})`,
      `registered-by: 0 imported, 2 already present, 1 skipped (1 ${SKIP_NO_USER})`,
      'highscores: 0 imported, 2 already present, 0 skipped',
      `note: ${result.notes[0]}`,
      `note: ${result.notes[1]}`,
      '',
    ]);
    expect(await snapshot()).toEqual(first);
  });

  it('keeps what Herald already has, matching names without regard to case', async () => {
    await db.query(`INSERT INTO reddit_users (name, registered_by, hidden) VALUES ('alice_down', '999999999999999999', true)`);
    await db.query(`INSERT INTO reddit_comments (id, author, score, permalink, subreddit, created_at, body) VALUES ('c2', 'alice_down', -9, '/p', 'test', now(), 'fresher')`);
    const path = join(dir, 'dab.sqlite3');
    new DabFixture(path)
      .user({ name: 'Alice_Down' })
      .comments([{ id: 'c1', author: 'Alice_Down', score: 1, created: 1_700_000_000, body: 'a' }, { id: 'c2', author: 'Alice_Down', score: 2, created: 1_700_000_000, body: 'b' }])
      .kv('register-from-discord_Alice_Down', '111111111111111111', 1)
      .close();
    const result = await importDab({ sqlitePath: path, db, now: NOW });
    expect(result).toMatchObject({ users: { imported: 0, alreadyPresent: 1 }, comments: { imported: 1, alreadyPresent: 1 }, registeredBy: { imported: 0, alreadyPresent: 1 } });
    expect(result.notes).toEqual(['user "Alice_Down" is in Herald as "alice_down": kept as it is']);
    expect((await db.query('SELECT name, registered_by, hidden FROM reddit_users')).rows).toEqual([{ name: 'alice_down', registered_by: '999999999999999999', hidden: true }]);
    expect((await db.query('SELECT id, author, body FROM reddit_comments ORDER BY id')).rows).toEqual([
      { id: 'c1', author: 'alice_down', body: 'a' },
      { id: 'c2', author: 'alice_down', body: 'fresher' },
    ]);
  });

  it('writes nothing when Postgres refuses a row midway (one transaction)', async () => {
    const path = join(dir, 'dab.sqlite3');
    new DabFixture(path)
      .user({ name: 'Someone' })
      .comments([{ id: 'ok', author: 'Someone', score: 1, created: 1, body: 'fine' }, { id: 'big', author: 'Someone', score: 2 ** 31, created: 1, body: 'score out of int4' }])
      .kv('highscores', 'ok', 1)
      .close();
    await expect(importDab({ sqlitePath: path, db, batchSize: 1 })).rejects.toThrow(/out of range/);
    expect(await snapshot()).toEqual({ users: [], comments: [], highscores: [] });
  });

  it('streams many comments in batches and reports progress', async () => {
    const path = join(dir, 'dab.sqlite3');
    const rows = Array.from({ length: 25_000 }, (_, i) => ({ id: `k${i.toString(36)}`, author: i % 2 ? 'Odd' : 'Even', score: -i, created: 1_600_000_000 + i, body: `#${i} &amp;` }));
    new DabFixture(path).user({ name: 'Odd' }).user({ name: 'Even' }).comments(rows).close();
    const out = new PassThrough();
    const result = await importDab({ sqlitePath: path, db, out });
    expect(result.comments).toEqual({ imported: 25_000, alreadyPresent: 0, skipped: {} });
    expect(String(out.read())).toBe('comments: 10000 read\ncomments: 20000 read\n');
    const { rows: stats } = await db.query<{ n: string; odd: string; body: string }>(
      `SELECT count(*)::text AS n, count(*) FILTER (WHERE author = 'Odd')::text AS odd, max(body) FILTER (WHERE id = 'k0') AS body FROM reddit_comments`,
    );
    expect(stats[0]).toEqual({ n: '25000', odd: '12500', body: '#0 &' });
  });

  it('reads an older database with the same tables, and says so, finding its older registered-by keys', async () => {
    const path = join(dir, 'dab.sqlite3');
    new DabFixture(path, { userVersion: 1 * 65536 + 20 * 256 + 0 })
      .user({ name: 'Old' })
      .user({ name: 'Dash' })
      .user({ name: '_under' })
      .kv('register-from-discordOld', '1', 1)
      .kv('register-from-discord-Dash', '2', 1)
      .kv('register-from-discord__under', '3', 1)
      .kv('register-from-discord_-Nobody', '4', 1)
      .close();
    const result = await importDab({ sqlitePath: path, db });
    expect(result).toMatchObject({ version: '1.20.0', users: { imported: 3 }, registeredBy: { imported: 3, skipped: { [SKIP_NO_USER]: 1 } } });
    expect(result.notes).toEqual(['written by DAB 1.20.0: read with the tables of 1.26.4, which are the same since 1.12.0']);
    expect((await db.query('SELECT name, registered_by FROM reddit_users ORDER BY registered_by')).rows).toEqual([
      { name: 'Old', registered_by: '1' },
      { name: 'Dash', registered_by: '2' },
      { name: '_under', registered_by: '3' },
    ]);
  });
});

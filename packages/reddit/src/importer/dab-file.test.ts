import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlPool, type SqlPool } from '@herald/db/sql';
import { createTestDatabase, type TestDatabase } from '@herald/testkit';
import { openDabDatabase } from './dab-file.js';
import { dabUserVersion, dabVersion, runDabImport } from './index.js';
import { DabFixture } from './test-support.js';

let dir: string;
let database: TestDatabase;
let db: SqlPool;

/** What `--import-dab` prints and returns for the file, and how many users it wrote. */
async function refused(path: string): Promise<{ code: number; output: string; users: string }> {
  const out = new PassThrough();
  const code = await runDabImport({ sqlitePath: path, db, out });
  const { rows } = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM reddit_users');
  return { code, output: String(out.read()), users: rows[0]!.n };
}

describe('DAB database checks', () => {
  beforeAll(async () => {
    [database, dir] = await Promise.all([createTestDatabase('herald_reddit_dabfile'), mkdtemp(join(tmpdir(), 'herald-dab-'))]);
    db = createSqlPool({ url: database.url });
  });
  afterAll(async () => {
    await db.end();
    await Promise.all([database.drop(), rm(dir, { recursive: true })]);
  });

  it('encodes versions as DAB does', () => {
    expect(dabUserVersion('1.26.4')).toBe(72196);
    expect(dabVersion(72196)).toBe('1.26.4');
    expect(dabVersion(1 * 65536 + 12 * 256)).toBe('1.12.0');
  });

  it('opens a DAB database read-only and reports its version', () => {
    const path = join(dir, 'good.sqlite3');
    new DabFixture(path).user({ name: 'x' }).close();
    const { sqlite, version, notes } = openDabDatabase(path);
    try {
      expect(version).toBe('1.26.4');
      expect(notes).toEqual([]);
      expect(sqlite.readonly).toBe(true);
      expect(() => sqlite.exec(`INSERT INTO key_value VALUES ('k', 'v', 1)`)).toThrow(/readonly/);
    } finally {
      sqlite.close();
    }
  });

  it('refuses another application, naming its id as the seed does', async () => {
    const path = join(dir, 'other.sqlite3');
    new DabFixture(path, { applicationId: 0x1234 }).user({ name: 'x' }).close();
    expect(await refused(path)).toEqual({
      code: 1,
      output: `dab import: database "${path}" is from another application: found application ID 0x1234 instead of 0xdab\n`,
      users: '0',
    });
  });

  it('refuses a database without a version', async () => {
    const path = join(dir, 'noversion.sqlite3');
    new DabFixture(path, { userVersion: 0 }).user({ name: 'x' }).close();
    expect((await refused(path)).output).toBe(`dab import: database "${path}" was already created but no version was set\n`);
  });

  it('refuses a version newer than 1.26.4 and older than 1.12.0, naming both versions', async () => {
    const newer = join(dir, 'newer.sqlite3');
    new DabFixture(newer, { userVersion: dabUserVersion('1.27.0') }).user({ name: 'x' }).close();
    expect(await refused(newer)).toMatchObject({ code: 1, output: `dab import: database "${newer}" was written by DAB 1.27.0, newer than 1.26.4, the newest version Herald imports\n`, users: '0' });
    const older = join(dir, 'older.sqlite3');
    new DabFixture(older, { userVersion: dabUserVersion('1.11.0') }).close();
    expect((await refused(older)).output).toBe(
      `dab import: database "${older}" was written by DAB 1.11.0, older than 1.12.0, the oldest version Herald imports: open it once with DAB 1.26.4 (dab -initdb) to migrate it, then import it\n`,
    );
  });

  it('refuses a missing file, a directory, an empty file and a file that is not SQLite', async () => {
    const missing = join(dir, 'missing.sqlite3');
    expect(await refused(missing)).toEqual({ code: 1, output: `dab import: database "${missing}" does not exist\n`, users: '0' });
    const folder = join(dir, 'folder');
    await mkdir(folder);
    expect((await refused(folder)).output).toBe(`dab import: database "${folder}" is not a file\n`);
    const empty = join(dir, 'empty.sqlite3');
    await writeFile(empty, '');
    expect((await refused(empty)).output).toBe(`dab import: database "${empty}" is empty: DAB never wrote to it\n`);
    const text = join(dir, 'dab.conf.json');
    await writeFile(text, JSON.stringify({ database: { path: '/var/lib/dab/db.sqlite3' } }).repeat(100));
    expect((await refused(text)).output).toBe(`dab import: database "${text}" is not an SQLite database\n`);
  });

  it('refuses a damaged file', async () => {
    const path = join(dir, 'damaged.sqlite3');
    const fixture = new DabFixture(path).user({ name: 'x' });
    fixture.comments(Array.from({ length: 2000 }, (_, i) => ({ id: `c${i}`, author: 'x', score: i, created: i, body: 'lorem ipsum '.repeat(20) })));
    fixture.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    fixture.close();
    // Scribble over the middle pages: the header (page 1, with the app id and version) stays intact.
    const file = await open(path, 'r+');
    try {
      const { size } = await file.stat();
      await file.write(Buffer.alloc(8192, 0xa5), 0, 8192, Math.floor(size / 2 / 4096) * 4096);
    } finally {
      await file.close();
    }
    const { code, output, users } = await refused(path);
    expect({ code, users }).toEqual({ code: 1, users: '0' });
    // SQLite reports the damage itself before quick_check's rows are read (SQLITE_CORRUPT).
    expect(output).toBe(`dab import: database "${path}" is damaged: database disk image is malformed\n`);
  });

  it('refuses a database whose rows break its constraints (quick_check)', async () => {
    const path = join(dir, 'null.sqlite3');
    new DabFixture(path).user({ name: 'x' }).close();
    // Only a damaged file holds a NULL in a NOT NULL column: drop the constraint, write, restore it.
    const rewriteSchema = (from: string, to: string) => {
      const sqlite = new Database(path);
      sqlite.unsafeMode(true);
      sqlite.pragma('writable_schema = ON');
      sqlite.prepare(`UPDATE sqlite_schema SET sql = replace(sql, ?, ?) WHERE name = 'key_value'`).run(from, to);
      sqlite.close();
    };
    rewriteSchema('created INTEGER NOT NULL', 'created INTEGER');
    const sqlite = new Database(path);
    sqlite.exec(`INSERT INTO key_value VALUES ('highscores', 'c1', NULL)`);
    sqlite.close();
    rewriteSchema('created INTEGER', 'created INTEGER NOT NULL');
    expect(await refused(path)).toEqual({ code: 1, output: `dab import: database "${path}" is damaged: PRAGMA quick_check found NULL value in key_value.created\n`, users: '0' });
  });

  it('refuses a database that lacks a table the importer reads', async () => {
    const path = join(dir, 'partial.sqlite3');
    const fixture = new DabFixture(path);
    fixture.sqlite.exec('DROP TRIGGER purge_user; DROP TABLE comments');
    fixture.close();
    expect((await refused(path)).output).toBe(`dab import: database "${path}" has no table comments\n`);
  });
});

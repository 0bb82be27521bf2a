import { captureLogs } from '@herald/logging/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@herald/db';
import { createSqlPool, type SqlPool } from '@herald/db/sql';
import { createLogger } from '@herald/logging';
import { createOutboxStore, type OutboxStore } from '@herald/pipeline';
import { createServatriceDatabase, createTestDatabase, registerServatriceAccount, type ServatriceDatabase, type TestDatabase } from '@herald/testkit';
import { backfill, pollOnce, type PollOptions } from './poll.js';
import { createAccountReader, type AccountReader } from './reader.js';

const logger = createLogger({ name: 'test', level: 'silent' });

let pg: TestDatabase;
let sv: ServatriceDatabase;
let db: Db;
let pool: SqlPool;
let reader: AccountReader;
let outbox: OutboxStore;
let options: PollOptions;

const signUp = (name: string) => registerServatriceAccount(sv.admin, sv.prefix, { name, email: `${name}@example.org` });
const subjects = async () => (await db.event.findMany({ orderBy: { id: 'asc' } })).map((e) => e.subject);
const cursor = async () => (await db.sourceCursor.findUniqueOrThrow({ where: { sourceKey: 'servatrice:test' } })).position;
const gaps = async () =>
  (await db.sourceGap.findMany({ where: { sourceKey: 'servatrice:test' }, orderBy: { fromPosition: 'asc' } })).map((g) => ({ from: g.fromPosition, to: g.toPosition, skipped: g.skippedAt !== null }));
/** An account with a chosen id, as a transaction that allocated it earlier would commit it. */
const insertWithId = (id: number, name: string) =>
  sv.admin.query(
    `INSERT INTO ${sv.prefix}_users (id, name, realname, password_sha512, email, country, registrationDate, active, admin, avatar_bmp, clientid, privlevel, privlevelStartDate, privlevelEndDate, adminnotes) VALUES (?, ?, '', '', ?, 'us', UTC_TIMESTAMP(), 0, 0, '', '', 'NONE', UTC_TIMESTAMP(), UTC_TIMESTAMP(), '')`,
    [id, name, `${name}@example.org`],
  );

describe('servatrice polling', () => {
  beforeEach(async () => {
    [pg, sv] = await Promise.all([createTestDatabase('herald_poll'), createServatriceDatabase()]);
    db = createDb({ url: pg.url, maxConnections: 2 });
    pool = createSqlPool({ url: pg.url });
    const destination = await db.destination.create({ data: { key: 'd', kind: 'webhook', target: 'x', label: 'x' } });
    outbox = createOutboxStore({ pool, routeTo: () => [{ destinationId: destination.id, mentions: null }] });
    const monitor = await sv.createReadOnlyUser(); // the seed's column grant, nothing more
    reader = createAccountReader({ host: sv.host, port: sv.port, database: sv.name, prefix: sv.prefix, ssl: false, ...monitor });
    options = { reader, outbox, logger, source: 'test', batchSize: 100, gapGraceMs: 10_000, showEmail: true, showRealName: true };
  });
  afterEach(async () => {
    await reader.close();
    await Promise.all([db.$disconnect(), pool.end()]);
    await Promise.all([pg.drop(), sv.drop()]);
  });

  it('records a baseline on the first run and posts nothing before it', async () => {
    await signUp('old1');
    const old = await signUp('old2');
    const result = await pollOnce(options);
    expect(result).toMatchObject({ recorded: [], baseline: BigInt(old) });
    expect(await subjects()).toEqual([]);
    const fresh = await signUp('fresh');
    const next = await pollOnce(options);
    expect(next.recorded).toHaveLength(1);
    expect(await subjects()).toEqual(['fresh']);
    expect(await cursor()).toBe(BigInt(fresh));
    expect(await db.delivery.count()).toBe(1);
  });

  it('catches up after downtime in batches, oldest first, each account once', async () => {
    await pollOnce(options);
    for (let i = 0; i < 250; i++) await signUp(`p${i}`);
    const small = { ...options, batchSize: 100 };
    const first = await pollOnce(small);
    expect(first.more).toBe(true);
    while ((await pollOnce(small)).more);
    await pollOnce(small);
    expect(await subjects()).toEqual(Array.from({ length: 250 }, (_, i) => `p${i}`));
  });

  it('records nothing and keeps the cursor when the transaction fails half-way', async () => {
    await pollOnce(options);
    await signUp('a');
    const failing: OutboxStore = {
      ...outbox,
      poll: (key, fn) => outbox.poll(key, async (tx) => {
        await fn(tx);
        throw new Error('crash before commit');
      }),
    };
    await expect(pollOnce({ ...options, outbox: failing })).rejects.toThrow('crash before commit');
    expect(await subjects()).toEqual([]);
    expect(await cursor()).toBe(0n);
    await pollOnce(options);
    expect(await subjects()).toEqual(['a']);
  });

  it('holds the accounts above an id gap and records them in id order once it fills', async () => {
    await pollOnce(options);
    const a = await signUp('a');
    // id a+1 allocated by a transaction that commits later: a+2 is visible first.
    await insertWithId(a + 2, 'c');
    await pollOnce(options);
    expect(await subjects()).toEqual(['a']); // c waits above the open gap
    expect(await cursor()).toBe(BigInt(a));
    await insertWithId(a + 1, 'b');
    await pollOnce(options);
    expect(await subjects()).toEqual(['a', 'b', 'c']);
    expect(await cursor()).toBe(BigInt(a + 2));
  });

  it('after the grace period posts the accounts above a gap, and still posts the gap when it commits late', async () => {
    const t0 = Date.now();
    const at = (ms: number) => ({ ...options, now: () => new Date(t0 + ms) });
    await pollOnce(at(0));
    const a = await signUp('a');
    await insertWithId(a + 2, 'c');
    await pollOnce(at(0)); // the gap at a+1 is seen
    await pollOnce(at(9_999));
    expect(await subjects()).toEqual(['a']);
    await pollOnce(at(10_000)); // grace over: c is posted, the gap is remembered
    expect(await subjects()).toEqual(['a', 'c']);
    expect(await cursor()).toBe(BigInt(a + 2));
    expect(await gaps()).toEqual([{ from: BigInt(a + 1), to: BigInt(a + 1), skipped: true }]);
    await insertWithId(a + 1, 'b'); // commits 30 s after c
    await pollOnce(at(30_000));
    expect(await subjects()).toEqual(['a', 'c', 'b']);
    expect(await gaps()).toEqual([]);
  });

  it('gives a skipped gap up after the re-check window, with a warning', async () => {
    const t0 = Date.now();
    const { lines, logger: capturing } = captureLogs('test');
    const at = (ms: number) => ({ ...options, logger: capturing, gapGraceMs: 0, gapRecheckMs: 3_600_000, now: () => new Date(t0 + ms) });
    await pollOnce(at(0));
    const a = await signUp('a');
    await sv.admin.query(`DELETE FROM ${sv.prefix}_users WHERE id = ?`, [a]);
    await signUp('b');
    await pollOnce(at(0));
    expect(await gaps()).toHaveLength(1);
    await pollOnce(at(3_599_999));
    expect(await gaps()).toHaveLength(1);
    await pollOnce(at(3_600_000));
    expect(await gaps()).toEqual([]);
    expect(lines.filter((l) => l.level === 40).map((l) => [l.msg, l.ids])).toEqual([[expect.stringMatching(/gave up on id gap/), [String(a)]]]);
  });

  it('remembers at most maxRememberedGaps gaps, giving up the oldest (a mass deletion cannot grow the list)', async () => {
    await pollOnce(options);
    const ids: number[] = [];
    for (const n of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) ids.push(await signUp(n));
    // Every other account deleted before Herald saw it: three separate holes.
    for (const id of [ids[1], ids[3], ids[5]]) await sv.admin.query(`DELETE FROM ${sv.prefix}_users WHERE id = ?`, [id]);
    const capped = { ...options, gapGraceMs: 0, maxRememberedGaps: 2 };
    await pollOnce(capped);
    expect(await subjects()).toEqual(['a', 'c', 'e', 'g']);
    expect((await gaps()).map((g) => g.from)).toEqual([BigInt(ids[3]!), BigInt(ids[5]!)]);
  });

  it('re-checks gaps with one indexed query on the remembered ranges', async () => {
    const ranges: unknown[] = [];
    const spying: AccountReader = { ...reader, readRanges: (r, limit) => (ranges.push(r), reader.readRanges(r, limit)) };
    await pollOnce(options);
    await pollOnce({ ...options, reader: spying });
    expect(ranges).toEqual([]); // no gaps: no extra query
    const a = await signUp('a');
    await insertWithId(a + 5, 'f');
    await pollOnce({ ...options, reader: spying, gapGraceMs: 0 });
    await pollOnce({ ...options, reader: spying, gapGraceMs: 0 });
    expect(ranges).toEqual([[{ from: a + 1, to: a + 4 }]]);
  });

  it('takes a gap as permanent after the grace period', async () => {
    await pollOnce(options);
    const a = await signUp('a');
    await sv.admin.query(`DELETE FROM ${sv.prefix}_users WHERE id = ?`, [a]);
    const b = await signUp('b');
    await pollOnce({ ...options, gapGraceMs: 0 }); // first sight of the gap opens it
    await pollOnce({ ...options, gapGraceMs: 0 });
    expect(await cursor()).toBe(BigInt(b));
  });

  it('keeps every account when many register at once while polling', async () => {
    await pollOnce(options);
    const names = Array.from({ length: 60 }, (_, i) => `c${i}`);
    const polling = (async () => {
      for (let i = 0; i < 20; i++) await pollOnce(options);
    })();
    await Promise.all(names.map((n) => signUp(n)));
    await polling;
    await pollOnce({ ...options, gapGraceMs: 0 });
    await pollOnce(options);
    expect((await subjects()).sort()).toEqual([...names].sort());
  });

  it('rescans after the table was truncated instead of skipping new accounts', async () => {
    await signUp('x1');
    await signUp('x2');
    await pollOnce(options);
    await sv.admin.query(`DELETE FROM ${sv.prefix}_users`);
    await sv.admin.query(`ALTER TABLE ${sv.prefix}_users AUTO_INCREMENT = 1`);
    await signUp('after-reset');
    await pollOnce(options);
    expect(await subjects()).toEqual(['after-reset']);
    expect(await cursor()).toBe(1n);
  });

  it('--backfill N records the last N accounts once, even when run twice', async () => {
    for (const n of ['a', 'b', 'c', 'd']) await signUp(n);
    await backfill(options, 2);
    await backfill(options, 3);
    expect(await subjects()).toEqual(['c', 'd', 'b']);
    await pollOnce(options);
    expect(await subjects()).toEqual(['c', 'd', 'b']);
  });

  it('leaves e-mail and real name out of events when they are switched off', async () => {
    await pollOnce(options);
    await registerServatriceAccount(sv.admin, sv.prefix, { name: 'priv', email: 'priv@example.org', realName: 'Pat Rivate' });
    await pollOnce({ ...options, showEmail: false, showRealName: false });
    const event = await db.event.findFirstOrThrow();
    expect(event.subject).toBe('priv');
    expect(event.payload).toMatchObject({ name: 'priv' });
    expect(event.payload).not.toHaveProperty('email');
    expect(event.payload).not.toHaveProperty('realName');
  });
});

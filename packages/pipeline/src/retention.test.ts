import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { createSqlPool, type Queryable, type SqlPool } from '@herald/db/sql';
import { createTestDatabase, type TestDatabase } from '@herald/testkit';
import { readLatencyHistogram } from './metrics-latency.js';
import { createRetentionMetrics, RedactedText, runRetention, type RetentionPolicy } from './retention.js';
import { silentLogger } from './test-support.js';

const day = 86_400_000;
const off: RetentionPolicy = { events: null, deliveries: null, attempts: null, personalData: null, batchSize: 1000 };

describe('runRetention (real Postgres)', () => {
  let testDb: TestDatabase;
  let pool: SqlPool;
  let destinationId: number;
  let next = 0;

  beforeAll(async () => {
    testDb = await createTestDatabase('herald_retention');
    pool = createSqlPool({ url: testDb.url, max: 3 });
  });
  afterAll(async () => {
    await pool.end();
    await testDb.drop();
  });
  beforeEach(async () => {
    await pool.query('TRUNCATE events, deliveries, delivery_attempts, destinations, delivery_latency_folded, discord_names RESTART IDENTITY CASCADE');
    // Back-dated deliveries (below) are only ever seen by a fold that has not passed them yet.
    await pool.query(`UPDATE delivery_latency_watermark SET folded_before = '-infinity'`);
    const { rows } = await pool.query<{ id: number }>(`INSERT INTO destinations (key, kind, target, label, updated_at) VALUES ('main', 'webhook', 'x', 'main', now()) RETURNING id`);
    destinationId = rows[0]!.id;
  });

  /** An event recorded `ageDays` ago (oldest must be added first: ids grow with time) and one delivery per status. */
  async function event(ageDays: number, statuses: string[], options: { attempts?: number; type?: string; payload?: object } = {}) {
    const n = ++next;
    const type = options.type ?? 'servatrice.account.registered';
    const payload = options.payload ?? { source: 'test', accountId: n, name: `user${n}`, realName: `Real ${n}`, email: `user${n}@example.org`, registeredAt: null };
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO events (fingerprint, type, source_key, subject, payload, created_at)
       VALUES ($1, $2, 'servatrice:test', $3, $4, (now() AT TIME ZONE 'UTC') - $5 * interval '1 day') RETURNING id::text`,
      [`fp.${n}`, type, `user${n}`, JSON.stringify(payload), ageDays],
    );
    const eventId = rows[0]!.id;
    for (const status of statuses) {
      // A destination per extra delivery: (event, destination) is unique.
      const dest = statuses.indexOf(status) === 0 ? destinationId : await extraDestination();
      const { rows: d } = await pool.query<{ id: string }>(
        `INSERT INTO deliveries (event_id, destination_id, status, created_at, delivered_at)
         SELECT id, $2, $3, created_at, CASE WHEN $3 = 'delivered' THEN created_at + interval '2 seconds' END FROM events WHERE id = $1 RETURNING id::text`,
        [eventId, dest, status],
      );
      for (let i = 0; i < (options.attempts ?? 1); i++) {
        await pool.query(`INSERT INTO delivery_attempts (delivery_id, outcome, at) SELECT id, 'retry', created_at FROM deliveries WHERE id = $1`, [d[0]!.id]);
      }
    }
    return eventId;
  }
  let extra = 0;
  async function extraDestination(): Promise<number> {
    const { rows } = await pool.query<{ id: number }>(
      `INSERT INTO destinations (key, kind, target, label, updated_at) VALUES ($1, 'webhook', 'x', $1, now()) RETURNING id`,
      [`extra-${++extra}`],
    );
    return rows[0]!.id;
  }
  const countRows = async (table: string) => Number((await pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`)).rows[0]!.n);
  const exists = async (table: string, where: string, id: string) => (await pool.query(`SELECT 1 FROM ${table} WHERE ${where} = $1`, [id])).rowCount === 1;

  it('deletes each table past its own age, and events with all their rows', async () => {
    const veryOld = await event(100, ['delivered'], { attempts: 2 });
    const old = await event(70, ['delivered']);
    const month = await event(40, ['dead']);
    const recent = await event(10, ['delivered']);
    const result = await runRetention({ db: pool, policy: { ...off, events: 90 * day, deliveries: 60 * day, attempts: 30 * day }, logger: silentLogger, pauseMs: 0 });

    expect(result).toMatchObject({ deleted: { events: 1, deliveries: 2, attempts: 4 }, finished: true });
    expect(await exists('events', 'id', veryOld)).toBe(false);
    expect(await exists('events', 'id', old)).toBe(true);
    expect(await exists('deliveries', 'event_id', old)).toBe(false);
    expect(await exists('deliveries', 'event_id', month)).toBe(true);
    expect(await countRows('delivery_attempts')).toBe(1); // the recent event's
    expect(await exists('deliveries', 'event_id', recent)).toBe(true);
  });

  it('never touches an event with an unfinished delivery, nor its deliveries', async () => {
    const pending = await event(100, ['pending']);
    const sending = await event(100, ['delivered', 'sending']);
    const result = await runRetention({ db: pool, policy: { ...off, events: 90 * day, deliveries: 90 * day, personalData: 30 * day }, logger: silentLogger, pauseMs: 0 });

    expect(result.deleted.events).toBe(0);
    expect(await exists('events', 'id', pending)).toBe(true);
    expect(await exists('events', 'id', sending)).toBe(true);
    // The finished delivery of the half-sent event may go; the unfinished ones stay.
    expect((await pool.query(`SELECT status FROM deliveries ORDER BY id`)).rows.map((r) => r.status)).toEqual(['pending', 'sending']);
    const { rows } = await pool.query(`SELECT subject, payload, redacted_at FROM events ORDER BY id`);
    expect(rows.every((r) => r.redacted_at === null && r.payload.email !== undefined)).toBe(true);
  });

  it('blanks account names, real names and e-mail addresses past personalData, keeping the rows', async () => {
    const old = await event(40, ['delivered']);
    const young = await event(10, ['delivered']);
    const ibc = await event(40, ['delivered'], { type: 'ibc.chain.halted', payload: { chainId: 'c-1', chainName: 'C', error: null, since: '2026-10-01T00:00:00.000Z', endpoints: 1 } });
    const result = await runRetention({ db: pool, policy: { ...off, personalData: 30 * day }, logger: silentLogger, pauseMs: 0 });

    expect(result.redacted).toBe(2);
    const row = async (id: string) => (await pool.query(`SELECT subject, payload, redacted_at FROM events WHERE id = $1`, [id])).rows[0];
    const redacted = await row(old);
    expect(redacted.subject).toBe(RedactedText);
    expect(redacted.payload).toEqual({ source: 'test', accountId: expect.any(Number), name: RedactedText, registeredAt: null });
    expect(redacted.redacted_at).not.toBeNull();
    expect(JSON.stringify(redacted)).not.toMatch(/example\.org|Real |user\d/);
    expect((await row(young)).payload.email).toMatch(/@example\.org$/);
    // Nothing personal in an IBC alert: unchanged, but marked so later runs skip it.
    expect((await row(ibc)).payload.chainId).toBe('c-1');
    expect((await row(ibc)).redacted_at).not.toBeNull();
    expect(await countRows('events')).toBe(3);
  });

  it("removes every event type's personal data as the catalogue declares it: a wallet's owner and address, a Reddit account's name", async () => {
    const wallet = { chainId: 'hub-1', chainName: 'Hub', address: 'cosmos1abc', ownerId: '100000000000000042', balance: '5', threshold: '10', denom: 'uatom', displayDenom: 'ATOM', exponent: 6, runwaySeconds: null };
    const low = await event(40, ['delivered'], { type: 'ibc.wallet.low', payload: wallet });
    const highscore = await event(40, ['delivered'], {
      type: 'reddit.comment.highscore',
      payload: { commentId: 'c1', author: 'SomeRedditor', score: -80, threshold: -50, permalink: '/r/x/comments/a/t/c1/', subreddit: 'x', createdAt: '2026-10-01T00:00:00.000Z' },
    });
    const suspended = await event(40, ['delivered'], { type: 'reddit.user.suspended', payload: { name: 'SomeRedditor', from: 'alive', to: 'suspended' } });
    await runRetention({ db: pool, policy: { ...off, personalData: 30 * day }, logger: silentLogger, pauseMs: 0 });

    const row = async (id: string) => (await pool.query(`SELECT subject, payload FROM events WHERE id = $1`, [id])).rows[0];
    // The fingerprints (here fp.N) are built from names and addresses: each becomes redacted.<id>.
    const fingerprints = (await pool.query(`SELECT id::text, fingerprint FROM events ORDER BY id`)).rows;
    expect(fingerprints).toEqual([low, highscore, suspended].map((id) => ({ id, fingerprint: `redacted.${id}` })));
    const { ownerId: _owner, ...walletWithoutOwner } = wallet;
    expect(await row(low)).toEqual({ subject: RedactedText, payload: { ...walletWithoutOwner, address: RedactedText } });
    expect((await row(highscore)).payload).toMatchObject({ author: RedactedText, commentId: RedactedText, permalink: RedactedText, score: -80, subreddit: 'x' });
    expect(await row(suspended)).toEqual({ subject: RedactedText, payload: { name: RedactedText, from: 'alive', to: 'suspended' } });
  });

  it("deletes members' names the bot has not seen for the personalData age, keeping role names and recent members", async () => {
    await pool.query(
      `INSERT INTO discord_names (kind, id, name, updated_at) VALUES
         ('user', '100000000000000001', 'Gone Member', (now() AT TIME ZONE 'UTC') - interval '40 days'),
         ('user', '100000000000000002', 'Present Member', (now() AT TIME ZONE 'UTC') - interval '2 days'),
         ('role', '100000000000000003', 'moderator', (now() AT TIME ZONE 'UTC') - interval '400 days')`,
    );
    const metrics = createRetentionMetrics(new Registry());
    const result = await runRetention({ db: pool, policy: { ...off, personalData: 30 * day }, logger: silentLogger, pauseMs: 0, metrics });

    expect(result.deleted.discordNames).toBe(1);
    expect((await pool.query(`SELECT name FROM discord_names ORDER BY id`)).rows.map((r) => r.name)).toEqual(['Present Member', 'moderator']);
    expect((await metrics.deleted.get()).values).toEqual([{ value: 1, labels: { table: 'discord_names' } }]);
    // With personalData off, names stay whatever their age.
    await pool.query(`UPDATE discord_names SET updated_at = (now() AT TIME ZONE 'UTC') - interval '400 days'`);
    expect((await runRetention({ db: pool, policy: off, logger: silentLogger, pauseMs: 0 })).deleted.discordNames).toBe(0);
    expect(await countRows('discord_names')).toBe(2);
  });

  it('works in bounded batches, and a second run changes nothing', async () => {
    for (let i = 0; i < 35; i++) await event(40, ['delivered']);
    for (let i = 0; i < 5; i++) await event(1, ['delivered']);
    const batches: Array<Record<string, number>> = [];
    const db: Queryable = {
      query: (async (text: string, params: unknown[]) => {
        const result = await pool.query(text, params);
        if ('seen' in result.rows[0]) batches.push(result.rows[0]); // not the latency fold's statements
        return result;
      }) as Queryable['query'],
    };
    const metrics = createRetentionMetrics(new Registry());
    const policy = { ...off, attempts: 30 * day, personalData: 30 * day, batchSize: 10 };
    const first = await runRetention({ db, policy, logger: silentLogger, pauseMs: 0, metrics });

    expect(first).toMatchObject({ deleted: { attempts: 35 }, redacted: 35, finished: true });
    // 40 rows per table in windows of 10: the fourth window reaches the recent rows and ends the walk;
    // then one statement finds no members' names.
    expect(first.statements).toBe(9);
    expect(batches).toHaveLength(9);
    for (const batch of batches) expect((batch.attempts ?? 0) + (batch.redacted ?? 0)).toBeLessThanOrEqual(10);
    expect((await metrics.deleted.get()).values).toEqual([{ value: 35, labels: { table: 'delivery_attempts' } }]);
    expect((await metrics.redacted.get()).values[0]!.value).toBe(35);

    const before = (await pool.query('SELECT id, subject, payload, redacted_at FROM events ORDER BY id')).rows;
    const second = await runRetention({ db: pool, policy, logger: silentLogger, pauseMs: 0 });
    expect(second).toMatchObject({ deleted: { events: 0, deliveries: 0, attempts: 0, discordNames: 0 }, redacted: 0, finished: true });
    expect((await pool.query('SELECT id, subject, payload, redacted_at FROM events ORDER BY id')).rows).toEqual(before);
    expect(await countRows('delivery_attempts')).toBe(5);
  });

  it('stops when its time budget is spent, having made progress, and the next run carries on', async () => {
    for (let i = 0; i < 3; i++) await event(100, ['delivered']);
    const policy = { ...off, events: 90 * day, deliveries: 90 * day, batchSize: 10 };
    // The latency fold is spent in the budget too: a budget of 0 stops after its first slice.
    expect(await runRetention({ db: pool, policy, logger: silentLogger, budgetMs: 0 })).toMatchObject({ finished: false, statements: 0, folded: 3 });
    expect(await runRetention({ db: pool, policy: off, logger: silentLogger })).toMatchObject({ finished: true, folded: 0 });
    const cut = await runRetention({ db: pool, policy: { ...policy, batchSize: 2 }, logger: silentLogger, budgetMs: 0 });
    expect(cut).toMatchObject({ finished: false, statements: 1, deleted: { deliveries: 2, events: 0 } });
    expect(await countRows('events')).toBe(3);
    expect(await runRetention({ db: pool, policy, logger: silentLogger })).toMatchObject({ finished: true, deleted: { events: 3, deliveries: 1 } });
    expect(await countRows('events')).toBe(0);
  });

  it('keeps the delivery latency histogram whole: folds move deliveries out of the live read, retention deletes only folded ones', async () => {
    await event(100, ['delivered']);
    await event(100, ['delivered', 'dead']);
    await event(95, ['delivered']);
    const recent = await event(0, ['delivered']); // delivered 2 s after now: inside the fold's 10-minute margin
    const before = await readLatencyHistogram(pool);
    expect(before.count).toBe(4);
    expect(before.sum).toBeCloseTo(8, 6);
    // Deleted both ways: old deliveries alone (events kept), and whole events.
    const result = await runRetention({ db: pool, policy: { ...off, events: 99 * day, deliveries: 90 * day }, logger: silentLogger, pauseMs: 0 });
    expect(result).toMatchObject({ folded: 3, deleted: { events: 2, deliveries: 4 } });
    expect(await countRows('deliveries')).toBe(1); // the recent one
    const after = await readLatencyHistogram(pool);
    expect(after).toEqual(before);
    expect(after.buckets[after.bounds.indexOf(2)]).toBe(4); // 2 s latencies count in le="2" (≤)
    expect(after.buckets[after.bounds.indexOf(1)]).toBe(0);
    // Folded ones are read from the folded table, the recent one live: a second run moves nothing.
    expect((await pool.query(`SELECT sum(deliveries)::int AS n FROM delivery_latency_folded`)).rows[0].n).toBe(3);
    expect(await runRetention({ db: pool, policy: off, logger: silentLogger, pauseMs: 0 })).toMatchObject({ folded: 0 });
    expect(await readLatencyHistogram(pool)).toEqual(before);
    expect(await exists('deliveries', 'event_id', recent)).toBe(true);
  });

  it('does not delete a delivered delivery the latency histogram has not folded yet', async () => {
    const old = await event(100, ['delivered']);
    // As if the fold had stopped short of it (another replica folding, a budget spent).
    await pool.query(`UPDATE delivery_latency_watermark SET folded_before = (now() AT TIME ZONE 'UTC') - interval '200 days'`);
    const db: Queryable = { query: ((text: string, params: unknown[]) => (text.includes('delivery_latency_watermark w SET') ? Promise.resolve({ rows: [{ moved: 0, more: false }] }) : pool.query(text, params))) as Queryable['query'] };
    const result = await runRetention({ db, policy: { ...off, events: 90 * day, deliveries: 90 * day }, logger: silentLogger, pauseMs: 0 });
    expect(result.deleted).toEqual({ events: 0, deliveries: 0, attempts: 0, discordNames: 0 });
    expect(await exists('events', 'id', old)).toBe(true);
    expect((await readLatencyHistogram(pool)).count).toBe(1);
  });
});

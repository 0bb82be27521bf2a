import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqlPool, type SqlPool } from '@herald/db/sql';
import { captureLogs } from '@herald/logging/testing';
import { createOutboxStore, type RecordedEvent } from '@herald/pipeline';
import { createTestDatabase, createTestRedisPrefix, startFakeReddit, type FakeReddit, type TestDatabase, type TestRedisPrefix } from '@herald/testkit';
import { createRequestBudget } from '../budget/budget.js';
import { clientFor } from '../client/test-support.js';
import { startScanner } from './scanner.js';

let database: TestDatabase;
let db: SqlPool;
let space: TestRedisPrefix;
let redis: Redis;
let fake: FakeReddit;
beforeEach(async () => {
  [database, fake] = await Promise.all([createTestDatabase('herald_reddit_scanner'), startFakeReddit({ budget: { requests: 1000, windowMs: 60_000 } })]);
  db = createSqlPool({ url: database.url });
  space = createTestRedisPrefix();
  redis = new Redis(space.url);
});
afterEach(async () => {
  await fake.close();
  redis.disconnect();
  await space.cleanup();
  await db.end();
  await database.drop();
});

const settings = { maxAgeMs: 86_400_000, maxBatches: 5, highscoreThreshold: -1000, scanIntervalMs: 60_000, fullScanIntervalMs: 21_600_000, leaseMs: 20_000 };
const eventually = async <T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> => {
  for (let i = 0; i < 200; i += 1) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50)); // a poll interval, as expect.poll's
  }
  throw new Error('condition not reached');
};

describe('the scan loop', () => {
  it('scans every due user with several lanes, queues what it recorded, and notes each scan for the dashboard', async () => {
    for (const name of ['One', 'Two', 'Three']) {
      fake.addUser({ name, comments: { count: 2, generate: () => ({ score: -2000 }) } });
      await db.query('INSERT INTO reddit_users (name) VALUES ($1)', [name]);
    }
    const queued: RecordedEvent[] = [];
    const { logger } = captureLogs();
    const api = clientFor(fake, createRequestBudget({ redis, prefix: space.prefix, clientId: fake.client.id }));
    const scanner = startScanner({ db, api, outbox: createOutboxStore({ pool: db, routeTo: () => [] }), settings, lanes: 3, enqueue: async (e) => void queued.push(...e), logger });
    try {
      await eventually(async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM reddit_users WHERE last_scan_at IS NOT NULL')).rows[0]!.n, (n) => n === 3);
      await eventually(async () => queued.length, (n) => n >= 6);
    } finally {
      await scanner.stop();
    }
    // Stopped: nothing more can be queued, so the count is final (one per high-scoring comment, none twice).
    expect(queued).toHaveLength(6);
    expect(new Set(queued.map((e) => e.fingerprint)).size).toBe(6);
    const { rows } = await db.query<{ last_error: string | null; ok: boolean }>("SELECT last_error, last_success_at IS NOT NULL AS ok FROM source_cursors WHERE source_key = 'reddit'");
    expect(rows).toEqual([{ last_error: null, ok: true }]);
  });

  it('a refused login rests every lane, logged once, shown on the dashboard, the users given back untouched', async () => {
    fake.addUser({ name: 'Someone', comments: 3 });
    await db.query("INSERT INTO reddit_users (name) VALUES ('Someone')");
    const { logger, lines } = captureLogs();
    const api = clientFor(fake, createRequestBudget({ redis, prefix: space.prefix, clientId: fake.client.id }), { password: 'hunter2-secret' });
    const scanner = startScanner({ db, api, outbox: createOutboxStore({ pool: db, routeTo: () => [] }), settings, lanes: 3, enqueue: async () => undefined, logger, retryMs: 0 });
    try {
      const [health] = await eventually(
        async () => (await db.query<{ last_error: string | null }>("SELECT last_error FROM source_cursors WHERE source_key = 'reddit'")).rows,
        (r) => r.length === 1,
      );
      expect(health!.last_error).toMatch(/refused/i);
      expect(health!.last_error).not.toContain('hunter2');
    } finally {
      await scanner.stop();
    }
    expect(lines.filter((l) => String(l.msg).startsWith('Reddit refused the login'))).toHaveLength(1);
    expect(JSON.stringify(lines)).not.toContain('hunter2');
    const { rows } = await db.query<{ lease: Date | null; last_scan_at: Date | null }>("SELECT lease_until AS lease, last_scan_at FROM reddit_users WHERE name = 'Someone'");
    expect(rows).toEqual([{ lease: null, last_scan_at: null }]);
    expect(fake.stats().tokenRequests).toBe(1);
  });

  it('a lane whose claim was on its way when the login was refused gives the user back without a second login', async () => {
    // The race CI met: idle lanes poll for due users; one's claim reached Postgres just after the
    // refused lane gave the user back, and it logged in again with the refused credentials.
    fake.addUser({ name: 'Someone', comments: 3 });
    await db.query("INSERT INTO reddit_users (name) VALUES ('Someone')");
    let givenBack!: () => void;
    const afterGiveBack = new Promise<void>((resolve) => (givenBack = resolve));
    let claims = 0;
    let claimsAnswered = 0;
    // Every claim after the first waits until the refused lane has given its user back.
    const racingDb = new Proxy(db, {
      get(target, key, receiver) {
        if (key !== 'query') return Reflect.get(target, key, receiver);
        return async (text: string, values?: unknown[]) => {
          const isClaim = text.includes('FOR UPDATE SKIP LOCKED');
          if (isClaim && (claims += 1) > 1) await afterGiveBack;
          const result = await target.query(text, values);
          if (isClaim) claimsAnswered += 1;
          if (text.includes('lease_until = NULL, due_at')) givenBack();
          return result;
        };
      },
    });
    const { logger } = captureLogs();
    const api = clientFor(fake, createRequestBudget({ redis, prefix: space.prefix, clientId: fake.client.id }), { password: 'wrong' });
    const scanner = startScanner({ db: racingDb, api, outbox: createOutboxStore({ pool: db, routeTo: () => [] }), settings, lanes: 3, enqueue: async () => undefined, logger, retryMs: 0 });
    try {
      await afterGiveBack;
      // The held claims run now and one finds the user due again; once both are answered, the
      // user is free only after that lane gave it back (or, before the fix, after its refused login).
      await eventually(async () => claimsAnswered, (n) => n >= 3);
      await eventually(async () => (await db.query<{ held: boolean }>("SELECT lease_until IS NOT NULL AS held FROM reddit_users WHERE name = 'Someone'")).rows[0]!.held, (held) => !held);
    } finally {
      await scanner.stop();
    }
    expect(fake.stats().tokenRequests).toBe(1);
    const { rows } = await db.query<{ lease: Date | null; last_scan_at: Date | null }>("SELECT lease_until AS lease, last_scan_at FROM reddit_users WHERE name = 'Someone'");
    expect(rows).toEqual([{ lease: null, last_scan_at: null }]);
  });
});

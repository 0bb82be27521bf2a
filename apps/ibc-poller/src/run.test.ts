import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QueueName } from '@herald/contracts';
import { createSqlPool, type SqlPool } from '@herald/db/sql';
import { syncConfiguredChains } from '@herald/ibc';
import { createLogger, type Logger } from '@herald/logging';
import { captureLogs } from '@herald/logging/testing';
import { createQueue, createRedis } from '@herald/queue';
import { createTestDatabase, createTestRedisPrefix, FakeCosmosChain, linkChains, type TestDatabase, type TestRedisPrefix } from '@herald/testkit';
import { loadConfig } from './config.js';
import { startPoller } from './run.js';

const T0 = new Date('2026-11-30T12:00:00Z');
const DAY_MS = 86_400_000;

let database: TestDatabase;
let redis: TestRedisPrefix;
let db: SqlPool;
let hub: FakeCosmosChain;
let osmo: FakeCosmosChain;
let dir: string;

function yaml(): string {
  const chain = (c: FakeCosmosChain, prefix: string, denom: string) =>
    `    - { chainId: ${c.chainId}, name: ${c.chainId}, rpc: ["${c.url}"], bech32Prefix: ${prefix}, denom: ${denom}, displayDenom: ${denom.slice(1).toUpperCase()}, exponent: 6 }`;
  return [
    'destinations:',
    '  alerts: { webhook: "https://discord.com/api/webhooks/1/secret" }',
    'routes:',
    '  - { events: ["ibc.*"], to: [alerts] }',
    'ibc:',
    '  chains:',
    chain(hub, 'cosmos', 'uatom'),
    chain(osmo, 'osmo', 'uosmo'),
    '  monitor:',
    '    - { chainId: hub-1 }',
    '',
  ].join('\n');
}

/** A real logger and a promise of the first line with `msg`. */
function logsUntil(msg: string): { logger: Logger; line: Promise<Record<string, unknown>> } {
  let found!: (line: Record<string, unknown>) => void;
  const line = new Promise<Record<string, unknown>>((resolve) => (found = resolve));
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString().split('\n').filter(Boolean)) {
        const parsed = JSON.parse(text) as Record<string, unknown>;
        if (parsed.msg === msg) found(parsed);
      }
      done();
    },
  });
  return { logger: createLogger({ name: 'test', destination }), line };
}

const env = () => ({ HERALD_CONFIG: join(dir, 'herald.yaml'), DATABASE_URL: database.url, REDIS_URL: redis.url, HERALD_REDIS_PREFIX: redis.prefix });

describe('ibc-poller', () => {
  beforeEach(async () => {
    [database, hub, osmo, dir] = await Promise.all([
      createTestDatabase('herald_ibc_app'),
      FakeCosmosChain.start({ chainId: 'hub-1', time: T0 }),
      FakeCosmosChain.start({ chainId: 'osmo-1', time: T0, bech32Prefix: 'osmo' }),
      mkdtemp(join(tmpdir(), 'herald-ibc-app-')),
    ]);
    redis = createTestRedisPrefix();
    db = createSqlPool({ url: database.url });
    await writeFile(join(dir, 'herald.yaml'), yaml());
    // hub-1's client was last updated 12 days ago: warning at first sight.
    linkChains(hub, osmo, { lastUpdate: new Date(T0.getTime() - 12 * DAY_MS) });
  });
  afterEach(async () => {
    await db.end();
    await Promise.all([database.drop(), redis.cleanup(), hub.close(), osmo.close(), rm(dir, { recursive: true })]);
  });

  it('--once polls every monitored chain and the wallets, enqueues the deliveries and one status refresh', async () => {
    const config = loadConfig(['--once'], env());
    await syncConfiguredChains(db, config.herald.ibc.chains);
    const { logger, lines } = captureLogs();
    const { closers, onceOk } = await startPoller(config, { db, logger });
    for (const close of closers) await close();
    expect(onceOk).toBe(true);

    const { rows } = await db.query<{ type: string; subject: string; enqueued: boolean }>('SELECT type, subject, enqueued_at IS NOT NULL AS enqueued FROM events ORDER BY id');
    expect(rows).toEqual([
      { type: 'ibc.client.warning', subject: 'hub-1/07-tendermint-0', enqueued: true },
      { type: 'ibc.client.warning', subject: 'osmo-1/07-tendermint-0', enqueued: true },
    ]);
    const connection = createRedis(redis.url, 'producer');
    const silent = captureLogs().logger;
    const deliver = createQueue(QueueName.deliver, { connection, prefix: redis.prefix, logger: silent });
    const maintenance = createQueue(QueueName.maintenance, { connection, prefix: redis.prefix, logger: silent });
    try {
      expect(await deliver.getWaitingCount()).toBe(1); // both events routed to the same destination: one batch
      const refresh = await maintenance.getJobs(['waiting']);
      expect(refresh.map((j) => j.name)).toEqual(['ibc.status.refresh']); // two polls, one pending refresh
    } finally {
      await Promise.all([deliver.close(), maintenance.close()]);
      await connection.quit();
    }
    await new Promise((resolve) => setImmediate(resolve));
    const started = lines.find((l) => l.msg === 'ibc poller started');
    expect(started).toMatchObject({ chains: ['hub-1', 'osmo-1'], monitored: [{ chainId: 'hub-1', connections: 'all' }], pollIntervalMs: 60_000 });
    expect(lines.find((l) => l.msg === 'ibc poll')).toMatchObject({ level: 30, chainId: 'hub-1', recorded: 2, states: { warning: 2 } });
    expect(JSON.stringify(lines)).not.toContain('secret');
  });

  it('schedules one poll per monitored chain and the wallets, and removes the scheduler of a chain no longer monitored', async () => {
    const connection = createRedis(redis.url, 'producer');
    const poll = createQueue(QueueName.ibcPoll, { connection, prefix: redis.prefix, logger: captureLogs().logger });
    await poll.upsertJobScheduler('ibc-poll-old-1', { every: 60_000 }, { name: 'ibc.poll', data: { chainId: 'old-1' } });
    const config = loadConfig([], env());
    await syncConfiguredChains(db, config.herald.ibc.chains);
    const { logger, line } = logsUntil('ibc poll');
    const { closers } = await startPoller(config, { db, logger });
    try {
      const ids = (await poll.getJobSchedulers()).map((s) => s.key).sort();
      expect(ids).toEqual(['ibc-poll-hub-1', 'ibc-wallets']);
      // The schedulers' first jobs run at once.
      expect(await line).toMatchObject({ chainId: 'hub-1', recorded: 2 });
    } finally {
      for (const close of closers) await close();
      await poll.close();
      await connection.quit();
    }
  });
});

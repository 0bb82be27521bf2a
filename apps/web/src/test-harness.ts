import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { createDb, type Db } from '@herald/db';
import { createSqlPool, type SqlPool } from '@herald/db/sql';
import { createLogger } from '@herald/logging';
import { createRedis } from '@herald/queue';
import { createTestDatabase, createTestRedisPrefix } from '@herald/testkit';
import { buildApp } from './app.js';
import type { AdminCredentials, WebDeps } from './deps.js';
import { createQueues } from './queues.js';
import type { RedditPageOptions } from './reddit/budget.js';

/**
 * A web app against its own Postgres database and Redis prefix; logs are captured for assertions.
 * The app reads through a plain `pg` pool (`sql`), as in production; tests write fixtures and
 * check results through Prisma (`db`).
 */
export interface TestEnv {
  db: Db;
  sql: SqlPool;
  queues: WebDeps['queues'];
  redis: ReturnType<typeof createRedis>;
  logLines(): Array<Record<string, unknown>>;
  build(options?: { admin?: AdminCredentials; demoDiscordUrl?: string; reddit?: RedditPageOptions }): Promise<FastifyInstance>;
  cleanup(): Promise<void>;
}

export async function createTestEnv(): Promise<TestEnv> {
  const database = await createTestDatabase('herald_web');
  const prefix = createTestRedisPrefix();
  const db = createDb({ url: database.url, maxConnections: 2 });
  const sql = createSqlPool({ url: database.url, max: 4 });
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) });
  const logger = createLogger({ name: 'web-test', level: 'debug', destination: sink });
  const redis = createRedis(prefix.url, 'producer');
  const queues = createQueues({ connection: redis, prefix: prefix.prefix, logger });
  const apps: FastifyInstance[] = [];
  return {
    db,
    sql,
    queues,
    redis,
    logLines: () => lines.flatMap((chunk) => chunk.split('\n').filter(Boolean)).map((l) => JSON.parse(l) as Record<string, unknown>),
    async build(options = {}) {
      const app = await buildApp({ db: sql, queues, logger, ...options });
      apps.push(app);
      return app;
    },
    async cleanup() {
      for (const app of apps) await app.close();
      for (const queue of Object.values(queues)) await queue.close();
      redis.disconnect();
      await sql.end();
      await db.$disconnect();
      await prefix.cleanup();
      await database.drop();
    },
  };
}

export const fixtureSecrets = {
  webhookToken: 'SECRETwebhookTOKENdo-not-show_0123456789',
  emails: ['alice.fixture@example.org', 'bob.fixture@example.org'],
  realNames: ['Alice Realname-Fixture', 'Bob Realname-Fixture'],
};

/** Two events (alice delivered after a retry, bob dead), a quarantined destination and a source cursor. */
export async function seedFixtures(db: Db) {
  const hook = `https://discord.com/api/webhooks/112233445566778899/${fixtureSecrets.webhookToken}`;
  const main = await db.destination.create({ data: { key: 'servatrice-default', kind: 'webhook', target: hook, label: 'Servatrice sign-ups' } });
  const broken = await db.destination.create({
    data: {
      key: 'servatrice-mods',
      kind: 'webhook',
      target: `${hook}-mods`,
      label: 'Moderators',
      status: 'quarantined',
      quarantineReason: 'Discord answered 404 Unknown Webhook',
      quarantinedAt: new Date(),
      failureStreak: 3,
      retryAt: new Date(Date.now() + 60_000),
      lastError: `POST ${hook}-mods failed: 404`,
    },
  });
  const event = (i: 0 | 1, subject: string, createdAt: Date) =>
    db.event.create({
      data: {
        fingerprint: `servatrice.default.account.${i + 1}`,
        type: 'servatrice.account.registered',
        sourceKey: 'servatrice:default',
        subject,
        createdAt,
        payload: { source: 'default', accountId: i + 1, name: subject, email: fixtureSecrets.emails[i], realName: fixtureSecrets.realNames[i], registeredAt: null },
      },
    });
  const now = Date.now();
  const alice = await event(0, 'AliceWonder', new Date(now - 60_000));
  const bob = await event(1, 'BobBuilder', new Date(now - 30_000));
  const aliceDelivery = await db.delivery.create({
    data: {
      eventId: alice.id,
      destinationId: main.id,
      status: 'delivered',
      attempts: 2,
      discordMessageId: '998877665544332211',
      deliveredAt: new Date(now - 58_000),
      mentions: { roles: ['445566778899001122'], users: [] },
    },
  });
  await db.deliveryAttempt.createMany({
    data: [
      { deliveryId: aliceDelivery.id, outcome: 'retry', httpStatus: 503, error: `503 from ${hook}`, at: new Date(now - 59_000) },
      { deliveryId: aliceDelivery.id, outcome: 'delivered', httpStatus: 200, discordMessageId: '998877665544332211', at: new Date(now - 58_000) },
    ],
  });
  const bobDelivery = await db.delivery.create({
    data: { eventId: bob.id, destinationId: main.id, status: 'dead', attempts: 1, lastError: `400 Invalid Form Body for ${fixtureSecrets.emails[1]}` },
  });
  await db.deliveryAttempt.create({ data: { deliveryId: bobDelivery.id, outcome: 'dead', httpStatus: 400, error: 'Invalid Form Body' } });
  await db.sourceCursor.create({
    data: { sourceKey: 'servatrice:default', position: 2n, lastPollAt: new Date(now - 2000), lastSuccessAt: new Date(now - 5000), lastPollMs: 42 },
  });
  return { main, broken, alice, bob, aliceDelivery, bobDelivery };
}

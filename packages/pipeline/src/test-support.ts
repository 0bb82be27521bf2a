import { eventTypes } from '@herald/contracts';
import { createDb, type Db } from '@herald/db';
import { createSqlPool, type SqlPool } from '@herald/db/sql';
import { createDiscordClient, packMessages, parseWebhookTarget } from '@herald/discord';
import { createLogger, type Logger } from '@herald/logging';
import { FakeDiscord, createTestDatabase, type FakeDiscordOptions, type TestDatabase } from '@herald/testkit';
import { createDeliveryEngine, type DeliveryEngineOptions } from './delivery/engine.js';
import type { Renderers } from './delivery/renderers.js';
import type { MessageSender } from './delivery/sender.js';
import { createOutboxStore } from './outbox.js';
import { syncDestinations } from './destinations.js';
import type { Mentions } from './routing.js';
import type { NewEvent } from './types.js';

export const silentLogger: Logger = createLogger({ name: 'test', level: 'silent' });

/** Every other event type renders as one embed titled with its type. */
const byType = Object.fromEntries(eventTypes.map((type) => [type, () => [{ title: type }]])) as unknown as Renderers;

/**
 * Test renderers: one embed per account (a name starting with POISON renders an embed Discord
 * rejects); a low wallet pings its owner, and writes an attempted ping of someone else in its embed.
 */
export const testRenderers: Renderers = {
  ...byType,
  'servatrice.account.registered': (p) => [{ title: p.name.startsWith('POISON') ? 'x'.repeat(300) : `account ${p.name}`, fields: [{ name: 'id', value: String(p.accountId) }] }],
  'ibc.wallet.low': (p) => ({ embeds: [{ title: `low ${p.address}`, description: `<@${p.ownerId}> <@&999999999999999999> @everyone` }], pings: { users: [p.ownerId] } }),
};

/** A low-balance event for wallet `n`, owned by `ownerId`. */
export function lowWallet(n: number, ownerId: string): NewEvent {
  return {
    fingerprint: `ibc.test.wallet.${n}.low`,
    type: 'ibc.wallet.low',
    subject: `cosmos1wallet${n}`,
    occurredAt: null,
    payload: {
      chainId: 'testchain-1',
      chainName: 'Test',
      address: `cosmos1wallet${n}`,
      ownerId,
      balance: '1000',
      threshold: '5000',
      denom: 'utest',
      displayDenom: 'TEST',
      exponent: 6,
      runwaySeconds: null,
    },
  };
}

export function account(id: number, name = `user${id}`): NewEvent {
  return {
    fingerprint: `servatrice.test.account.${id}.0`,
    type: 'servatrice.account.registered',
    subject: name,
    occurredAt: null,
    payload: { source: 'test', accountId: id, name, registeredAt: null, email: `${name}@example.org` },
  };
}

export interface EngineFixture {
  testDb: TestDatabase;
  /** The real Discord client the fixture's sender uses (retries off, 2 s timeout). */
  client: ReturnType<typeof createDiscordClient>;
  sender: MessageSender;
  /** Prisma, for assertions. */
  db: Db;
  /** What the pipeline itself uses. */
  pool: SqlPool;
  discord: FakeDiscord;
  webhookId: string;
  destinationId: number;
  record(events: NewEvent[]): Promise<bigint[]>;
  /** `pack: unfitted` skips truncation so an oversized embed reaches Discord and gets its 400. */
  engine(options?: Partial<DeliveryEngineOptions>): ReturnType<typeof createDeliveryEngine>;
  close(): Promise<void>;
}

/**
 * Real Postgres, the fake Discord and the real Discord client; every event is routed to one webhook
 * destination with `mentions` (default none).
 */
export async function engineFixture(options: { globalRequestsPerSecond?: number; discord?: FakeDiscordOptions; mentions?: Mentions } = {}): Promise<EngineFixture> {
  const { discord: discordOptions, mentions = null, ...clientOptions } = options;
  const [testDb, discord] = await Promise.all([createTestDatabase('herald_pipeline'), FakeDiscord.start(discordOptions)]);
  const db = createDb({ url: testDb.url, maxConnections: 2 });
  const pool = createSqlPool({ url: testDb.url, max: 4 });
  const webhook = discord.createWebhook();
  const ids = await syncDestinations(pool, [{ key: 'test', kind: 'webhook', target: webhook.url, label: 'test webhook' }]);
  const destinationId = ids.get('test')!;
  const outbox = createOutboxStore({ pool, routeTo: () => [{ destinationId, mentions }] });
  const client = createDiscordClient({ apiBaseUrl: discord.apiBaseUrl, retries: 0, timeoutMs: 2000, ...clientOptions });
  const sender: MessageSender = { send: (d, body, o = {}) => client.executeWebhook(parseWebhookTarget(d.target), body, { signal: o.signal, hooks: o.hooks }) };
  return {
    testDb,
    client,
    sender,
    db,
    pool,
    discord,
    webhookId: webhook.id,
    destinationId,
    async record(events) {
      const recorded = await outbox.poll('test', (tx) => tx.record(events));
      return recorded.map((r) => r.id);
    },
    engine: (options = {}) =>
      createDeliveryEngine({
        db: pool,
        sender,
        pack: (items) => packMessages(items),
        renderers: testRenderers,
        logger: silentLogger,
        retryDelay: () => 200,
        ...options,
      }),
    async close() {
      client.destroy();
      await Promise.all([db.$disconnect(), pool.end()]);
      await discord.close();
      await testDb.drop();
    },
  };
}

/** Groups 10 embeds per message without fitting them to Discord's limits. */
export const unfittedPacker: DeliveryEngineOptions['pack'] = (items) => {
  const out = [];
  for (let i = 0; i < items.length; i += 10) {
    const group = items.slice(i, i + 10);
    out.push({ keys: group.map((g) => g.key), body: { embeds: group.flatMap((g) => g.embeds), allowed_mentions: { parse: [] } } });
  }
  return out;
};

export function embedTitles(discord: FakeDiscord): string[] {
  return discord.messages().flatMap((m) => (m.embeds as Array<{ title: string }>).map((e) => e.title));
}

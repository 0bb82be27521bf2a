import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordClient, packMessages } from '@herald/discord';
import type { FakeDiscordMessage as RecordedMessage } from '@herald/testkit';
import { syncDestinations } from '../destinations.js';
import { compileRouter } from '../routing.js';
import { createOutboxStore } from '../outbox.js';
import { account, engineFixture, silentLogger, testRenderers, type EngineFixture } from '../test-support.js';
import { createDeliveryEngine } from './engine.js';
import type { MessageSender } from './sender.js';

const ROLE = '200000000000000001';
const USER = '200000000000000002';

let f: EngineFixture;
let channelId: string;
let record: (ids: number[]) => Promise<bigint[]>;
let client: ReturnType<typeof createDiscordClient>;

beforeEach(async () => {
  f = await engineFixture();
  channelId = f.discord.createChannel().id;
  const ids = await syncDestinations(f.pool, [{ key: 'mods', kind: 'channel', target: channelId, label: 'mods channel' }]);
  const routeTo = compileRouter([{ events: ['servatrice.*'], to: [{ destination: 'mods', mentions: { users: [USER], roles: [ROLE] }, minSeverity: 'info' }] }], ids);
  const outbox = createOutboxStore({ pool: f.pool, routeTo });
  record = async (accountIds) => (await outbox.poll('channel-test', (tx) => tx.record(accountIds.map((i) => account(i))))).map((r) => r.id);
  client = createDiscordClient({ apiBaseUrl: f.discord.apiBaseUrl, retries: 0, timeoutMs: 500, botToken: 'test-bot-token' });
});
afterEach(async () => {
  client.destroy();
  await f.close();
});

function engine() {
  const sender: MessageSender = { send: (d, body, options) => client.createChannelMessage(d.target, body, options) };
  return createDeliveryEngine({ db: f.pool, sender, pack: (items) => packMessages(items), renderers: testRenderers, logger: silentLogger, retryDelay: () => 50 });
}

const titlesOf = (messages: RecordedMessage[]) => messages.flatMap((m) => (m.embeds as Array<{ title: string }>).map((e) => e.title));
const channelPosts = () => f.discord.requests().filter((r) => r.method === 'POST' && r.path.endsWith(`/channels/${channelId}/messages`));

async function deliverUntilDone(run: ReturnType<typeof engine>, eventId: bigint): Promise<void> {
  for (;;) {
    const outcome = await run.deliverEvent(eventId);
    if (outcome.kind === 'done') return;
    // As the job queue would: the job comes back at the time the engine named, not before.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, outcome.at.getTime() - Date.now()) + 5));
  }
}

describe('bot channel delivery', () => {
  it('posts as the bot with the route\'s mentions, only those ids allowed to ping, and a nonce Discord enforces', async () => {
    const [id] = await record([1]);
    await deliverUntilDone(engine(), id!);
    const [message] = f.discord.messages({ channelId });
    expect(message!.content).toBe(`<@&${ROLE}> <@${USER}>`);
    expect(message!.body).toMatchObject({ allowed_mentions: { parse: [], users: [USER], roles: [ROLE] }, enforce_nonce: true });
    const delivery = await f.db.delivery.findFirstOrThrow({ where: { eventId: id! } });
    expect(delivery).toMatchObject({ status: 'delivered', discordMessageId: message!.id });
    expect(delivery.nonce).toBe(message!.nonce);
  });

  it('resends with the same nonce when the response was lost, so the message appears once, and packs later events afresh', async () => {
    const [first] = await record([1]);
    // Discord stores the message but the answer never arrives (the client times out).
    f.discord.injectFaults({ channelId }, [{ hold: true }]);
    const run = engine();
    expect((await run.deliverEvent(first!)).kind).toBe('retry');
    expect(f.discord.messages({ channelId })).toHaveLength(1);
    const [second] = await record([2]);
    await deliverUntilDone(run, second!);
    const messages = f.discord.messages({ channelId });
    expect(titlesOf(messages)).toEqual(['account user1', 'account user2']);
    expect(channelPosts()).toHaveLength(3); // the lost one, its resend (answered with the first message), event 2
    const deliveries = await f.db.delivery.findMany({ orderBy: { eventId: 'asc' } });
    expect(deliveries.map((d) => [d.status, d.discordMessageId])).toEqual([
      ['delivered', messages[0]!.id],
      ['delivered', messages[1]!.id],
    ]);
    expect(deliveries[0]!.nonce).toBe(messages[0]!.nonce);
    expect(deliveries[1]!.nonce).not.toBe(deliveries[0]!.nonce);
  });
});

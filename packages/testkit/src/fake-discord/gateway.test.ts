/** The real discord.js Client against the fake gateway: login, caches, messages, intents, reconnects. */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, type Message } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DemoGuild, FakeDiscord } from './index.js';

const { Guilds, GuildMessages, MessageContent } = GatewayIntentBits;
let fake: FakeDiscord | undefined;
const clients: Client[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.destroy()));
  await fake?.close();
  fake = undefined;
});

async function connect(intents: GatewayIntentBits[] = [Guilds, GuildMessages, MessageContent]): Promise<{ fake: FakeDiscord; client: Client }> {
  fake ??= await FakeDiscord.start();
  const client = new Client({ intents, rest: { api: fake.apiBaseUrl } });
  clients.push(client);
  const ready = once(client, Events.ClientReady);
  await client.login('fake-token');
  await ready;
  return { fake, client };
}

function nextMessage(client: Client): Promise<Message> {
  return new Promise((resolve) => {
    const listener = (message: Message): void => {
      if (message.author.bot) return;
      client.off(Events.MessageCreate, listener);
      resolve(message);
    };
    client.on(Events.MessageCreate, listener);
  });
}

describe('fake Discord gateway with discord.js', () => {
  it('logs in, becomes ready and caches the demo guild with its owner, members, roles and channels', async () => {
    const { fake, client } = await connect();
    expect(client.user?.id).toBe(DemoGuild.bot.id);
    expect(client.application?.id).toBe(DemoGuild.applicationId);
    const guild = client.guilds.cache.get(DemoGuild.id);
    expect(guild?.name).toBe('Herald Demo');
    expect(guild?.ownerId).toBe(DemoGuild.users.owner.id);
    expect(guild?.members.cache.get(DemoGuild.users.moderator.id)?.roles.cache.has(DemoGuild.roles.moderator.id)).toBe(true);
    expect(guild?.channels.cache.get(DemoGuild.channels.alerts.id)?.name).toBe('alerts');
    expect(fake.gatewayStats()).toMatchObject({ connections: 1, identifies: 1, resumes: 0, readySessions: 1, intents: [Guilds | GuildMessages | MessageContent] });
    // REST fetches that bots commonly make.
    expect((await guild!.members.fetch(DemoGuild.users.member.id)).user.username).toBe('member');
    expect((await client.channels.fetch(DemoGuild.channels.general.id, { force: true }))?.id).toBe(DemoGuild.channels.general.id);
    expect((await guild!.members.fetch()).size).toBe(4);
    expect((await client.application!.fetch()).name).toBe('Herald');
  });

  it('delivers messages with content only under the MessageContent intent; send and reply are recorded', async () => {
    const { fake, client } = await connect();
    const received = nextMessage(client);
    const { messageId } = fake.dispatchMessage({ authorId: DemoGuild.users.member.id, content: '!ping' });
    const message = await received;
    expect(message).toMatchObject({ id: messageId, content: '!ping', channelId: DemoGuild.channels.general.id, guildId: DemoGuild.id });
    expect(message.member?.id).toBe(DemoGuild.users.member.id);

    await message.reply('pong');
    if (!message.channel.isSendable()) throw new Error('general is not sendable');
    await message.channel.send({ content: 'plain' });
    const replies = fake.messages({ referencedMessageId: messageId });
    expect(replies).toMatchObject([{ content: 'pong', authorId: DemoGuild.bot.id, channelId: DemoGuild.channels.general.id }]);
    expect(fake.messages({ channelId: DemoGuild.channels.general.id }).map((m) => m.content)).toEqual(['pong', 'plain']);

    const { client: blind } = await connect([Guilds, GuildMessages]);
    const blindReceived = nextMessage(blind);
    fake.dispatchMessage({ authorId: 'moderator', content: 'secret', channelId: 'alerts' });
    expect((await blindReceived).content).toBe('');
    // Mentioning the bot makes the content visible even without the intent, as on Discord.
    const mentioned = nextMessage(blind);
    fake.dispatchMessage({ authorId: 'member', content: `<@${DemoGuild.bot.id}> help` });
    expect((await mentioned).content).toBe(`<@${DemoGuild.bot.id}> help`);
  });

  it('echoes bot messages to the gateway like Discord, and refuses replies to unknown messages', async () => {
    const { client } = await connect();
    const own = new Promise<Message>((resolve) => client.once(Events.MessageCreate, resolve));
    const channel = client.channels.cache.get(DemoGuild.channels.general.id);
    if (!channel?.isSendable()) throw new Error('general is not sendable');
    await channel.send('hello');
    expect((await own).author.id).toBe(DemoGuild.bot.id);
    await expect(channel.send({ content: 'x', reply: { messageReference: '123456789012345678' } })).rejects.toThrow(/Unknown message/);
  });

  it('lets the client resume after a resumable disconnect', async () => {
    const { fake, client } = await connect();
    fake.disconnectGateway();
    expect(fake.gatewayStats().readySessions).toBe(0);
    await fake.waitForGatewayReady({ timeoutMs: 4000 });
    expect(fake.gatewayStats()).toMatchObject({ identifies: 1, resumes: 1, connections: 2 });
    const received = nextMessage(client);
    fake.dispatchMessage({ authorId: 'member', content: 'after resume' });
    expect((await received).content).toBe('after resume');
  });

  it('refuses reconnects during refuseForMs; the client keeps retrying and resumes afterwards', async () => {
    // A session-ending code (e.g. 4009) would work too, but discord.js then waits up to 6.5 s
    // before it may IDENTIFY again (5 s identify throttle), too slow for a unit test.
    const { fake } = await connect();
    const started = Date.now();
    fake.disconnectGateway({ refuseForMs: 800 });
    await fake.waitForGatewayReady({ timeoutMs: 5000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
    const stats = fake.gatewayStats();
    expect(stats.refused).toBeGreaterThanOrEqual(1);
    expect(stats).toMatchObject({ identifies: 1, resumes: 1, readySessions: 1 });
  });

  it('throws on dispatch when no bot is connected', async () => {
    fake = await FakeDiscord.start();
    expect(() => fake!.dispatchMessage({ authorId: 'member', content: 'x' })).toThrow(/no bot is connected/);
    await expect(fake.waitForGatewayReady({ timeoutMs: 50 })).rejects.toThrow(/expected 1 ready session/);
  });

});

/**
 * What a link-logging bot needs from the fake: a member's message with a reddit link reaches it with
 * its content as typed, the bot reacts on it and reposts it in another channel, and both are recorded.
 */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, type Message } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DemoGuild, FakeDiscord } from './index.js';

const { Guilds, GuildMessages, MessageContent } = GatewayIntentBits;
let fake: FakeDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await fake?.close();
  client = undefined;
  fake = undefined;
});

describe('a member posts a reddit link', () => {
  it('reaches the bot as typed; its reaction and its repost in another channel are recorded', async () => {
    fake = await FakeDiscord.start({ limits: { webhook: 'unlimited', channel: 'unlimited' } });
    const log = fake.createChannel({ guildId: DemoGuild.id, name: 'log' });
    client = new Client({ intents: [Guilds, GuildMessages, MessageContent], rest: { api: fake.apiBaseUrl } });
    const ready = once(client, Events.ClientReady);
    await client.login('token');
    await ready;

    const seen: Message[] = [];
    const handled = new Promise<void>((resolve, reject) => {
      client!.on(Events.MessageCreate, (message) => {
        seen.push(message);
        if (message.author.id === client!.user!.id || message.channelId !== DemoGuild.channels.general.id) return;
        const logChannel = client!.channels.cache.get(log.id);
        if (!logChannel?.isSendable()) return reject(new Error('log channel missing'));
        Promise.all([message.react('🔥'), logChannel.send({ content: `${message.author.username}: ${message.content}`, allowedMentions: { parse: [] } })])
          .then(() => resolve(), reject);
      });
    });
    const echoed = new Promise<Message>((resolve) => {
      client!.on(Events.MessageCreate, (message) => {
        if (message.author.id === DemoGuild.bot.id && message.channelId === log.id) resolve(message);
      });
    });
    const content = 'look https://www.reddit.com/r/some\\_sub/comments/abc123/title/def456/ <@100000000000000011>';
    const { messageId } = fake.dispatchMessage({ authorId: 'member', content });
    await handled;

    expect(seen[0]).toMatchObject({ id: messageId, content, channelId: DemoGuild.channels.general.id });
    expect(fake.message(messageId)?.reactions).toEqual([{ emoji: '🔥', userIds: [DemoGuild.bot.id] }]);
    const [repost] = fake.messages({ channelId: log.id });
    expect(repost).toMatchObject({ content: `member: ${content}`, authorId: DemoGuild.bot.id, body: { allowed_mentions: { parse: [] } } });
    // The bot hears its own repost too (and must ignore it), as on Discord.
    expect((await echoed).id).toBe(repost!.id);
    expect(fake.channelHistory(log.id).map((m) => m.id)).toEqual([repost!.id]);
  });
});

/** Members joining and leaving, and privileged intents, with real discord.js Clients. */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, type GuildMember, type Message, type PartialGuildMember } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { CommandInputError, DemoGuild, FakeDiscord, type FakeDiscordOptions } from './index.js';

const { Guilds, GuildMembers, GuildMessages, MessageContent } = GatewayIntentBits;
let fake: FakeDiscord | undefined;
const clients: Client[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.destroy()));
  await fake?.close();
  fake = undefined;
});

async function start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  fake = await FakeDiscord.start(options);
  return fake;
}

async function connect(intents: GatewayIntentBits[]): Promise<Client> {
  const client = new Client({ intents, rest: { api: fake!.apiBaseUrl } });
  clients.push(client);
  const ready = once(client, Events.ClientReady);
  await client.login('token');
  await ready;
  return client;
}

/** Resolves with the next member message a client sees: a marker proving earlier events on its socket arrived. */
function nextMessage(client: Client): Promise<Message> {
  return once(client, Events.MessageCreate).then(([message]) => message as Message);
}

describe('members joining and leaving', () => {
  it('dispatches GUILD_MEMBER_ADD and _REMOVE only to sessions with GUILD_MEMBERS, and keeps the guild current', async () => {
    const fake = await start();
    const watcher = await connect([Guilds, GuildMembers]);
    const blind = await connect([Guilds, GuildMessages]);
    const blindEvents: string[] = [];
    blind.on(Events.GuildMemberAdd, (m) => blindEvents.push(`add ${m.id}`));
    blind.on(Events.GuildMemberRemove, (m) => blindEvents.push(`remove ${m.id}`));

    const added = once(watcher, Events.GuildMemberAdd) as Promise<[GuildMember]>;
    const before = Date.now();
    const member = fake.memberJoin({ username: 'newcomer' });
    const [seen] = await added;
    expect(seen).toMatchObject({ id: member.id, guild: { id: DemoGuild.id } });
    expect(seen.user.username).toBe('newcomer');
    expect(seen.joinedTimestamp).toBeGreaterThanOrEqual(before);
    expect(member.joinedAt).toBeGreaterThanOrEqual(before);

    // The new member can write and be fetched; the guild record lists them.
    const marker = nextMessage(blind);
    fake.dispatchMessage({ authorId: 'newcomer', content: 'hello' });
    expect((await marker).author.username).toBe('newcomer');
    expect((await watcher.guilds.cache.get(DemoGuild.id)!.members.fetch({ user: member.id, force: true })).user.username).toBe('newcomer');
    expect(Object.values(fake.guild.users).map((u) => u.username)).toContain('newcomer');

    const removed = once(watcher, Events.GuildMemberRemove) as Promise<[GuildMember | PartialGuildMember]>;
    fake.memberLeave(member.id);
    expect((await removed)[0].id).toBe(member.id);
    const secondMarker = nextMessage(blind);
    fake.dispatchMessage({ authorId: 'member', content: 'still here' });
    await secondMarker;
    expect(blindEvents).toEqual([]);
    expect(Object.values(fake.guild.users).map((u) => u.username)).not.toContain('newcomer');
  });

  it('refuses bad joins and leaves with CommandInputError; has control routes', async () => {
    const fake = await start();
    expect(() => fake.memberJoin({ username: 'x' })).toThrow(CommandInputError);
    expect(() => fake.memberJoin({ username: 'ok', id: 'abc' })).toThrow(/snowflake/);
    expect(() => fake.memberJoin({ username: 'again', id: DemoGuild.users.member.id })).toThrow(/already a member/);
    expect(() => fake.memberLeave(DemoGuild.ownerId)).toThrow(/owner/);
    expect(() => fake.memberLeave('nobody')).toThrow(/no member nobody/);

    const join = await fetch(`${fake.url}/_fake/gateway/member-join`, { method: 'POST', body: JSON.stringify({ username: 'viaControl', id: '200000000000000001' }) });
    expect(await join.json()).toMatchObject({ id: '200000000000000001', username: 'viaControl', roles: [] });
    const leave = await fetch(`${fake.url}/_fake/gateway/member-leave`, { method: 'POST', body: JSON.stringify({ userId: 'viaControl' }) });
    expect(await leave.json()).toMatchObject({ id: '200000000000000001' });
    const again = await fetch(`${fake.url}/_fake/gateway/member-leave`, { method: 'POST', body: JSON.stringify({ userId: 'viaControl' }) });
    expect(again.status).toBe(400);
  });
});

describe('channels', () => {
  it('announces a channel created in the guild with CHANNEL_CREATE, so the bot can post there at once', async () => {
    const fake = await start();
    const client = await connect([Guilds]);
    const created = once(client, Events.ChannelCreate);
    const log = fake.createChannel({ guildId: DemoGuild.id, name: 'log' });
    await created;
    const channel = client.channels.cache.get(log.id);
    if (!channel?.isSendable()) throw new Error('log is not sendable');
    await channel.send('logged');
    expect(fake.messages({ channelId: log.id }).map((m) => m.content)).toEqual(['logged']);
  });
});

describe('privileged intents', () => {
  it('closes an IDENTIFY asking for a disallowed privileged intent with 4014; allowed ones connect', async () => {
    const fake = await start({ allowedPrivilegedIntents: ['MessageContent'] });
    const refused = new Client({ intents: [Guilds, GuildMembers, MessageContent], rest: { api: fake.apiBaseUrl } });
    clients.push(refused);
    await expect(refused.login('token')).rejects.toThrow(/disallowed intents/i);
    expect(fake.gatewayStats()).toMatchObject({ identifies: 0, readySessions: 0 });

    await connect([Guilds, GuildMessages, MessageContent]);
    expect(fake.gatewayStats().readySessions).toBe(1);

    const control = await fetch(`${fake.url}/_fake/gateway/privileged-intents`, { method: 'POST', body: JSON.stringify({ allowed: ['GuildMembers', 'MessageContent'] }) });
    expect(await control.json()).toEqual({ allowed: ['GuildMembers', 'MessageContent'] });
    await connect([Guilds, GuildMembers]);
    expect(fake.gatewayStats().readySessions).toBe(2);
    const bad = await fetch(`${fake.url}/_fake/gateway/privileged-intents`, { method: 'POST', body: JSON.stringify({ allowed: ['Members'] }) });
    expect(bad.status).toBe(400);
  });
});

/** Bans and invites with a real discord.js Client (and raw REST for Discord's refusals). */
import { once } from 'node:events';
import { Client, DiscordAPIError, Events, GatewayIntentBits, Routes, type GuildBan, type GuildMember, type PartialGuildMember } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DemoGuild, FakeDiscord } from './index.js';

const { Guilds, GuildMembers, GuildModeration } = GatewayIntentBits;
let fake: FakeDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await fake?.close();
  client = undefined;
  fake = undefined;
});

async function connect(): Promise<{ fake: FakeDiscord; client: Client }> {
  fake = await FakeDiscord.start({ limits: { webhook: 'unlimited', channel: 'unlimited' } });
  client = new Client({ intents: [Guilds, GuildMembers, GuildModeration], rest: { api: fake.apiBaseUrl, retries: 0 } });
  const ready = once(client, Events.ClientReady);
  await client.login('token');
  await ready;
  return { fake, client };
}

async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: number | string }> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof DiscordAPIError)) throw new Error(`expected a DiscordAPIError, got ${String(error)}`);
  return { status: error.status, code: error.code };
}

describe('bans', () => {
  it('bans with a reason: the member leaves (GUILD_MEMBER_REMOVE + GUILD_BAN_ADD), the ban is listed and recorded', async () => {
    const { fake, client } = await connect();
    const guild = client.guilds.cache.get(DemoGuild.id)!;
    const [recent] = fake.seedMessages('general', [{ content: 'spam', authorId: 'member', ageMs: 60_000 }]);
    const [older] = fake.seedMessages('general', [{ content: 'older', authorId: 'member', ageMs: 2 * 3600_000 }]);
    const removed = once(client, Events.GuildMemberRemove) as Promise<[GuildMember | PartialGuildMember]>;
    const banned = once(client, Events.GuildBanAdd) as Promise<[GuildBan]>;

    await guild.members.ban(DemoGuild.users.member.id, { reason: 'spam: links & ads', deleteMessageSeconds: 3600 });
    expect((await removed)[0].id).toBe(DemoGuild.users.member.id);
    expect((await banned)[0].user.username).toBe('member');
    expect(fake.bans()).toMatchObject([{ userId: DemoGuild.users.member.id, username: 'member', reason: 'spam: links & ads', deleteMessageSeconds: 3600 }]);
    expect(fake.message(recent!.id)?.deletedAt).toBeGreaterThan(0);
    expect(fake.message(older!.id)?.deletedAt).toBeUndefined();

    const controlled = (await (await fetch(`${fake.url}/_fake/bans`)).json()) as Array<{ userId: string }>;
    expect(controlled.map((b) => b.userId)).toEqual([DemoGuild.users.member.id]);
    const bans = await guild.bans.fetch();
    expect(bans.get(DemoGuild.users.member.id)?.reason).toBe('spam: links & ads');
    expect(await refusal(guild.members.fetch({ user: DemoGuild.users.member.id, force: true }))).toMatchObject({ status: 404, code: 10007 });
    await guild.bans.remove(DemoGuild.users.member.id);
    expect(fake.bans()).toEqual([]);
  });

  it('refuses the owner (403 50013), an unknown user (404 10013), a bad delete_message_seconds (50035), and a guild fault', async () => {
    const { fake, client } = await connect();
    const guild = client.guilds.cache.get(DemoGuild.id)!;
    expect(await refusal(guild.members.ban(DemoGuild.ownerId))).toMatchObject({ status: 403, code: 50013 });
    expect(await refusal(guild.members.ban('123456789012345678'))).toMatchObject({ status: 404, code: 10013 });
    const body = { delete_message_seconds: 604_801 };
    expect(await refusal(client.rest.put(Routes.guildBan(DemoGuild.id, DemoGuild.users.member.id), { body }))).toMatchObject({ status: 400, code: 50035 });
    fake.injectFaults({ guildId: DemoGuild.id, route: 'bans' }, [{ status: 403 }]);
    expect(await refusal(guild.members.ban(DemoGuild.users.member.id))).toMatchObject({ status: 403, code: 50013 });
    expect(fake.bans()).toEqual([]);
  });
});

describe('invites', () => {
  it('creates an invite with Discord’s settings, records it, and reuses a similar one unless unique', async () => {
    const { fake, client } = await connect();
    const general = client.channels.cache.get(DemoGuild.channels.general.id);
    if (!general?.isTextBased() || general.isDMBased() || !('createInvite' in general)) throw new Error('general is not a guild text channel');
    const before = Date.now();
    const invite = await general.createInvite({ maxAge: 604_800, maxUses: 1, reason: 'invite command' });
    expect(invite.code).toMatch(/^[A-Za-z0-9]{8,10}$/);
    expect(invite.url).toBe(`https://discord.gg/${invite.code}`);
    expect(invite).toMatchObject({ maxAge: 604_800, maxUses: 1, temporary: false });
    expect(invite.expiresTimestamp! - invite.createdTimestamp!).toBe(604_800_000);
    const [recorded] = fake.invites();
    expect(recorded).toMatchObject({ code: invite.code, channelId: DemoGuild.channels.general.id, maxAge: 604_800, maxUses: 1, reason: 'invite command' });
    expect(recorded!.createdAt).toBeGreaterThanOrEqual(before);

    expect((await general.createInvite({ maxAge: 604_800, maxUses: 1 })).code).toBe(invite.code);
    expect((await general.createInvite({ maxAge: 604_800, maxUses: 1, unique: true })).code).not.toBe(invite.code);
    expect((await general.createInvite()).maxAge).toBe(86_400);
    expect(fake.invites()).toHaveLength(3);
    expect(await (await fetch(`${fake.url}/_fake/invites`)).json()).toHaveLength(3);
  });

  it('refuses max_age and max_uses out of range with 50035, and an unknown channel with 10003', async () => {
    const { client } = await connect();
    const route = Routes.channelInvites(DemoGuild.channels.general.id);
    for (const body of [{ max_age: 604_801 }, { max_age: -1 }, { max_uses: 101 }, { max_age: 'week' }, { temporary: 'yes' }]) {
      expect(await refusal(client.rest.post(route, { body })), JSON.stringify(body)).toMatchObject({ status: 400, code: 50035 });
    }
    expect(await refusal(client.rest.post(Routes.channelInvites('123456789012345678'), { body: {} }))).toMatchObject({ status: 404, code: 10003 });
  });
});

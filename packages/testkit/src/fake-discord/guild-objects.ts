/** Discord API objects (users, members, roles, channels, the guild) built from a FakeGuild. */
import type { APIGuildMember, APIRole, APIUser, GuildMemberFlags, RoleFlags } from 'discord-api-types/v10';
import {
  botAsUser,
  everyoneRole,
  findGuildUser,
  guildUsers,
  permissionsOf,
  type FakeGuild,
  type FakeGuildRole,
  type FakeGuildUser,
} from './guild.js';

/** When every fake member "joined": fixed so payloads are reproducible. */
const JOINED_AT = '2024-01-01T00:00:00.000000+00:00';

export function discordTimestamp(ms: number): string {
  // Discord uses microsecond precision and an explicit offset.
  return new Date(ms).toISOString().replace('Z', '000+00:00');
}

export function userObject(guild: FakeGuild, user: FakeGuildUser): APIUser {
  const isBot = user.id === guild.bot.id;
  return {
    id: user.id,
    username: user.username,
    discriminator: isBot ? '0000' : '0',
    global_name: isBot ? null : user.username,
    avatar: null,
    ...(isBot && { bot: true }),
  };
}

export function botUserObject(guild: FakeGuild): APIUser {
  return userObject(guild, botAsUser(guild));
}

/** A member without `user` (MESSAGE_CREATE and resolved data carry it like that). */
export function partialMemberObject(user: FakeGuildUser): Omit<APIGuildMember, 'user'> {
  return {
    roles: [...user.roles],
    joined_at: user.joinedAt === undefined ? JOINED_AT : discordTimestamp(user.joinedAt),
    nick: null,
    avatar: null,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
  };
}

export function memberObject(guild: FakeGuild, user: FakeGuildUser): APIGuildMember {
  return { ...partialMemberObject(user), user: userObject(guild, user) };
}

/** The member as an interaction carries it: with its permissions in the channel. */
export function interactionMemberObject(guild: FakeGuild, user: FakeGuildUser): APIGuildMember & { permissions: string } {
  return { ...memberObject(guild, user), permissions: permissionsOf(guild, user.id).toString() };
}

function roleObject(role: FakeGuildRole, position: number): APIRole {
  return {
    id: role.id,
    name: role.name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: role.permissions,
    managed: false,
    mentionable: true,
    flags: 0 as RoleFlags,
  };
}

export function roleObjects(guild: FakeGuild): APIRole[] {
  return [everyoneRole(guild), ...Object.values(guild.roles)].map((role, position) => roleObject(role, position));
}

export function roleObjectById(guild: FakeGuild, roleId: string): APIRole | undefined {
  return roleObjects(guild).find((r) => r.id === roleId);
}

export function channelObject(guildId: string, channel: { id: string; name: string }, position = 0): Record<string, unknown> {
  return {
    id: channel.id,
    type: 0,
    guild_id: guildId,
    name: channel.name,
    position,
    permission_overwrites: [],
    parent_id: null,
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  };
}

export function guildObject(guild: FakeGuild): Record<string, unknown> {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: roleObjects(guild),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
  };
}

/** Every member, bot included, as GUILD_CREATE lists them. */
export function allMembers(guild: FakeGuild): APIGuildMember[] {
  return [...guildUsers(guild), botAsUser(guild)].map((user) => memberObject(guild, user));
}

/** GUILD_CREATE's data: the guild plus channels, members and the rest discord.js caches. */
export function guildCreateData(guild: FakeGuild, channels: { id: string; name: string }[]): Record<string, unknown> {
  const members = allMembers(guild);
  return {
    ...guildObject(guild),
    joined_at: JOINED_AT,
    large: false,
    unavailable: false,
    member_count: members.length,
    voice_states: [],
    members,
    channels: channels.map((channel, position) => channelObject(guild.id, channel, position)),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** The member object for `GET /guilds/:id/members/:userId`, or undefined for strangers. */
export function memberById(guild: FakeGuild, userId: string): APIGuildMember | undefined {
  const user = findGuildUser(guild, userId);
  return user && user.id === userId ? memberObject(guild, user) : undefined;
}

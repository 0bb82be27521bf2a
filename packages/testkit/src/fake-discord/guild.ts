/** The one guild the fake gateway serves: fixed ids so apps, tests and the demo can refer to them. */
import { PermissionFlagsBits } from 'discord-api-types/v10';

export interface FakeGuildUser {
  readonly id: string;
  readonly username: string;
  /** Role ids besides @everyone. */
  readonly roles: readonly string[];
  /** Epoch ms when the member joined; absent for the guild's founding members (a fixed date). */
  readonly joinedAt?: number;
}

export interface FakeGuildChannel {
  readonly id: string;
  readonly name: string;
}

export interface FakeGuildRole {
  readonly id: string;
  readonly name: string;
  /** Permission bits as a decimal string, like Discord sends them. */
  readonly permissions: string;
}

export interface FakeGuild {
  readonly id: string;
  readonly name: string;
  readonly ownerId: string;
  readonly applicationId: string;
  readonly bot: { readonly id: string; readonly username: string };
  /** Text channels (type 0). Needs at least one; `general`, if present, is the default for dispatches. */
  readonly channels: Readonly<Record<string, FakeGuildChannel>>;
  /** Roles besides @everyone (whose id is the guild id). */
  readonly roles: Readonly<Record<string, FakeGuildRole>>;
  /** Human members; the keys ('owner', 'moderator', ...) also name them in the control API. */
  readonly users: Readonly<Record<string, FakeGuildUser>>;
}

const p = PermissionFlagsBits;
/** Roughly what @everyone gets in a new server. */
export const EVERYONE_PERMISSIONS = (
  p.ViewChannel | p.SendMessages | p.ReadMessageHistory | p.EmbedLinks | p.AttachFiles | p.AddReactions |
  p.UseApplicationCommands | p.UseExternalEmojis | p.CreateInstantInvite | p.ChangeNickname | p.Connect | p.Speak
).toString();
const MODERATOR_PERMISSIONS = (p.ManageMessages | p.KickMembers | p.BanMembers | p.ModerateMembers).toString();
/** Every permission bit Discord defines: what the owner effectively has. */
export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n).toString();

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

export const DemoGuild = deepFreeze({
  id: '100000000000000001',
  name: 'Herald Demo',
  ownerId: '100000000000000010',
  applicationId: '100000000000000003',
  bot: { id: '100000000000000002', username: 'Herald' },
  channels: {
    general: { id: '100000000000000100', name: 'general' },
    alerts: { id: '100000000000000101', name: 'alerts' },
  },
  roles: {
    moderator: { id: '100000000000000200', name: 'moderator', permissions: MODERATOR_PERMISSIONS },
  },
  users: {
    owner: { id: '100000000000000010', username: 'owner', roles: [] as string[] },
    moderator: { id: '100000000000000011', username: 'moderator', roles: ['100000000000000200'] },
    member: { id: '100000000000000012', username: 'member', roles: [] as string[] },
  },
} satisfies FakeGuild);

export function guildUsers(guild: FakeGuild): FakeGuildUser[] {
  return Object.values(guild.users);
}

/** A member by id, by key ('owner') or by username; the bot counts as a member too. */
export function findGuildUser(guild: FakeGuild, ref: string): FakeGuildUser | undefined {
  if (ref === guild.bot.id || ref === guild.bot.username) return botAsUser(guild);
  return guild.users[ref] ?? guildUsers(guild).find((u) => u.id === ref || u.username === ref);
}

export function botAsUser(guild: FakeGuild): FakeGuildUser {
  return { id: guild.bot.id, username: guild.bot.username, roles: [] };
}

export function findRole(guild: FakeGuild, ref: string): FakeGuildRole | undefined {
  if (ref === guild.id || ref === '@everyone' || ref === 'everyone') return everyoneRole(guild);
  return guild.roles[ref] ?? Object.values(guild.roles).find((r) => r.id === ref || r.name === ref);
}

export function everyoneRole(guild: FakeGuild): FakeGuildRole {
  return { id: guild.id, name: '@everyone', permissions: EVERYONE_PERMISSIONS };
}

export function findChannel(guild: FakeGuild, ref: string): FakeGuildChannel | undefined {
  return guild.channels[ref] ?? Object.values(guild.channels).find((c) => c.id === ref || c.name === ref);
}

export function defaultChannel(guild: FakeGuild): FakeGuildChannel {
  const channel = guild.channels.general ?? Object.values(guild.channels)[0];
  if (channel === undefined) throw new Error('the fake guild needs at least one channel');
  return channel;
}

/** Guild-level permissions: the owner has all of them, others the union of their roles. */
export function permissionsOf(guild: FakeGuild, userId: string): bigint {
  if (userId === guild.ownerId) return BigInt(ALL_PERMISSIONS);
  const user = findGuildUser(guild, userId);
  let bits = BigInt(EVERYONE_PERMISSIONS);
  for (const roleId of user?.roles ?? []) bits |= BigInt(findRole(guild, roleId)?.permissions ?? '0');
  if ((bits & PermissionFlagsBits.Administrator) !== 0n) return BigInt(ALL_PERMISSIONS);
  return bits;
}

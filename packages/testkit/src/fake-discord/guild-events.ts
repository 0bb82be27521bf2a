/**
 * Gateway dispatches for what changes in the guild, each only to sessions that identified with the
 * intent Discord requires (https://discord.com/developers/docs/events/gateway#list-of-intents):
 * GUILD_MEMBER_ADD/REMOVE (GUILD_MEMBERS), GUILD_BAN_ADD/REMOVE (GUILD_MODERATION),
 * MESSAGE_REACTION_ADD (GUILD_MESSAGE_REACTIONS), CHANNEL_CREATE (GUILDS).
 */
import { GatewayDispatchEvents, GatewayIntentBits } from 'discord-api-types/v10';
import { channelObject, memberObject, partialMemberObject, userObject } from './guild-objects.js';
import { botAsUser, type FakeGuildUser } from './guild.js';
import type { FakeState } from './routes.js';

function toSessionsWith(state: FakeState, intent: number, event: string, data: unknown): number {
  return state.gateway.dispatch(event, (intents) => ((intents & intent) === 0 ? undefined : data));
}

/** Returns how many sessions received it. */
export function dispatchMemberAdd(state: FakeState, user: FakeGuildUser): number {
  const data = { ...memberObject(state.guild, user), guild_id: state.guild.id };
  return toSessionsWith(state, GatewayIntentBits.GuildMembers, GatewayDispatchEvents.GuildMemberAdd, data);
}

export function dispatchMemberRemove(state: FakeState, user: FakeGuildUser): number {
  const data = { guild_id: state.guild.id, user: userObject(state.guild, user) };
  return toSessionsWith(state, GatewayIntentBits.GuildMembers, GatewayDispatchEvents.GuildMemberRemove, data);
}

export function dispatchBan(state: FakeState, user: FakeGuildUser, added: boolean): number {
  const data = { guild_id: state.guild.id, user: userObject(state.guild, user) };
  const event = added ? GatewayDispatchEvents.GuildBanAdd : GatewayDispatchEvents.GuildBanRemove;
  return toSessionsWith(state, GatewayIntentBits.GuildModeration, event, data);
}

export function dispatchReactionAdd(state: FakeState, input: { userId: string; channelId: string; messageId: string; authorId: string | undefined; emoji: string }): number {
  const member = state.members.member(input.userId) ?? (input.userId === state.guild.bot.id ? botAsUser(state.guild) : undefined);
  const data = {
    user_id: input.userId,
    channel_id: input.channelId,
    message_id: input.messageId,
    guild_id: state.guild.id,
    ...(member && { member: { ...partialMemberObject(member), user: userObject(state.guild, member) } }),
    ...(input.authorId !== undefined && { message_author_id: input.authorId }),
    emoji: { id: null, name: input.emoji },
    burst: false,
    burst_colors: [],
    type: 0,
  };
  return toSessionsWith(state, GatewayIntentBits.GuildMessageReactions, GatewayDispatchEvents.MessageReactionAdd, data);
}

export function dispatchChannelCreate(state: FakeState, channel: { id: string; name: string }): number {
  return toSessionsWith(state, GatewayIntentBits.Guilds, GatewayDispatchEvents.ChannelCreate, channelObject(state.guild.id, channel));
}

/**
 * Discord message objects for any message in a channel's history — the bot's, a webhook's, an
 * interaction reply, or a member's (dispatched or seeded) — with its reactions, as
 * `GET /channels/:id/messages[/:id]` and MESSAGE_CREATE carry them.
 */
import { botUserObject, discordTimestamp, partialMemberObject, userObject } from './guild-objects.js';
import { interactionContext } from './interaction-routes.js';
import { messageObject } from './message-object.js';
import type { FakeState } from './routes.js';
import type { RecordedMessage, RecordedReaction } from './types.js';

const MENTION = /<@!?(\d+)>/g;

/** A member's message as Discord sends it (author, member, mentions), from what the fake recorded. */
export function memberMessageObject(state: FakeState, message: RecordedMessage): Record<string, unknown> {
  const { guild, members } = state;
  const authorId = message.authorId ?? '';
  const author = members.user(authorId) ?? { id: authorId, username: 'unknown', roles: [] };
  const current = members.member(authorId);
  const guildId = state.store.channels.get(message.channelId)?.guildId;
  const mentioned = [...message.content.matchAll(MENTION)]
    .map((m) => members.user(m[1] ?? ''))
    .filter((u) => u !== undefined);
  return {
    id: message.id,
    channel_id: message.channelId,
    ...(guildId !== undefined && { guild_id: guildId }),
    author: userObject(guild, author),
    ...(current !== undefined && { member: partialMemberObject(current) }),
    content: message.content,
    timestamp: discordTimestamp(message.createdAt),
    edited_timestamp: message.editedAt === undefined ? null : discordTimestamp(message.editedAt),
    tts: false,
    mention_everyone: /@everyone|@here/.test(message.content),
    mentions: mentioned.map((u) => ({ ...userObject(guild, u), ...(members.member(u.id) && { member: partialMemberObject(u) }) })),
    mention_roles: [...message.content.matchAll(/<@&(\d+)>/g)].map((m) => m[1]),
    attachments: [],
    embeds: message.embeds,
    components: [],
    pinned: false,
    type: 0,
    flags: 0,
    ...reactionsField(state, message),
  };
}

/** Any message of a channel's history as Discord returns it. */
export function historyMessageObject(state: FakeState, message: RecordedMessage): Record<string, unknown> {
  const { guild, store } = state;
  const guildId = store.channels.get(message.channelId)?.guildId;
  if (message.webhookId !== undefined) {
    const webhook = store.webhooks.get(message.webhookId);
    // A deleted webhook's messages stay; Discord keeps showing its last name.
    const author = webhook ?? { id: message.webhookId, token: '', channelId: message.channelId, guildId: guildId ?? '', name: 'Deleted webhook', url: '' };
    return { ...messageObject(message, author, { bot: botUserObject(guild), ...(guildId !== undefined && { guildId }) }), ...reactionsField(state, message) };
  }
  const interaction = message.interactionId === undefined ? undefined : state.interactions.get(message.interactionId);
  if (interaction !== undefined) return { ...messageObject(message, undefined, interactionContext(state, interaction)), ...reactionsField(state, message) };
  if (message.authorId === guild.bot.id) {
    return { ...messageObject(message, undefined, { bot: botUserObject(guild), ...(guildId !== undefined && { guildId }) }), ...reactionsField(state, message) };
  }
  return memberMessageObject(state, message);
}

/** Discord's `reactions` array (absent without reactions): counts and whether the bot (`me`) reacted. */
function reactionsField(state: FakeState, message: RecordedMessage): { reactions?: Record<string, unknown>[] } {
  const reactions = message.reactions?.filter((r) => r.userIds.length > 0);
  if (reactions === undefined || reactions.length === 0) return {};
  return { reactions: reactions.map((r) => reactionObject(r, state.guild.bot.id)) };
}

function reactionObject(reaction: RecordedReaction, botId: string): Record<string, unknown> {
  return {
    count: reaction.userIds.length,
    count_details: { burst: 0, normal: reaction.userIds.length },
    me: reaction.userIds.includes(botId),
    me_burst: false,
    emoji: { id: null, name: reaction.emoji },
    burst_colors: [],
  };
}

import type { APIUser } from 'discord-api-types/v10';
import { discordTimestamp } from './guild-objects.js';
import { DemoGuild } from './guild.js';
import type { FakeWebhook, RecordedMessage } from './types.js';

/** The bot user of DemoGuild: the author of bot messages unless the fake serves another guild. */
export const FAKE_BOT_USER: APIUser = Object.freeze({
  id: DemoGuild.bot.id,
  username: DemoGuild.bot.username,
  discriminator: '0000',
  global_name: null,
  avatar: null,
  bot: true,
});

/** Who a message comes from and where it lives, beyond what was recorded. */
export interface MessageContext {
  /** The author of non-webhook messages. */
  bot: APIUser;
  /** Set for channels of the fake guild. */
  guildId?: string;
  /** For interaction replies and follow-ups; `type` 2 (a slash command, the default) or 3 (a button click). */
  interaction?: { id: string; applicationId: string; user: APIUser; type?: number };
}

/** The message object Discord returns, built from what the fake recorded. */
export function messageObject(
  message: RecordedMessage,
  webhook: FakeWebhook | undefined,
  context: MessageContext = { bot: FAKE_BOT_USER },
): Record<string, unknown> {
  const body = message.body;
  const author = webhook
    ? {
        id: webhook.id,
        username: typeof body.username === 'string' ? body.username : webhook.name,
        discriminator: '0000',
        avatar: null,
        bot: true,
      }
    : context.bot;
  const { interaction, guildId } = context;
  // Replies to slash commands are type 20 (CHAT_INPUT_COMMAND); to a button click, a DEFAULT message.
  const type = interaction ? (interaction.type === 3 ? 0 : 20) : message.referencedMessageId !== undefined ? 19 : 0;
  return {
    id: message.id,
    type,
    channel_id: message.threadId ?? message.channelId,
    ...(guildId !== undefined && { guild_id: guildId }),
    ...(webhook && { webhook_id: webhook.id }),
    ...(interaction && {
      webhook_id: interaction.applicationId,
      application_id: interaction.applicationId,
      interaction_metadata: {
        id: interaction.id,
        type: interaction.type ?? 2,
        user: interaction.user,
        authorizing_integration_owners: { 0: guildId },
      },
    }),
    author,
    content: message.content,
    embeds: message.embeds,
    attachments: [],
    components: Array.isArray(body.components) ? body.components : [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: body.tts === true,
    flags: (typeof body.flags === 'number' ? body.flags : 0) | (message.ephemeral ? 64 : 0),
    timestamp: discordTimestamp(message.createdAt),
    edited_timestamp: message.editedAt === undefined ? null : discordTimestamp(message.editedAt),
    ...(message.nonce !== undefined && { nonce: message.nonce }),
    ...(message.referencedMessageId !== undefined && {
      message_reference: {
        type: 0,
        message_id: message.referencedMessageId,
        channel_id: message.channelId,
        ...(guildId !== undefined && { guild_id: guildId }),
      },
    }),
  };
}

import type { FakeWebhook, RecordedMessage } from './types.js';

/** The user the fake pretends bot messages come from. */
export const FAKE_BOT_USER = { id: '1000000000000000001', username: 'Herald Fake Bot', discriminator: '0000', avatar: null, bot: true };

function discordTimestamp(ms: number): string {
  // Discord uses microsecond precision and an explicit offset.
  return new Date(ms).toISOString().replace('Z', '000+00:00');
}

/** The message object Discord returns, built from what the fake recorded. */
export function messageObject(message: RecordedMessage, webhook: FakeWebhook | undefined): Record<string, unknown> {
  const body = message.body;
  const author = webhook
    ? {
        id: webhook.id,
        username: typeof body.username === 'string' ? body.username : webhook.name,
        discriminator: '0000',
        avatar: null,
        bot: true,
      }
    : FAKE_BOT_USER;
  return {
    id: message.id,
    type: 0,
    channel_id: message.threadId ?? message.channelId,
    ...(webhook && { webhook_id: webhook.id }),
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
    flags: typeof body.flags === 'number' ? body.flags : 0,
    timestamp: discordTimestamp(message.createdAt),
    edited_timestamp: null,
    ...(message.nonce !== undefined && { nonce: message.nonce }),
  };
}

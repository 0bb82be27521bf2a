import { packMessages, parseWebhookTarget, type DiscordClient } from '@herald/discord';
import type { MessagePacker, MessageSender } from '@herald/pipeline';

/**
 * Sends ledger deliveries through the process's one Discord client: webhooks by URL, bot channels
 * as the bot (with the engine's nonce). A channel without a bot token is a configuration error
 * caught at startup, so reaching it here means the destination table is ahead of this process.
 */
export function discordSender(discord: DiscordClient, hasBot: boolean): MessageSender {
  return {
    async send(destination, body, options = {}) {
      if (destination.kind === 'webhook') return discord.executeWebhook(parseWebhookTarget(destination.target), body, { signal: options.signal, hooks: options.hooks });
      if (destination.kind === 'channel' && hasBot) {
        const { username: _u, avatar_url: _a, thread_name: _t, applied_tags: _g, ...message } = body;
        return discord.createChannelMessage(destination.target, message, options);
      }
      const why = destination.kind === 'channel' ? 'channel destinations need the bot token (DISCORD_BOT_TOKEN)' : `unsupported destination kind ${destination.kind}`;
      return { ok: false, kind: 'quarantine', error: why };
    },
  };
}

export const packer: MessagePacker = (items) => packMessages(items).map((m) => ({ keys: m.keys, body: m.body }));

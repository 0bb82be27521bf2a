import { packMessages, parseWebhookTarget, type DiscordClient } from '@herald/discord';
import type { MessagePacker, MessageSender } from '@herald/pipeline';

/** Sends ledger deliveries through the Discord client (webhook destinations). */
export function webhookSender(discord: DiscordClient): MessageSender {
  return {
    async send(destination, body) {
      if (destination.kind !== 'webhook') return { ok: false, kind: 'invalid', error: `unsupported destination kind ${destination.kind}` };
      return discord.executeWebhook(parseWebhookTarget(destination.target), body);
    },
  };
}

export const packer: MessagePacker = (items) => packMessages(items).map((m) => ({ keys: m.keys, body: m.body }));

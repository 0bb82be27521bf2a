import { parseWebhookTarget, type DiscordClient } from '@herald/discord';
import type { Destination, MessageBody } from '../delivery/sender.js';

/** A post or an edit: the message id, or why not (with Discord's JSON error code, e.g. 10008 Unknown Message). */
export type StatusSendResult =
  | { ok: true; messageId: string }
  | { ok: false; kind: 'transient' | 'invalid' | 'quarantine'; status?: number; code?: number; error: string };

/** How status messages reach Discord: post a new one, or edit the one posted before. */
export interface StatusMessageTransport {
  post(destination: Destination, body: MessageBody): Promise<StatusSendResult>;
  edit(destination: Destination, messageId: string, body: MessageBody): Promise<StatusSendResult>;
}

const noBot = 'channel destinations need the bot token (DISCORD_BOT_TOKEN)';

/**
 * Status messages through the process's one Discord client, so they share its rate-limit buckets and
 * invalid-request budget with deliveries: webhooks post with `?wait=true` (to learn the id) and edit with
 * `PATCH /webhooks/{id}/{token}/messages/{id}`; bot channels use `/channels/{id}/messages[/{id}]`.
 */
export function discordStatusTransport(discord: DiscordClient, hasBot: boolean): StatusMessageTransport {
  const unsupported = (destination: Destination): StatusSendResult => ({
    ok: false,
    kind: 'quarantine',
    error: destination.kind === 'channel' ? noBot : `unsupported destination kind ${destination.kind}`,
  });
  return {
    post(destination, body) {
      if (destination.kind === 'webhook') return discord.executeWebhook(parseWebhookTarget(destination.target), body);
      if (destination.kind !== 'channel' || !hasBot) return Promise.resolve(unsupported(destination));
      const { username: _u, avatar_url: _a, thread_name: _t, applied_tags: _g, ...message } = body;
      return discord.createChannelMessage(destination.target, message);
    },
    edit(destination, messageId, body) {
      // PATCH keeps fields that are left out: send all three so nothing of the previous version lingers.
      const patch = { content: body.content ?? null, embeds: body.embeds ?? [], allowed_mentions: body.allowed_mentions ?? { parse: [] } };
      if (destination.kind === 'webhook') return discord.editWebhookMessage(parseWebhookTarget(destination.target), messageId, patch);
      if (destination.kind !== 'channel' || !hasBot) return Promise.resolve(unsupported(destination));
      return discord.editChannelMessage(destination.target, messageId, patch);
    },
  };
}

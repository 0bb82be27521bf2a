/**
 * The Discord requests the community chores make, as a small interface: the commands and gateway
 * handlers take it as a dependency, the notifier gives them {@link restChores} on its one REST
 * client (shared rate limits), and tests may run it against the fake Discord.
 */
import { randomBytes } from 'node:crypto';
import { Routes, type REST } from 'discord.js';
import type { APIChannel, APIInvite, APIMessage, RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';

/** A message of a channel's history, as `delete` needs it. */
export interface HistoryMessage {
  readonly id: string;
}

export interface CommunityDiscord {
  /** Bans a member (PUT /guilds/:id/bans/:user), keeping their messages (the seed deleted none); `reason` goes to the audit log. */
  ban(guildId: string, userId: string, reason: string | undefined): Promise<void>;
  /** Up to `limit` (1–100) messages of a channel, newest first, all of them or those before `before`. */
  history(channelId: string, options: { readonly limit: number; readonly before?: string | undefined }): Promise<readonly HistoryMessage[]>;
  /** Deletes one message (DELETE /channels/:id/messages/:id). */
  deleteMessage(channelId: string, messageId: string): Promise<void>;
  /** Deletes 2–100 messages, each under 14 days old, in one request (POST …/messages/bulk-delete). */
  bulkDelete(channelId: string, messageIds: readonly string[]): Promise<void>;
  /** Creates an invite to a channel; resolves to its code (`https://discord.gg/<code>`). */
  createInvite(channelId: string, options: { readonly maxAgeSeconds: number; readonly maxUses: number }): Promise<string>;
  /** Adds a reaction of the bot (a Unicode emoji) to a message. */
  react(channelId: string, messageId: string, emoji: string): Promise<void>;
  /**
   * Posts `content` in a channel. Nobody is pinged except the users in `pingUsers`; a nonce makes the
   * REST client's own retries (timeouts, 5xx) post it once (DESIGN.md guarantee 2).
   */
  post(channelId: string, content: string, pingUsers?: readonly string[]): Promise<void>;
  /** The channel, for the start-up check of the configured ids (GET /channels/:id). */
  channel(channelId: string): Promise<{ readonly id: string; readonly name?: string | null; readonly guildId?: string | undefined; readonly type: number }>;
}

/** The chores on a discord.js REST client that has the bot's token (the notifier's `discord.rest`). */
export function restChores(rest: Pick<REST, 'get' | 'post' | 'put' | 'delete'>): CommunityDiscord {
  return {
    async ban(guildId, userId, reason) {
      await rest.put(Routes.guildBan(guildId, userId), { body: { delete_message_seconds: 0 }, ...(reason ? { reason } : {}) });
    },
    async history(channelId, { limit, before }) {
      const query = new URLSearchParams({ limit: String(limit) });
      if (before !== undefined) query.set('before', before);
      const messages = (await rest.get(Routes.channelMessages(channelId), { query })) as APIMessage[];
      return messages.map((message) => ({ id: message.id }));
    },
    async deleteMessage(channelId, messageId) {
      await rest.delete(Routes.channelMessage(channelId, messageId));
    },
    async bulkDelete(channelId, messageIds) {
      await rest.post(Routes.channelBulkDelete(channelId), { body: { messages: [...messageIds] } });
    },
    async createInvite(channelId, { maxAgeSeconds, maxUses }) {
      // `unique`: a new one-use invite every time, never an existing one with the same settings.
      const invite = (await rest.post(Routes.channelInvites(channelId), {
        body: { max_age: maxAgeSeconds, max_uses: maxUses, temporary: false, unique: true },
      })) as APIInvite;
      return invite.code;
    },
    async react(channelId, messageId, emoji) {
      await rest.put(Routes.channelMessageOwnReaction(channelId, messageId, encodeURIComponent(emoji)));
    },
    async post(channelId, content, pingUsers = []) {
      const body: RESTPostAPIChannelMessageJSONBody = {
        content,
        allowed_mentions: { parse: [], users: [...pingUsers] },
        nonce: randomBytes(12).toString('hex'), // 24 characters (Discord allows 25)
        enforce_nonce: true,
      };
      await rest.post(Routes.channelMessages(channelId), { body });
    },
    async channel(channelId) {
      const channel = (await rest.get(Routes.channel(channelId))) as APIChannel;
      return { id: channel.id, name: 'name' in channel ? channel.name : null, guildId: 'guild_id' in channel ? channel.guild_id : undefined, type: channel.type };
    },
  };
}

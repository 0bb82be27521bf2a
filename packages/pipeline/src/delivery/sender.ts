import type { APIEmbed, RESTPostAPIWebhookWithTokenJSONBody } from 'discord-api-types/v10';

export type MessageBody = RESTPostAPIWebhookWithTokenJSONBody;

/**
 * What a send attempt came to; mirrors @herald/discord's classification. A failure with a `status`
 * is an answer from Discord; one without (timeout, cut connection, abort) may or may not have
 * created the message, unless `notSent` says the request certainly never reached Discord.
 */
export type SendResult =
  | { ok: true; messageId: string }
  | { ok: false; kind: 'transient' | 'invalid' | 'quarantine'; status?: number; error: string; notSent?: boolean };

export interface Destination {
  id: number;
  kind: string;
  target: string;
}

export interface SendOptions {
  /** Bot channels: Discord creates at most one message per nonce (enforce_nonce) within a few minutes. */
  nonce?: string;
  /** Aborts the request (shutdown); the result is then a failure without a status. */
  signal?: AbortSignal;
  /**
   * Run when a request really leaves (`beforeRequest`; if it throws, nothing is sent and `send`
   * throws) and when Discord refuses one that the client retries by itself (`afterRefusal`).
   * Mirrors @herald/discord's RequestHooks.
   */
  hooks?: { beforeRequest?: () => Promise<void>; afterRefusal?: () => Promise<void> };
}

/** Sends one message to a destination. The notifier wires it to the Discord client. */
export interface MessageSender {
  send(destination: Destination, body: MessageBody, options?: SendOptions): Promise<SendResult>;
}

/** An explicit ping carried in a message's content; see @herald/discord's `Mention`. */
export interface PackMention {
  content: string;
  users: string[];
  roles: string[];
}

export interface PackItem {
  key: string;
  embeds: APIEmbed[];
  mention?: PackMention;
}

/** Groups rendered items into Discord-sized messages, in order (see @herald/discord packMessages). */
export type MessagePacker = (items: PackItem[]) => Array<{ keys: string[]; body: MessageBody }>;

import type { APIEmbed, RESTPostAPIWebhookWithTokenJSONBody } from 'discord-api-types/v10';

export type MessageBody = RESTPostAPIWebhookWithTokenJSONBody;

/** What a send attempt came to; mirrors @herald/discord's classification. */
export type SendResult =
  | { ok: true; messageId: string }
  | { ok: false; kind: 'transient' | 'invalid' | 'quarantine'; status?: number; error: string };

export interface Destination {
  id: number;
  kind: string;
  target: string;
}

/** Sends one message to a destination. The notifier wires it to the Discord client. */
export interface MessageSender {
  send(destination: Destination, body: MessageBody): Promise<SendResult>;
}

/** Groups rendered items into Discord-sized messages, in order (see @herald/discord packMessages). */
export type MessagePacker = (items: Array<{ key: string; embeds: APIEmbed[] }>) => Array<{ keys: string[]; body: MessageBody }>;

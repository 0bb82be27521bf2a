/** Public types of the fake Discord REST server. */
import type { FakeGuild } from './guild.js';
import type { PrivilegedIntent } from './intents.js';

/** A rate limit: `requests` per window of `perMs`, or no limit at all (headers are still sent). */
export type RateLimitRule = { requests: number; perMs: number } | 'unlimited';

export interface RateLimitConfig {
  /** Per webhook (execute and get). Default 5 per 2000 ms, Discord's observed webhook limit. */
  webhook: RateLimitRule;
  /** Per channel, for bot `POST /channels/:id/messages`. Default 5 per 5000 ms. */
  channel: RateLimitRule;
}

export interface FakeWebhook {
  id: string;
  token: string;
  channelId: string;
  guildId: string;
  name: string;
  /** Real-format `https://discord.com/api/webhooks/<id>/<token>`; send to the fake's apiBaseUrl instead. */
  url: string;
}

/** What `createWebhook` returns (and the CLI prints). */
export interface CreatedWebhook {
  id: string;
  token: string;
  channelId: string;
  url: string;
}

export interface FakeChannel {
  id: string;
  guildId: string;
  name: string;
}

/** The routes a channel or guild fault target may narrow to (those the community chores use). */
export const FAKE_ROUTES = ['messages.list', 'messages.delete', 'messages.bulk-delete', 'reactions', 'invites', 'bans'] as const;
export type FakeRoute = (typeof FAKE_ROUTES)[number];

/**
 * Which requests a fault or permanent status applies to. Without `route`, a channel target covers every
 * request on the channel for sticky faults and permanent statuses, and its message POSTs and edits for
 * one-shot faults; with `route`, only that route's requests (one-shot faults included), e.g.
 * `{ channelId, route: 'messages.bulk-delete' }`. A guild target covers the guild's bans.
 */
export type FaultTarget = { webhookId: string } | { channelId: string; route?: FakeRoute } | { guildId: string; route?: FakeRoute };

export type FaultStatus = 400 | 401 | 403 | 404 | 500 | 502 | 503;

/**
 * One injected fault, consumed by the next message-creating request on its target.
 * - status: answer with that status (Discord-like body unless `body` is given, e.g.
 *   `{ code: 200000, message: 'Message was blocked by automatic moderation' }`); nothing is created.
 * - 429: answer a rate limit with `Retry-After` = retryAfterMs (global adds X-RateLimit-Global).
 * - 429 `headerless`: what a Cloudflare edge block looks like: `429`, text/plain body `error code: 1015`,
 *   no `Retry-After` and no `X-RateLimit-*` headers, so the client is not told how long to wait.
 * - drop: destroy the socket without answering; nothing is created. `reset: true` sends a TCP RST
 *   (the client sees ECONNRESET) instead of a plain close (the client sees "other side closed").
 * - hold: the message IS created and recorded, but the response is withheld until releaseHeld().
 */
export type Fault =
  | { status: FaultStatus; body?: unknown }
  | { status: 429; retryAfterMs: number; global?: boolean }
  | { status: 429; headerless: true }
  | { drop: true; reset?: boolean }
  | { hold: true };

/** A fault that is not consumed: it answers every request on its target until cleared or until it expires. */
export type StickyFault = Exclude<Fault, { hold: true }>;

/**
 * "Answer `status` with `body` to any message whose raw JSON body contains `contains`", like a moderation
 * proxy (Discord's AutoMod answers 400 `{ code: 200000 }`). Applies to message-creating requests on
 * `target`, or on every target when it is left out; stays until cleared. Nothing is created.
 */
export interface ContentRule {
  contains: string;
  status: FaultStatus;
  /** Default: Discord's generic body for the status. */
  body?: unknown;
  target?: FaultTarget;
}

/** A message component as recorded (buttons carry these fields; select menus more, kept as sent). */
export interface RecordedComponent {
  /** 2 button, 3/5-8 select menus. */
  type: number;
  /** Buttons: 1 primary … 4 danger, 5 link, 6 premium. */
  style?: number;
  label?: string;
  /** Absent on link and premium buttons. */
  custom_id?: string;
  url?: string;
  disabled?: boolean;
  [field: string]: unknown;
}

/** An action row (type 1) of a message's `components`. */
export interface RecordedActionRow {
  type: number;
  components: RecordedComponent[];
}

/** Who reacted with one emoji on a message (`PUT …/reactions/:emoji/@me` adds the bot). */
export interface RecordedReaction {
  /** The unicode emoji as sent (URL-decoded), e.g. '🔥'. */
  emoji: string;
  /** User ids in the order they reacted. */
  userIds: string[];
}

export interface RecordedMessage {
  /**
   * Position in creation order since start; never reused, not even after reset(). -1 for messages the
   * code under test did not send (members' messages from `dispatchMessage`, seeded history): those are
   * not in `messages()` but `message(id)` and `GET /channels/:id/messages` find them.
   */
  index: number;
  id: string;
  /** The webhook's or the bot message's channel (not the thread). */
  channelId: string;
  webhookId?: string;
  content: string;
  embeds: unknown[];
  /** The message's components as sent (and edited): action rows with buttons; [] without any. */
  components: RecordedActionRow[];
  nonce?: string | number;
  threadId?: string;
  /** Epoch ms. */
  createdAt: number;
  /** The raw parsed JSON body (merged with later edits). */
  body: Record<string, unknown>;
  /** The bot user's id for bot and interaction messages, the member's for members' messages; absent for webhook messages. */
  authorId?: string;
  /** Set on interaction replies and follow-ups. */
  interactionId?: string;
  /** Interaction replies only: visible to the invoking user alone (flags & 64). */
  ephemeral?: boolean;
  /** `message_reference.message_id` of a bot reply (`msg.reply(...)`). */
  referencedMessageId?: string;
  /** Epoch ms of the last edit (PATCH of a webhook, bot or interaction message). */
  editedAt?: number;
  /** How many times it was edited (PATCH requests Discord accepted); absent until the first edit. */
  edits?: number;
  /** Epoch ms when it was deleted (by its author, by the bot, or by `FakeDiscord.deleteMessage`, e.g. a moderator). */
  deletedAt?: number;
  /** Reactions, in the order first added; absent until the first one. */
  reactions?: RecordedReaction[];
  /** Put into the channel's history in the past by `seedMessages` (createdAt and the id's time agree). */
  seeded?: true;
}

export interface MessageFilter {
  webhookId?: string;
  channelId?: string;
  interactionId?: string;
  referencedMessageId?: string;
  authorId?: string;
}

/** Discord's own bounds for reading a channel's messages (`GET /channels/:id/messages?limit=`). */
export const MESSAGE_PAGE_LIMITS = { default: 50, max: 100 } as const;

/**
 * Which page of recorded messages to read, like Discord's `GET /channels/:id/messages`: at most
 * `limit` of them, newest first, either just older than the message at index `before` or just newer
 * than the one at index `after` (never both); neither gives the newest page.
 */
export interface MessagePageQuery {
  filter?: MessageFilter;
  /** 1..MESSAGE_PAGE_LIMITS.max; default MESSAGE_PAGE_LIMITS.default. */
  limit?: number;
  before?: number;
  after?: number;
}

/** One page of recorded messages, newest first, and whether there is more on either side. */
export interface MessagePage {
  messages: RecordedMessage[];
  /** Matching messages newer than the first on this page exist (link `after=<first index>`). */
  newer: boolean;
  /** Matching messages older than the last on this page exist (link `before=<last index>`). */
  older: boolean;
  /** How many messages match the filter in all. */
  total: number;
}

/** A channel the fake knows (a guild channel, or one a webhook was made for), with what was posted in it. */
export interface ChannelSummary extends FakeChannel {
  /** The channel's webhooks, by name (tokens are left out). */
  webhooks: Array<{ id: string; name: string }>;
  /** Recorded messages in it (deleted ones included). */
  messages: number;
}

export interface RecordedRequest {
  method: string;
  /** Path and query with webhook tokens replaced by `[token]`. */
  path: string;
  /** Status answered; 0 when the socket was dropped. A held request records the status it will get. */
  status: number;
  /** Epoch ms when the request arrived. */
  time: number;
  webhookId?: string;
  channelId?: string;
  held?: boolean;
}

export interface FakeDiscordStats {
  requests: number;
  messages: number;
  byStatus: Record<number, number>;
}

export interface FakeDiscordOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  limits?: Partial<RateLimitConfig>;
  /** The guild the gateway serves. Default DemoGuild; spread it to change a few fields. */
  guild?: FakeGuild;
  /** A first interaction callback later than this after dispatch gets 404 Unknown interaction. Default 3000. */
  interactionDeadlineMs?: number;
  /** How long interaction tokens work for @original edits and follow-ups. Default 15 min. */
  interactionTokenTtlMs?: number;
  /** HELLO's heartbeat_interval. Default 41250 (Discord's). */
  heartbeatIntervalMs?: number;
  /**
   * Dispatch MESSAGE_CREATE for messages the bot (or a webhook) creates in guild channels, as Discord
   * does, so bots that do not ignore their own messages are caught. Default true.
   */
  echoBotMessages?: boolean;
  /**
   * The privileged intents the application is allowed (Developer Portal switches). An IDENTIFY asking for
   * another is closed with 4014 "Disallowed intent(s).". Default all of them.
   */
  allowedPrivilegedIntents?: readonly PrivilegedIntent[];
}

export interface WaitForMessagesOptions {
  filter?: MessageFilter;
  /** Default 5000. */
  timeoutMs?: number;
}

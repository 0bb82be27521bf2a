import { routeAppRequest } from './app-routes.js';
import { routeBans } from './bans.js';
import { routeChannelChores } from './channel-routes.js';
import type { ApplicationCommandRegistry } from './commands.js';
import type { FakeGateway } from './gateway.js';
import { botUserObject } from './guild-objects.js';
import type { FakeGuild } from './guild.js';
import { discordError, json, plainText, UNKNOWN_CHANNEL, UNKNOWN_WEBHOOK, type PlannedResponse } from './http.js';
import type { FaultInjector } from './faults.js';
import { interactionCallback, interactionForWebhook, interactionWebhook } from './interaction-routes.js';
import type { InteractionRegistry } from './interactions.js';
import type { InviteRegistry } from './invites.js';
import type { GuildMembers } from './members.js';
import { channelMessageEdit, webhookMessageRoute } from './message-edits.js';
import { messageObject } from './message-object.js';
import { seconds, type BucketKind, type RateLimiter } from './ratelimit.js';
import { snowflake } from './snowflake.js';
import type { FakeStore } from './store.js';
import type { Fault, FaultTarget, FakeWebhook, RecordedMessage, StickyFault } from './types.js';
import { validateMessageBody } from './validate.js';

/** Discord only honours `enforce_nonce` for nonces seen within the last few minutes. */
const NONCE_WINDOW_MS = 5 * 60_000;

export interface FakeState {
  store: FakeStore;
  limiter: RateLimiter;
  faults: FaultInjector;
  guild: FakeGuild;
  commands: ApplicationCommandRegistry;
  interactions: InteractionRegistry;
  gateway: FakeGateway;
  /** The guild's members as they join, leave and get banned (edits `guild.users` in place). */
  members: GuildMembers;
  invites: InviteRegistry;
  options: { interactionDeadlineMs: number; interactionTokenTtlMs: number };
}

export type Outcome =
  | { action: 'respond'; response: PlannedResponse }
  | { action: 'hold'; response: PlannedResponse }
  | { action: 'drop'; reset: boolean };

export interface RouteResult {
  outcome: Outcome;
  webhookId?: string;
  channelId?: string;
}

export interface DiscordRequest {
  method: string;
  /** Path below `/api/v10`, e.g. `/webhooks/1/abc`. */
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  rawBody: string;
  /** The `X-Audit-Log-Reason` header, URL-decoded (discord.js encodes it). */
  auditLogReason?: string;
}

export const respond = (response: PlannedResponse): Outcome => ({ action: 'respond', response });

/** Applies a one-shot fault; `hold` is returned as a marker because the request still runs. */
export function applyFault(fault: Fault | undefined, state: FakeState, kind: BucketKind, id: string): Outcome | 'hold' | undefined {
  if (fault === undefined) return undefined;
  if ('hold' in fault) return 'hold';
  if ('drop' in fault) return { action: 'drop', reset: fault.reset === true };
  // Cloudflare's edge answers before Discord sees the request: no bucket headers, no JSON, no timing.
  if ('headerless' in fault) return respond(plainText(429, 'error code: 1015'));
  if (fault.status === 429 && 'retryAfterMs' in fault) {
    const retry = seconds(fault.retryAfterMs);
    const headers = fault.global
      ? { 'Retry-After': retry, 'X-RateLimit-Global': 'true', 'X-RateLimit-Scope': 'global' }
      : {
          ...state.limiter.peek(kind, id),
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset-After': retry,
          'X-RateLimit-Reset': ((Date.now() + Math.ceil(fault.retryAfterMs)) / 1000).toFixed(3),
          'Retry-After': retry,
          'X-RateLimit-Scope': 'user',
        };
    const body = { message: 'You are being rate limited.', retry_after: Number(retry), global: fault.global === true };
    return respond(json(429, body, headers));
  }
  const body = 'body' in fault && fault.body !== undefined ? fault.body : defaultBody(fault.status, kind);
  return respond(json(fault.status, body, state.limiter.peek(kind, id)));
}

/** A sticky fault answers every request on its target (an edge block refuses reads too). */
export function applySticky(state: FakeState, kind: BucketKind, id: string): Outcome | undefined {
  const target: FaultTarget = kind === 'webhook' ? { webhookId: id } : { channelId: id };
  const sticky: StickyFault | undefined = state.faults.stickyFault(target);
  const outcome = applyFault(sticky, state, kind, id);
  return outcome === 'hold' ? undefined : outcome;
}

export function defaultBody(status: number, kind: BucketKind): unknown {
  if (status === 404) return kind === 'webhook' ? UNKNOWN_WEBHOOK : UNKNOWN_CHANNEL;
  return discordError(status);
}

export function parseJson(raw: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The shared path of both message-creating routes: faults, rate limit, body checks, then `create`.
 * `create` returns the response for a valid body.
 */
function createMessageFlow(
  state: FakeState,
  request: DiscordRequest,
  kind: BucketKind,
  id: string,
  create: (body: Record<string, unknown>) => PlannedResponse,
): Outcome {
  const target: FaultTarget = kind === 'webhook' ? { webhookId: id } : { channelId: id };
  const faulted = applyFault(state.faults.take(target), state, kind, id);
  if (faulted !== undefined && faulted !== 'hold') return faulted;

  const response = ((): PlannedResponse => {
    const limit = state.limiter.consume(kind, id);
    if (!limit.allowed) {
      const retryAfter = Number(limit.headers['Retry-After']);
      return json(429, { message: 'You are being rate limited.', retry_after: retryAfter, global: false }, limit.headers);
    }
    const body = parseJson(request.rawBody);
    if (body === undefined) {
      return json(400, { message: 'The request body contains invalid JSON.', code: 50109 }, limit.headers);
    }
    const rule = state.faults.contentRule(target, request.rawBody);
    if (rule) return json(rule.status, rule.body ?? defaultBody(rule.status, kind), limit.headers);
    const invalid = validateMessageBody(body, { checkNonce: kind === 'channel' });
    if (invalid) return json(400, invalid, limit.headers);
    const created = create(body);
    return { ...created, headers: { ...limit.headers, ...created.headers } };
  })();
  return faulted === 'hold' ? { action: 'hold', response } : respond(response);
}

function embedsOf(body: Record<string, unknown>): unknown[] {
  return Array.isArray(body.embeds) ? body.embeds : [];
}

function contentOf(body: Record<string, unknown>): string {
  return typeof body.content === 'string' ? body.content : '';
}

/** What every webhook request meets first: sticky faults, a permanent status, an unknown webhook or a wrong token. */
export function webhookGate(state: FakeState, id: string, token: string): Outcome | FakeWebhook {
  const sticky = applySticky(state, 'webhook', id);
  if (sticky) return sticky;
  const permanent = state.faults.permanentStatus({ webhookId: id });
  if (permanent !== undefined) return respond(json(permanent, defaultBody(permanent, 'webhook')));
  const webhook = state.store.webhooks.get(id);
  if (webhook === undefined || webhook.token !== token) return respond(json(404, UNKNOWN_WEBHOOK));
  return webhook;
}

function webhookRoute(state: FakeState, request: DiscordRequest, id: string, token: string): Outcome {
  const webhook = webhookGate(state, id, token);
  if ('action' in webhook) return webhook;

  switch (request.method) {
    case 'GET':
      return respond(json(200, webhookObject(webhook)));
    case 'DELETE':
      state.store.webhooks.delete(id);
      return respond({ status: 204, headers: {} });
    case 'POST':
      return createMessageFlow(state, request, 'webhook', id, (body) => {
        const threadId = request.query.get('thread_id') ?? undefined;
        const message = state.store.addMessage({
          id: snowflake(),
          channelId: webhook.channelId,
          webhookId: webhook.id,
          content: contentOf(body),
          embeds: embedsOf(body),
          ...(threadId !== undefined && { threadId }),
          createdAt: Date.now(),
          body,
        });
        if (request.query.get('wait') !== 'true') return { status: 204, headers: {} };
        return json(200, messageObject(message, webhook));
      });
    default:
      return respond(json(405, discordError(405)));
  }
}

function webhookObject(webhook: FakeWebhook): Record<string, unknown> {
  return {
    id: webhook.id,
    type: 1,
    channel_id: webhook.channelId,
    guild_id: webhook.guildId,
    name: webhook.name,
    avatar: null,
    token: webhook.token,
    application_id: null,
  };
}

function channelMessagesRoute(state: FakeState, request: DiscordRequest, channelId: string): Outcome {
  if (request.method !== 'POST') return respond(json(405, discordError(405)));
  if (!/^Bot \S+/.test(request.authorization ?? '')) return respond(json(401, discordError(401)));
  const sticky = applySticky(state, 'channel', channelId);
  if (sticky) return sticky;
  const permanent = state.faults.permanentStatus({ channelId });
  if (permanent !== undefined) return respond(json(permanent, defaultBody(permanent, 'channel')));
  if (!state.store.channels.has(channelId)) return respond(json(404, UNKNOWN_CHANNEL));

  return createMessageFlow(state, request, 'channel', channelId, (body) => {
    const nonce = typeof body.nonce === 'string' || typeof body.nonce === 'number' ? body.nonce : undefined;
    const now = Date.now();
    if (nonce !== undefined && body.enforce_nonce === true) {
      const existing = state.store.findByNonce(channelId, nonce, now - NONCE_WINDOW_MS);
      if (existing) return json(200, botMessageObject(state, existing));
    }
    const reference = asRecord(body.message_reference);
    const referencedMessageId = typeof reference?.message_id === 'string' ? reference.message_id : undefined;
    if (referencedMessageId !== undefined && reference?.fail_if_not_exists !== false && !isKnownMessage(state, channelId, referencedMessageId)) {
      return json(400, {
        code: 50035,
        message: 'Invalid Form Body',
        errors: { message_reference: { _errors: [{ code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', message: 'Unknown message' }] } },
      });
    }
    const message = state.store.addMessage({
      id: snowflake(now),
      channelId,
      content: contentOf(body),
      embeds: embedsOf(body),
      ...(nonce !== undefined && { nonce }),
      createdAt: now,
      body,
      authorId: state.guild.bot.id,
      ...(referencedMessageId !== undefined && { referencedMessageId }),
    });
    return json(200, botMessageObject(state, message));
  });
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function isKnownMessage(state: FakeState, channelId: string, messageId: string): boolean {
  const message = state.store.findMessage(messageId);
  return message?.channelId === channelId && message.deletedAt === undefined;
}

export function botMessageObject(state: FakeState, message: RecordedMessage): Record<string, unknown> {
  const guildId = state.store.channels.get(message.channelId)?.guildId;
  return messageObject(message, undefined, { bot: botUserObject(state.guild), ...(guildId !== undefined && { guildId }) });
}

/** Routes one request below `/api/v10`. */
export function routeDiscordRequest(state: FakeState, request: DiscordRequest): RouteResult {
  const callback = /^\/interactions\/(\d+)\/([^/]+)\/callback\/?$/.exec(request.path);
  if (callback) {
    const [, id = '', token = ''] = callback;
    return { outcome: respond(interactionCallback(state, request, id, token)) };
  }
  // Interaction webhooks share the path shape of webhooks: the application id plus an interaction token.
  const interactionHook = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|%40original|\d+))?\/?$/.exec(request.path);
  const interaction = interactionHook && interactionForWebhook(state, interactionHook[1] ?? '', interactionHook[2] ?? '');
  if (interactionHook && interaction) {
    // @discordjs/rest sends @original percent-encoded.
    const messageId = interactionHook[3]?.replace('%40', '@');
    return { outcome: respond(interactionWebhook(state, request, interaction, messageId)), channelId: interaction.channelId };
  }
  const channelEdit = /^\/channels\/(\d+)\/messages\/(\d+)\/?$/.exec(request.path);
  if (channelEdit && request.method === 'PATCH') {
    const [, id = '', messageId = ''] = channelEdit;
    return { outcome: channelMessageEdit(state, request, id, messageId), channelId: id };
  }
  const chore = routeChannelChores(state, request) ?? routeBans(state, request);
  if (chore) return chore;
  const app = routeAppRequest(state, request);
  if (app) return { outcome: respond(app) };
  const webhookMessage = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(\d+)\/?$/.exec(request.path);
  if (webhookMessage) {
    const [, id = '', token = '', messageId = ''] = webhookMessage;
    return { outcome: webhookMessageRoute(state, request, id, token, messageId), webhookId: id };
  }
  const webhook = /^\/webhooks\/(\d+)\/([^/]+)\/?$/.exec(request.path);
  if (webhook) {
    const [, id = '', token = ''] = webhook;
    return { outcome: webhookRoute(state, request, id, token), webhookId: id };
  }
  const channel = /^\/channels\/(\d+)\/messages\/?$/.exec(request.path);
  if (channel) {
    const [, id = ''] = channel;
    return { outcome: channelMessagesRoute(state, request, id), channelId: id };
  }
  return { outcome: respond(json(404, discordError(404))) };
}

import { RESTEvents, type REST, type RateLimitData } from '@discordjs/rest';
import type { Logger } from '@herald/logging';
import {
  Routes,
  type RESTPatchAPIChannelMessageJSONBody,
  type RESTPatchAPIWebhookWithTokenMessageJSONBody,
  type RESTPostAPIChannelMessageJSONBody,
  type RESTPostAPIChannelMessageResult,
  type RESTGetAPIWebhookWithTokenResult,
  type RESTPostAPIWebhookWithTokenJSONBody,
  type RESTPostAPIWebhookWithTokenWaitResult,
} from 'discord-api-types/v10';
import { classifyError, scrub, type DeliveryFailure } from './classify.js';
import { createGuardedRest } from './guarded-rest.js';
import { RequestHookError, trackCall, trackedMakeRequest, type RequestHooks } from './request-tracking.js';
import type { InvalidRequestBudget } from './invalid-budget.js';
import type { RefusalFloorOptions } from './refusal-floor.js';
import { webhookLabel, type WebhookTarget } from './webhook.js';

export type SendResult = { ok: true; messageId: string; channelId: string } | DeliveryFailure;

export type WebhookInfoResult =
  | { ok: true; id: string; name: string | null; channelId: string | null; guildId?: string }
  | DeliveryFailure;

/** A rate limit the REST client is waiting out, with the token removed. */
export interface RateLimitEvent {
  /** Bucket route, e.g. `/webhooks/:id/:token`. */
  route: string;
  webhookId?: string;
  retryAfterMs: number;
  global: boolean;
  scope: 'global' | 'shared' | 'user';
}

export interface DiscordClientStats {
  /** Rate-limit waits: after a 429 and when a learned bucket is exhausted. */
  rateLimited: number;
  /** Responses by HTTP status, including 429s and 5xx that were retried internally. */
  responses: Record<number, number>;
  /** 429s without `Retry-After` (e.g. a Cloudflare edge block), each followed by the refusal floor's wait. */
  refusedWithoutTiming: number;
}

export interface DiscordClientOptions {
  /** Base URL without version, e.g. `https://discord.com/api` (a trailing `/v10` is tolerated). */
  apiBaseUrl: string;
  logger?: Logger;
  /** Per attempt. Default 15 000. */
  timeoutMs?: number;
  /**
   * Extra attempts on 5xx and timeouts inside @discordjs/rest. Default 3. 429s are waited out and not counted:
   * for `Retry-After` by the library, without it by the refusal floor.
   */
  retries?: number;
  /**
   * Requests per second across all routes. Default 50, Discord's documented global limit; raise it
   * only behind a proxy that enforces Discord's limits itself.
   */
  globalRequestsPerSecond?: number;
  onRateLimited?: (event: RateLimitEvent) => void;
  /** Authorises bot requests (channel messages). Never logged: errors have it scrubbed. */
  botToken?: string;
  /**
   * The wait after 429s without `Retry-After`, for every request of the process. Default: 1 s doubling per
   * refusal in a row up to 60 s, plus up to 50% jitter (see RefusalFloor).
   */
  refusalFloor?: RefusalFloorOptions;
  /** The install-wide count of invalid requests (createInvalidRequestBudget); without it nothing is counted or held. */
  invalidRequests?: InvalidRequestBudget;
}

export interface SendOptions {
  /** Aborts waiting in the rate-limit queue or the request itself; the result is then `transient`. */
  signal?: AbortSignal | undefined;
  /** Run when the call's requests really leave and come back (see RequestHooks). */
  hooks?: RequestHooks | undefined;
}

export interface ChannelSendOptions extends SendOptions {
  /**
   * Sent with `enforce_nonce: true`: for a few minutes Discord answers a repeated nonce with the
   * message it already created, so resending after a lost response never posts twice.
   */
  nonce?: string;
}

export interface DiscordClient {
  /** POST the message and wait for Discord to store it, so its id can be kept for links and later edits. */
  executeWebhook(target: WebhookTarget, body: RESTPostAPIWebhookWithTokenJSONBody, options?: SendOptions): Promise<SendResult>;
  /** POST a message to a channel as the bot (needs `botToken`). */
  createChannelMessage(channelId: string, body: RESTPostAPIChannelMessageJSONBody, options?: ChannelSendOptions): Promise<SendResult>;
  /**
   * PATCH a message the webhook posted (`/webhooks/{id}/{token}/messages/{message_id}`, in the URL's thread if
   * any). A message deleted in Discord answers 404 with `code` 10008 (Unknown Message); a deleted webhook 404 10015.
   */
  editWebhookMessage(target: WebhookTarget, messageId: string, body: RESTPatchAPIWebhookWithTokenMessageJSONBody, options?: SendOptions): Promise<SendResult>;
  /** PATCH a message the bot posted in a channel (`/channels/{id}/messages/{id}`; needs `botToken`). 404 10008 when it was deleted. */
  editChannelMessage(channelId: string, messageId: string, body: RESTPatchAPIChannelMessageJSONBody, options?: SendOptions): Promise<SendResult>;
  /** GET the webhook: checks that it exists and the token is right, without posting anything. */
  getWebhook(target: WebhookTarget, options?: SendOptions): Promise<WebhookInfoResult>;
  stats(): DiscordClientStats;
  /**
   * The one REST client of the process. Hand it to discord.js (`client.rest = discord.rest`) so the
   * bot's commands and its channel deliveries share the bot's rate limits, as they do at Discord.
   */
  readonly rest: REST;
  /** Stops the REST client's sweep timers and drops listeners. */
  destroy(): void;
}

/** Warn when this many invalid requests (401/403/429) pile up within 10 minutes; Discord bans the IP at 10,000. */
const INVALID_REQUEST_WARNING_INTERVAL = 1000;

function normalizeApiBase(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/v\d+$/, '');
}

function rateLimitEvent(data: RateLimitData): RateLimitEvent {
  const event: RateLimitEvent = {
    route: scrub(data.route.replace(/(\/webhooks\/[^/]+\/)[^/]+/, '$1:token')),
    retryAfterMs: data.retryAfter,
    global: data.global,
    scope: data.scope,
  };
  // For webhook routes the "major parameter" is `<id>/<token>`; keep only the id.
  const webhookId = /^(\d+)\//.exec(data.majorParameter)?.[1];
  if (webhookId !== undefined) event.webhookId = webhookId;
  return event;
}

/** `wait=true` makes Discord answer with the stored message (and so its id) instead of an empty 204. */
function executeQuery(target: WebhookTarget): URLSearchParams {
  const query = new URLSearchParams({ wait: 'true' });
  if (target.threadId !== undefined) query.set('thread_id', target.threadId);
  return query;
}

/**
 * One client per process: @discordjs/rest learns each route's bucket from the X-RateLimit headers, queues
 * requests per bucket and waits out 429s, so every sender in the process must share the same instance.
 */
export function createDiscordClient(options: DiscordClientOptions): DiscordClient {
  const { logger, onRateLimited } = options;
  const counters: DiscordClientStats = { rateLimited: 0, responses: {}, refusedWithoutTiming: 0 };
  const { rest } = createGuardedRest(
    {
      api: normalizeApiBase(options.apiBaseUrl),
      retries: options.retries ?? 3,
      timeout: options.timeoutMs ?? 15_000,
      globalRequestsPerSecond: options.globalRequestsPerSecond ?? 50,
      // Safety margin after a bucket resets. @discordjs/rest adds it twice (when storing the reset and
      // when waiting), so its default of 50 ms stretched every 2 s webhook window by ~5%; 10 ms keeps a margin.
      offset: 10,
      invalidRequestWarningInterval: INVALID_REQUEST_WARNING_INTERVAL,
      makeRequest: trackedMakeRequest(),
    },
    {
      ...(options.refusalFloor !== undefined && { floor: options.refusalFloor }),
      ...(options.invalidRequests !== undefined && { budget: options.invalidRequests }),
      onTiminglessRefusal({ path, body, streak, waitMs }) {
        counters.refusedWithoutTiming++;
        // One warning when a run of refusals starts; the rest of the run at debug level.
        const level = streak === 1 ? 'warn' : 'debug';
        logger?.[level]({ route: scrub(path), body: scrub(body), streak, waitMs }, 'Discord refused with a 429 without Retry-After: every request waits');
      },
      onRefusalsEnded(streak) {
        logger?.info({ refusals: streak }, 'Discord answers again after 429s without Retry-After: requests go out at full speed');
      },
    },
  );
  if (options.botToken !== undefined) rest.setToken(options.botToken);
  const botSecrets = options.botToken === undefined ? [] : [options.botToken];

  rest.on(RESTEvents.Response, (_request, response) => {
    counters.responses[response.status] = (counters.responses[response.status] ?? 0) + 1;
  });
  rest.on(RESTEvents.RateLimited, (data) => {
    counters.rateLimited++;
    const event = rateLimitEvent(data);
    const destination = event.webhookId === undefined ? event.route : webhookLabel({ id: event.webhookId });
    const { route, retryAfterMs, global, scope } = event;
    logger?.debug({ destination, route, retryAfterMs, global, scope }, 'Discord rate limit: waiting');
    try {
      onRateLimited?.(event);
    } catch (error) {
      // A faulty observer must not fail the request that is waiting.
      logger?.warn({ err: error }, 'onRateLimited callback threw');
    }
  });
  rest.on(RESTEvents.InvalidRequestWarning, ({ count, remainingTime }) => {
    logger?.warn({ count, remainingTimeMs: remainingTime }, 'Many invalid Discord requests (401/403/429); Discord bans the IP at 10,000 per 10 minutes');
  });

  /**
   * Runs one REST call; any throw becomes a classified failure with the secrets scrubbed, marked
   * `notSent` when no request of it ever left the process (aborted while queued, connection refused).
   */
  async function attempt<T>(destination: string, secrets: string[], run: () => Promise<unknown>, hooks?: RequestHooks): Promise<{ ok: true; data: T } | DeliveryFailure> {
    const call = trackCall(run, hooks);
    try {
      return { ok: true, data: (await call.result) as T };
    } catch (error) {
      if (error instanceof RequestHookError) throw error.cause;
      const failure = classifyError(error, [...secrets, ...botSecrets]);
      if (failure.status === undefined && !call.sent()) failure.notSent = true;
      logger?.debug({ destination, kind: failure.kind, status: failure.status, error: failure.error }, 'Discord request failed');
      return failure;
    }
  }

  return {
    async executeWebhook(target, body, sendOptions = {}) {
      const result = await attempt<RESTPostAPIWebhookWithTokenWaitResult | undefined>(webhookLabel(target), [target.token], () =>
        rest.post(Routes.webhook(target.id, target.token), { body, auth: false, query: executeQuery(target), signal: sendOptions.signal }),
        sendOptions.hooks,
      );
      if (!result.ok) return result;
      const message = result.data;
      // With wait=true Discord always returns the message; a proxy that drops it has still delivered the post.
      if (!message?.id) logger?.warn({ destination: webhookLabel(target) }, 'Discord accepted a message without returning it');
      return { ok: true, messageId: message?.id ?? '', channelId: message?.channel_id ?? '' };
    },

    async createChannelMessage(channelId, body, sendOptions = {}) {
      const payload: RESTPostAPIChannelMessageJSONBody =
        sendOptions.nonce === undefined ? body : { ...body, nonce: sendOptions.nonce, enforce_nonce: true };
      const result = await attempt<RESTPostAPIChannelMessageResult>(`channel ${channelId}`, [], () =>
        rest.post(Routes.channelMessages(channelId), { body: payload, signal: sendOptions.signal }),
        sendOptions.hooks,
      );
      if (!result.ok) return result;
      return { ok: true, messageId: result.data.id, channelId: result.data.channel_id };
    },

    async editWebhookMessage(target, messageId, body, sendOptions = {}) {
      const query = target.threadId === undefined ? undefined : new URLSearchParams({ thread_id: target.threadId });
      const result = await attempt<RESTPostAPIWebhookWithTokenWaitResult>(webhookLabel(target), [target.token], () =>
        rest.patch(Routes.webhookMessage(target.id, target.token, messageId), { body, auth: false, ...(query && { query }), signal: sendOptions.signal }),
        sendOptions.hooks,
      );
      if (!result.ok) return result;
      return { ok: true, messageId: result.data.id, channelId: result.data.channel_id };
    },

    async editChannelMessage(channelId, messageId, body, sendOptions = {}) {
      const result = await attempt<RESTPostAPIChannelMessageResult>(`channel ${channelId}`, [], () =>
        rest.patch(Routes.channelMessage(channelId, messageId), { body, signal: sendOptions.signal }),
        sendOptions.hooks,
      );
      if (!result.ok) return result;
      return { ok: true, messageId: result.data.id, channelId: result.data.channel_id };
    },

    async getWebhook(target, sendOptions = {}) {
      const result = await attempt<RESTGetAPIWebhookWithTokenResult>(webhookLabel(target), [target.token], () =>
        rest.get(Routes.webhook(target.id, target.token), { auth: false, signal: sendOptions.signal }),
      );
      if (!result.ok) return result;
      const webhook = result.data;
      const info: WebhookInfoResult & { ok: true } = { ok: true, id: webhook.id, name: webhook.name, channelId: webhook.channel_id };
      if (webhook.guild_id) info.guildId = webhook.guild_id;
      return info;
    },

    rest,

    stats() {
      return { rateLimited: counters.rateLimited, responses: { ...counters.responses }, refusedWithoutTiming: counters.refusedWithoutTiming };
    },

    destroy() {
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
      rest.removeAllListeners();
    },
  };
}

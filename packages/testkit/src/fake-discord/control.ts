import { routeGatewayControl, type GatewayControllable } from './control-gateway.js';
import { routeHistoryControl, type HistoryControllable } from './control-history.js';
import { json, type PlannedResponse } from './http.js';
import { isContentRule, isFault, isFaultTarget, isStickyFault } from './faults.js';
import { isRateLimitRule } from './ratelimit.js';
import { FAKE_ROUTES } from './types.js';
import type {
  ChannelSummary,
  ContentRule,
  CreatedWebhook,
  Fault,
  FaultTarget,
  FakeChannel,
  FakeDiscordStats,
  MessageFilter,
  MessagePage,
  MessagePageQuery,
  RateLimitConfig,
  RecordedMessage,
  RecordedRequest,
  StickyFault,
} from './types.js';

/** The parts of FakeDiscord the control API drives. */
export interface Controllable extends GatewayControllable, HistoryControllable {
  createWebhook(options?: { channelId?: string; guildId?: string; name?: string }): CreatedWebhook;
  deleteWebhook(id: string): boolean;
  createChannel(options?: { id?: string; guildId?: string; name?: string }): FakeChannel;
  messages(filter?: MessageFilter, afterIndex?: number): RecordedMessage[];
  messagePage(query?: MessagePageQuery): MessagePage;
  channels(): ChannelSummary[];
  deleteMessage(id: string): boolean;
  requests(): RecordedRequest[];
  stats(): FakeDiscordStats;
  injectFaults(target: FaultTarget, faults: Fault[]): void;
  setPermanentStatus(target: FaultTarget, status: number | null): void;
  setStickyFault(target: FaultTarget, fault: StickyFault | null, forMs?: number): void;
  addContentRule(rule: ContentRule): void;
  clearContentRules(): void;
  setLimits(limits: Partial<RateLimitConfig>): void;
  releaseHeld(): number;
  reset(): void;
}

const bad = (error: string): PlannedResponse => json(400, { error });
const TARGET_USAGE = `target must be { webhookId }, { channelId, route? } or { guildId, route? } (route: ${FAKE_ROUTES.join(', ')})`;

function optionalStrings<K extends string>(body: Record<string, unknown>, keys: readonly K[]): Partial<Record<K, string>> | string {
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = body[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') return `${key} must be a string`;
    out[key] = value;
  }
  return out;
}

function parseLimits(body: Record<string, unknown>): Partial<RateLimitConfig> | string {
  const limits: Partial<RateLimitConfig> = {};
  for (const kind of ['webhook', 'channel'] as const) {
    const rule = body[kind];
    if (rule === undefined) continue;
    if (!isRateLimitRule(rule)) return `${kind} must be 'unlimited' or { requests, perMs }`;
    limits[kind] = rule;
  }
  return limits;
}

function filterFromQuery(query: URLSearchParams): MessageFilter {
  const filter: MessageFilter = {};
  for (const key of ['webhookId', 'channelId', 'interactionId', 'referencedMessageId', 'authorId'] as const) {
    const value = query.get(key);
    if (value) filter[key] = value;
  }
  return filter;
}

/** A non-negative integer query parameter; undefined when absent, a problem text when malformed. */
function indexParam(query: URLSearchParams, key: string): number | undefined | string {
  const raw = query.get(key);
  if (raw === null || raw === '') return undefined;
  return /^\d{1,15}$/.test(raw) ? Number(raw) : `${key} must be a message index (a non-negative integer)`;
}

/** `GET /messages/page?limit=&before=|after=&channelId=...`: 400 for a bad limit or cursor. */
function pageRoute(fake: Controllable, query: URLSearchParams): PlannedResponse {
  const before = indexParam(query, 'before');
  const after = indexParam(query, 'after');
  const limit = indexParam(query, 'limit');
  for (const value of [before, after, limit]) if (typeof value === 'string') return bad(value);
  const page: MessagePageQuery = { filter: filterFromQuery(query) };
  if (typeof before === 'number') page.before = before;
  if (typeof after === 'number') page.after = after;
  if (typeof limit === 'number') page.limit = limit;
  try {
    return json(200, fake.messagePage(page));
  } catch (error) {
    if (error instanceof RangeError) return bad(error.message);
    throw error;
  }
}

/**
 * The `/_fake/*` HTTP API, so other processes (dashboard demo, benchmarks, e2e tests) can
 * drive and inspect a fake they did not start. `path` is the part after `/_fake`.
 */
export function routeControlRequest(
  fake: Controllable,
  method: string,
  path: string,
  query: URLSearchParams,
  body: Record<string, unknown>,
): PlannedResponse | Promise<PlannedResponse> {
  const route = `${method} ${path.replace(/\/$/, '')}`;
  switch (route) {
    case 'GET /messages': {
      const after = query.get('after');
      const afterIndex = after === null || after === '' ? undefined : Number(after);
      if (afterIndex !== undefined && !Number.isFinite(afterIndex)) return bad('after must be a number');
      return json(200, fake.messages(filterFromQuery(query), afterIndex));
    }
    case 'GET /messages/page':
      return pageRoute(fake, query);
    case 'GET /channels':
      return json(200, fake.channels());
    case 'GET /requests':
      return json(200, fake.requests());
    case 'GET /stats':
      return json(200, fake.stats());
    case 'POST /webhooks': {
      const options = optionalStrings(body, ['channelId', 'guildId', 'name'] as const);
      return typeof options === 'string' ? bad(options) : json(200, fake.createWebhook(options));
    }
    case 'POST /channels': {
      const options = optionalStrings(body, ['id', 'guildId', 'name'] as const);
      return typeof options === 'string' ? bad(options) : json(200, fake.createChannel(options));
    }
    case 'POST /faults': {
      const { target, faults } = body;
      if (!isFaultTarget(target)) return bad(TARGET_USAGE);
      if (!Array.isArray(faults) || !faults.every(isFault)) return bad('faults must be an array of faults');
      fake.injectFaults(target, faults);
      return json(200, { queued: faults.length });
    }
    case 'POST /permanent-status': {
      const { target, status } = body;
      if (!isFaultTarget(target)) return bad(TARGET_USAGE);
      if (status !== null && !Number.isInteger(status)) return bad('status must be an integer or null');
      fake.setPermanentStatus(target, status as number | null);
      return json(200, { ok: true });
    }
    case 'POST /sticky-fault': {
      const { target, fault, forMs } = body;
      if (!isFaultTarget(target)) return bad(TARGET_USAGE);
      if (fault !== null && !isStickyFault(fault)) return bad('fault must be a fault other than hold, or null');
      if (forMs !== undefined && (typeof forMs !== 'number' || !(forMs > 0))) return bad('forMs must be a positive number');
      fake.setStickyFault(target, fault, forMs);
      return json(200, { ok: true });
    }
    case 'POST /content-rules': {
      if (!isContentRule(body)) return bad('body must be { contains, status (4xx/5xx), body?, target? }');
      const rule: ContentRule = { contains: body.contains, status: body.status };
      if (body.body !== undefined) rule.body = body.body;
      if (body.target !== undefined) rule.target = body.target;
      fake.addContentRule(rule);
      return json(200, { ok: true });
    }
    case 'DELETE /content-rules':
      fake.clearContentRules();
      return json(200, { ok: true });
    case 'POST /limits': {
      const limits = parseLimits(body);
      if (typeof limits === 'string') return bad(limits);
      fake.setLimits(limits);
      return json(200, { ok: true });
    }
    case 'POST /release':
      return json(200, { released: fake.releaseHeld() });
    case 'POST /reset':
      fake.reset();
      return json(200, { ok: true });
    default: {
      const deleted = /^DELETE \/webhooks\/(\d+)$/.exec(route);
      if (deleted?.[1] !== undefined) return json(200, { deleted: fake.deleteWebhook(deleted[1]) });
      const deletedMessage = /^DELETE \/messages\/(\d+)$/.exec(route);
      if (deletedMessage?.[1] !== undefined) return json(200, { deleted: fake.deleteMessage(deletedMessage[1]) });
      return routeGatewayControl(fake, route, query, body) ?? routeHistoryControl(fake, route, body) ?? json(404, { error: `no control route ${route}` });
    }
  }
}

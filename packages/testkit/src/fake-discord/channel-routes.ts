/**
 * The channel routes a moderation bot uses besides posting, validated like Discord
 * (https://discord.com/developers/docs/resources/message):
 * `GET /channels/:id/messages` (limit 1-100, default 50; before | after | around),
 * `DELETE /channels/:id/messages/:id`, `POST /channels/:id/messages/bulk-delete` (2-100 ids, none
 * older than 14 days, unknown ids ignored) and `PUT|DELETE /channels/:id/messages/:id/reactions/:emoji/@me`.
 * The bot is assumed to hold Manage Messages: it may delete anyone's message.
 */
import { historyMessageObject } from './history-objects.js';
import { historyPage, type HistoryQuery } from './history.js';
import { json, type PlannedResponse } from './http.js';
import { isUnicodeEmoji } from './emoji.js';
import { dispatchReactionAdd } from './guild-events.js';
import { routeInvites } from './invites.js';
import { gateRoute, isPass } from './route-gate.js';
import { parseJson, respond, type DiscordRequest, type FakeState, type RouteResult } from './routes.js';
import { snowflakeTime } from './snowflake.js';
import type { FakeRoute, RecordedMessage } from './types.js';
import { FormErrors } from './validate.js';

const UNKNOWN_MESSAGE = { message: 'Unknown Message', code: 10008 };
const UNKNOWN_EMOJI = { message: 'Unknown Emoji', code: 10014 };
const TOO_OLD = { message: 'You can only bulk delete messages that are under 14 days old.', code: 50034 };
const MAX_REACTIONS = { message: 'Maximum number of reactions reached (20)', code: 30010 };
const INVALID_JSON = { message: 'The request body contains invalid JSON.', code: 50109 };
/** Discord refuses bulk deletes that include a message older than two weeks. */
export const BULK_DELETE_MAX_AGE_MS = 14 * 24 * 60 * 60_000;
const SNOWFLAKE = /^\d{1,20}$/;
const noContent = (): PlannedResponse => ({ status: 204, headers: {} });
const methodNotAllowed = (): PlannedResponse => json(405, { message: '405: Method Not Allowed', code: 0 });

function formError(errors: FormErrors): PlannedResponse {
  return json(400, { code: 50035, message: 'Invalid Form Body', errors: errors.tree });
}

/** Handles the chore routes below a channel; undefined when the path is none of them. */
export function routeChannelChores(state: FakeState, request: DiscordRequest): RouteResult | undefined {
  const { path, method } = request;
  const list = /^\/channels\/(\d+)\/messages\/?$/.exec(path);
  if (list?.[1] !== undefined && method === 'GET') return run(state, request, list[1], 'messages.list', () => listMessages(state, request.query, list[1] ?? ''));
  const bulk = /^\/channels\/(\d+)\/messages\/bulk-delete\/?$/.exec(path);
  if (bulk?.[1] !== undefined) {
    if (method !== 'POST') return { outcome: respond(methodNotAllowed()), channelId: bulk[1] };
    return run(state, request, bulk[1], 'messages.bulk-delete', () => bulkDelete(state, request.rawBody, bulk[1] ?? ''));
  }
  const reaction = /^\/channels\/(\d+)\/messages\/(\d+)\/reactions\/([^/]+)\/(?:@|%40)me\/?$/.exec(path);
  if (reaction?.[1] !== undefined && (method === 'PUT' || method === 'DELETE')) {
    const [, channelId = '', messageId = '', emoji = ''] = reaction;
    return run(state, request, channelId, 'reactions', () => react(state, { channelId, messageId, rawEmoji: emoji, add: method === 'PUT' }));
  }
  const one = /^\/channels\/(\d+)\/messages\/(\d+)\/?$/.exec(path);
  if (one?.[1] !== undefined && method === 'DELETE') return run(state, request, one[1], 'messages.delete', () => deleteOne(state, one[1] ?? '', one[2] ?? ''));
  const invites = /^\/channels\/(\d+)\/invites\/?$/.exec(path);
  if (invites?.[1] !== undefined) {
    const channelId = invites[1];
    return run(state, request, channelId, 'invites', () => routeInvites(state, request, channelId));
  }
  return undefined;
}

function run(state: FakeState, request: DiscordRequest, channelId: string, route: FakeRoute, handle: () => PlannedResponse): RouteResult {
  const gate = gateRoute(state, request, { channelId }, route, state.store.channels.has(channelId));
  return { outcome: isPass(gate) ? gate.finish(handle()) : gate, channelId };
}

/** Parses `limit`, `before`, `after`, `around` as Discord does; a FormErrors tree when any is bad. */
export function parseHistoryQuery(query: URLSearchParams): HistoryQuery | FormErrors {
  const errors = new FormErrors();
  const rawLimit = query.get('limit');
  let limit = 50;
  if (rawLimit !== null) {
    if (!/^-?\d+$/.test(rawLimit)) errors.add(['limit'], 'NUMBER_TYPE_COERCE', `Value "${rawLimit}" is not int.`);
    else if (Number(rawLimit) < 1) errors.add(['limit'], 'NUMBER_TYPE_MIN', 'int value should be greater than or equal to 1.');
    else if (Number(rawLimit) > 100) errors.add(['limit'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 100.');
    else limit = Number(rawLimit);
  }
  const cursors: Partial<Record<'before' | 'after' | 'around', string>> = {};
  for (const key of ['before', 'after', 'around'] as const) {
    const value = query.get(key);
    if (value === null) continue;
    if (!SNOWFLAKE.test(value)) errors.add([key], 'NUMBER_TYPE_COERCE', `Value "${value}" is not snowflake.`);
    else cursors[key] = value;
  }
  // Discord documents them as mutually exclusive; the fake refuses a mix rather than guess which wins.
  if (Object.keys(cursors).length > 1) errors.add(['around'], 'MUTUALLY_EXCLUSIVE', 'before, after and around are mutually exclusive.');
  return errors.empty ? { limit, ...cursors } : errors;
}

function listMessages(state: FakeState, query: URLSearchParams, channelId: string): PlannedResponse {
  const parsed = parseHistoryQuery(query);
  if (parsed instanceof FormErrors) return formError(parsed);
  const page = historyPage(state.store.channelHistory(channelId), parsed);
  return json(200, page.map((message) => historyMessageObject(state, message)));
}

function visibleIn(state: FakeState, channelId: string, messageId: string): RecordedMessage | undefined {
  const message = state.store.findMessage(messageId);
  return message?.channelId === channelId && message.deletedAt === undefined && message.ephemeral !== true ? message : undefined;
}

function deleteOne(state: FakeState, channelId: string, messageId: string): PlannedResponse {
  const message = visibleIn(state, channelId, messageId);
  if (message === undefined) return json(404, UNKNOWN_MESSAGE);
  message.deletedAt = Date.now();
  return noContent();
}

function bulkDelete(state: FakeState, rawBody: string, channelId: string, now: number = Date.now()): PlannedResponse {
  const body = parseJson(rawBody);
  if (body === undefined) return json(400, INVALID_JSON);
  const errors = new FormErrors();
  const ids = body.messages;
  if (ids === undefined) errors.add(['messages'], 'BASE_TYPE_REQUIRED', 'This field is required');
  else if (!Array.isArray(ids)) errors.add(['messages'], 'BASE_TYPE_ARRAY', 'Must be an array.');
  else {
    if (ids.length < 2) errors.add(['messages'], 'BASE_TYPE_MIN_LENGTH', 'Must be 2 or more in length.');
    if (ids.length > 100) errors.add(['messages'], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
    ids.forEach((id, i) => {
      if (typeof id !== 'string' || !SNOWFLAKE.test(id)) errors.add(['messages', i], 'NUMBER_TYPE_COERCE', `Value "${String(id)}" is not snowflake.`);
    });
    // Discord answers 400 for duplicates; its exact error tree is not documented.
    if (errors.empty && new Set(ids).size !== ids.length) errors.add(['messages'], 'BASE_TYPE_DUPLICATES', 'Duplicate message ids are not allowed.');
  }
  if (!errors.empty) return formError(errors);
  const valid = ids as string[];
  // The rule reads the ids' own timestamps, so it applies to unknown ids too; nothing is deleted then.
  if (valid.some((id) => snowflakeTime(id) < now - BULK_DELETE_MAX_AGE_MS)) return json(400, TOO_OLD);
  for (const id of valid) {
    const message = visibleIn(state, channelId, id);
    if (message) message.deletedAt = now;
  }
  return noContent();
}

function react(state: FakeState, input: { channelId: string; messageId: string; rawEmoji: string; add: boolean }): PlannedResponse {
  let emoji: string;
  try {
    emoji = decodeURIComponent(input.rawEmoji);
  } catch {
    return json(400, UNKNOWN_EMOJI);
  }
  // The fake guild has no custom emojis, so only unicode ones exist.
  if (!isUnicodeEmoji(emoji)) return json(400, UNKNOWN_EMOJI);
  const message = visibleIn(state, input.channelId, input.messageId);
  if (message === undefined) return json(404, UNKNOWN_MESSAGE);
  const botId = state.guild.bot.id;
  const reactions = (message.reactions ??= []);
  let reaction = reactions.find((r) => r.emoji === emoji);
  if (!input.add) {
    if (reaction) reaction.userIds = reaction.userIds.filter((id) => id !== botId);
    return noContent();
  }
  if (reaction?.userIds.includes(botId)) return noContent();
  if (reaction === undefined) {
    if (reactions.filter((r) => r.userIds.length > 0).length >= 20) return json(400, MAX_REACTIONS);
    reaction = { emoji, userIds: [] };
    reactions.push(reaction);
  }
  reaction.userIds.push(botId);
  dispatchReactionAdd(state, { userId: botId, channelId: input.channelId, messageId: message.id, authorId: message.authorId ?? message.webhookId, emoji });
  return noContent();
}

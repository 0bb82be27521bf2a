/**
 * Guild bans (https://discord.com/developers/docs/resources/guild#create-guild-ban):
 * `PUT /guilds/:id/bans/:userId {delete_message_seconds?}` (0-604800) with the `X-Audit-Log-Reason`
 * header recorded; `GET /guilds/:id/bans[/:userId]`, `DELETE /guilds/:id/bans/:userId`. An unknown user
 * is 404 10013; the guild owner (and the bot itself) 403 50013, as the bot ranks below the owner.
 * A banned member leaves the guild: GUILD_MEMBER_REMOVE and GUILD_BAN_ADD are dispatched, and their
 * messages of the last `delete_message_seconds` in the guild's channels are deleted.
 */
import { userObject } from './guild-objects.js';
import { dispatchBan, dispatchMemberRemove } from './guild-events.js';
import { discordError, json, type PlannedResponse } from './http.js';
import type { FakeBan } from './members.js';
import { gateRoute, isPass } from './route-gate.js';
import { parseJson, type DiscordRequest, type FakeState, type RouteResult } from './routes.js';
import { FormErrors } from './validate.js';

const UNKNOWN_USER = { message: 'Unknown User', code: 10013 };
const UNKNOWN_BAN = { message: 'Unknown Ban', code: 10026 };
const MAX_DELETE_SECONDS = 604_800;

/** Handles `/guilds/:id/bans[/:userId]`; undefined for other paths. */
export function routeBans(state: FakeState, request: DiscordRequest): RouteResult | undefined {
  const match = /^\/guilds\/(\d+)\/bans(?:\/(\d+))?\/?$/.exec(request.path);
  if (match?.[1] === undefined) return undefined;
  const [, guildId = '', userId] = match;
  const gate = gateRoute(state, request, { guildId }, 'bans', guildId === state.guild.id);
  if (!isPass(gate)) return { outcome: gate };
  return { outcome: gate.finish(handle(state, request, userId)) };
}

function handle(state: FakeState, request: DiscordRequest, userId: string | undefined): PlannedResponse {
  if (userId === undefined) {
    if (request.method !== 'GET') return json(405, discordError(405));
    return json(200, state.members.bans().map((ban) => banObject(state, ban)));
  }
  switch (request.method) {
    case 'GET': {
      const ban = state.members.banOf(userId);
      return ban ? json(200, banObject(state, ban)) : json(404, UNKNOWN_BAN);
    }
    case 'PUT':
      return ban(state, request, userId);
    case 'DELETE': {
      const user = state.members.user(userId);
      if (!state.members.unban(userId)) return json(404, UNKNOWN_BAN);
      if (user) dispatchBan(state, user, false);
      return { status: 204, headers: {} };
    }
    default:
      return json(405, discordError(405));
  }
}

function banObject(state: FakeState, ban: FakeBan): Record<string, unknown> {
  const user = state.members.user(ban.userId) ?? { id: ban.userId, username: ban.username, roles: [] };
  return { reason: ban.reason, user: userObject(state.guild, user) };
}

function ban(state: FakeState, request: DiscordRequest, userId: string, now: number = Date.now()): PlannedResponse {
  const body = request.rawBody.trim() === '' ? {} : parseJson(request.rawBody);
  if (body === undefined) return json(400, { message: 'The request body contains invalid JSON.', code: 50109 });
  const seconds = body.delete_message_seconds;
  const errors = new FormErrors();
  if (seconds !== undefined && seconds !== null) {
    if (typeof seconds !== 'number' || !Number.isInteger(seconds)) errors.add(['delete_message_seconds'], 'NUMBER_TYPE_COERCE', `Value "${String(seconds)}" is not int.`);
    else if (seconds < 0) errors.add(['delete_message_seconds'], 'NUMBER_TYPE_MIN', 'int value should be greater than or equal to 0.');
    else if (seconds > MAX_DELETE_SECONDS) errors.add(['delete_message_seconds'], 'NUMBER_TYPE_MAX', `int value should be less than or equal to ${MAX_DELETE_SECONDS}.`);
  }
  if (!errors.empty) return json(400, { code: 50035, message: 'Invalid Form Body', errors: errors.tree });
  const user = state.members.user(userId);
  if (user === undefined) return json(404, UNKNOWN_USER);
  if (userId === state.guild.ownerId || userId === state.guild.bot.id) return json(403, discordError(403));
  // Banning again changes nothing, as on Discord.
  if (state.members.banOf(userId)) return { status: 204, headers: {} };
  const deleteMessageSeconds = typeof seconds === 'number' ? seconds : 0;
  const removed = state.members.ban({ userId, username: user.username, reason: request.auditLogReason ?? null, deleteMessageSeconds, at: now });
  if (deleteMessageSeconds > 0) deleteRecentMessages(state, userId, now - deleteMessageSeconds * 1000, now);
  if (removed) dispatchMemberRemove(state, removed);
  dispatchBan(state, user, true);
  return { status: 204, headers: {} };
}

function deleteRecentMessages(state: FakeState, userId: string, since: number, now: number): void {
  for (const channel of state.store.channels.values()) {
    if (channel.guildId !== state.guild.id) continue;
    for (const message of state.store.channelHistory(channel.id)) {
      if (message.authorId === userId && message.createdAt >= since) message.deletedAt = now;
    }
  }
}

/**
 * The bot-side REST routes a discord.js client uses besides sending messages: gateway discovery,
 * the bot's own user and application, application commands, and guild/channel/member fetches.
 */
import { validateCommands } from './command-validate.js';
import { botUserObject, channelObject, guildObject, memberById, roleObjects } from './guild-objects.js';
import { discordError, json, UNKNOWN_CHANNEL, type PlannedResponse } from './http.js';
import { historyMessageObject } from './history-objects.js';
import type { DiscordRequest, FakeState } from './routes.js';
import { asObject } from './validate.js';

const UNKNOWN_GUILD = { message: 'Unknown Guild', code: 10004 };
const UNKNOWN_MEMBER = { message: 'Unknown Member', code: 10007 };
const UNKNOWN_MESSAGE = { message: 'Unknown Message', code: 10008 };
const UNKNOWN_COMMAND = { message: 'Unknown application command', code: 10063 };
const MISSING_ACCESS = { message: 'Missing Access', code: 50001 };
const methodNotAllowed = (): PlannedResponse => json(405, discordError(405));

function isBot(request: DiscordRequest): boolean {
  return /^Bot \S+/.test(request.authorization ?? '');
}

function parse(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

function applicationObject(state: FakeState): Record<string, unknown> {
  const bot = botUserObject(state.guild);
  return {
    id: state.guild.applicationId,
    name: state.guild.bot.username,
    icon: null,
    description: '',
    summary: '',
    type: null,
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    owner: { id: state.guild.ownerId, username: 'owner', discriminator: '0', global_name: 'owner', avatar: null },
    team: null,
    bot,
    approximate_guild_count: 1,
    install_params: { scopes: ['bot', 'applications.commands'], permissions: '0' },
    integration_types_config: { 0: {} },
  };
}

function commandsRoute(state: FakeState, request: DiscordRequest, appId: string, guildId: string | undefined, commandId: string | undefined): PlannedResponse {
  if (appId !== state.guild.applicationId) return json(403, MISSING_ACCESS);
  if (guildId !== undefined && guildId !== state.guild.id) return json(403, MISSING_ACCESS);
  const { commands } = state;
  const body = request.method === 'PUT' || request.method === 'POST' || request.method === 'PATCH' ? parse(request.rawBody) : undefined;
  if (body === undefined && request.rawBody !== '' && request.method !== 'GET') {
    return json(400, { message: 'The request body contains invalid JSON.', code: 50109 });
  }

  if (commandId === undefined) {
    switch (request.method) {
      case 'GET':
        return json(200, commands.list(guildId));
      case 'PUT': {
        const invalid = validateCommands(body, true);
        if (invalid) return json(400, invalid);
        return json(200, commands.overwrite(appId, guildId, (body as unknown[]).map((c) => asObject(c) ?? {})));
      }
      case 'POST': {
        const invalid = validateCommands(body, false);
        if (invalid) return json(400, invalid);
        const { command, created } = commands.upsert(appId, guildId, asObject(body) ?? {});
        return json(created ? 201 : 200, command);
      }
      default:
        return methodNotAllowed();
    }
  }
  const existing = commands.get(guildId, commandId);
  if (existing === undefined) return json(404, UNKNOWN_COMMAND);
  switch (request.method) {
    case 'GET':
      return json(200, existing);
    case 'DELETE':
      commands.delete(guildId, commandId);
      return { status: 204, headers: {} };
    case 'PATCH': {
      const merged = { ...existing, ...(asObject(body) ?? {}) };
      const invalid = validateCommands(merged, false);
      if (invalid) return json(400, invalid);
      return json(200, commands.edit(appId, guildId, commandId, asObject(body) ?? {}));
    }
    default:
      return methodNotAllowed();
  }
}

function guildChannels(state: FakeState): Record<string, unknown>[] {
  return [...state.store.channels.values()]
    .filter((c) => c.guildId === state.guild.id)
    .map((c, position) => channelObject(state.guild.id, c, position));
}

function guildRoute(state: FakeState, request: DiscordRequest, rest: string): PlannedResponse {
  if (request.method !== 'GET') return methodNotAllowed();
  if (rest === '') return json(200, { ...guildObject(state.guild), approximate_member_count: Object.keys(state.guild.users).length + 1 });
  if (rest === '/channels') return json(200, guildChannels(state));
  if (rest === '/roles') return json(200, roleObjects(state.guild));
  const member = /^\/members\/(\d+)$/.exec(rest);
  if (member?.[1] !== undefined) {
    const found = memberById(state.guild, member[1]);
    return found ? json(200, found) : json(404, UNKNOWN_MEMBER);
  }
  return json(404, discordError(404));
}

function channelRoute(state: FakeState, request: DiscordRequest, channelId: string, rest: string): PlannedResponse {
  const channel = state.store.channels.get(channelId);
  if (channel === undefined) return json(404, UNKNOWN_CHANNEL);
  if (rest === '' && request.method === 'GET') return json(200, channelObject(channel.guildId, channel));
  if (rest === '/typing' && request.method === 'POST') return { status: 204, headers: {} };
  const message = /^\/messages\/(\d+)$/.exec(rest);
  if (message?.[1] !== undefined && request.method === 'GET') {
    const recorded = state.store.findMessage(message[1]);
    if (recorded && recorded.channelId === channelId && recorded.deletedAt === undefined && recorded.ephemeral !== true) {
      return json(200, historyMessageObject(state, recorded));
    }
    return json(404, UNKNOWN_MESSAGE);
  }
  return json(404, discordError(404));
}

/** Handles the path if it is one of these routes; undefined lets the caller try its own. */
export function routeAppRequest(state: FakeState, request: DiscordRequest): PlannedResponse | undefined {
  const { path, method } = request;
  if (path === '/gateway' || path === '/gateway/bot') {
    if (method !== 'GET') return methodNotAllowed();
    if (path === '/gateway') return json(200, { url: state.gateway.url });
    if (!isBot(request)) return json(401, discordError(401));
    return json(200, {
      url: state.gateway.url,
      shards: 1,
      session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
    });
  }
  if (path === '/users/@me' || path === '/applications/@me' || path === '/oauth2/applications/@me') {
    if (!isBot(request)) return json(401, discordError(401));
    if (method !== 'GET') return methodNotAllowed();
    if (path === '/users/@me') return json(200, { ...botUserObject(state.guild), verified: true, mfa_enabled: false, flags: 0 });
    return json(200, applicationObject(state));
  }
  const commands = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands(?:\/(\d+))?\/?$/.exec(path);
  if (commands) {
    if (!isBot(request)) return json(401, discordError(401));
    const [, appId = '', guildId, commandId] = commands;
    return commandsRoute(state, request, appId, guildId, commandId);
  }
  const guild = /^\/guilds\/(\d+)(\/.*)?$/.exec(path);
  if (guild) {
    if (!isBot(request)) return json(401, discordError(401));
    if (guild[1] !== state.guild.id) return json(404, UNKNOWN_GUILD);
    return guildRoute(state, request, (guild[2] ?? '').replace(/\/$/, ''));
  }
  const channel = /^\/channels\/(\d+)(\/typing|\/messages\/\d+)?\/?$/.exec(path);
  if (channel) {
    if (!isBot(request)) return json(401, discordError(401));
    return channelRoute(state, request, channel[1] ?? '', channel[2] ?? '');
  }
  return undefined;
}

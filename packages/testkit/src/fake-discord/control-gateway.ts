/** The `/_fake` control routes for the gateway side: the guild, sessions, user commands, replies. */
import type { APIApplicationCommand } from 'discord-api-types/v10';
import { CommandInputError } from './command-input.js';
import { CommandNotRegisteredError, NoGatewaySessionError, type CommandTextResult, type DispatchCommandTextInput } from './dispatcher.js';
import type { DisconnectOptions, GatewayStats } from './gateway.js';
import type { FakeGuild } from './guild.js';
import { json, type PlannedResponse } from './http.js';
import { InteractionWaitError, type InteractionReply } from './interactions.js';

export interface GatewayControllable {
  readonly guild: FakeGuild;
  gatewayStats(): GatewayStats;
  disconnectGateway(options?: DisconnectOptions): void;
  dispatchCommandText(input: DispatchCommandTextInput): CommandTextResult;
  waitForInteractionReply(interactionId: string, options?: { timeoutMs?: number }): Promise<InteractionReply>;
  applicationCommands(guildId?: string): APIApplicationCommand[];
}

/** Longest `waitMs` a control request may hold its connection open. */
const MAX_WAIT_MS = 60_000;

const bad = (error: string): PlannedResponse => json(400, { error });

function parseDisconnect(body: Record<string, unknown>): DisconnectOptions | string {
  const { code, refuseForMs } = body;
  if (code !== undefined && (!Number.isInteger(code) || (code !== 1000 && ((code as number) < 3000 || (code as number) > 4999)))) {
    return 'code must be 1000 or an integer 3000-4999';
  }
  if (refuseForMs !== undefined && (typeof refuseForMs !== 'number' || refuseForMs < 0)) return 'refuseForMs must be a non-negative number';
  return { ...(code !== undefined && { code: code as number }), ...(refuseForMs !== undefined && { refuseForMs: refuseForMs as number }) };
}

function commandInput(fake: GatewayControllable, body: Record<string, unknown>): DispatchCommandTextInput | string {
  const { as, userId, text, channelId } = body;
  if (typeof text !== 'string' || text.trim() === '') return 'text must be a non-empty string';
  if (channelId !== undefined && typeof channelId !== 'string') return 'channelId must be a string';
  if (userId !== undefined && typeof userId !== 'string') return 'userId must be a string';
  if (as !== undefined && (typeof as !== 'string' || fake.guild.users[as] === undefined)) {
    return `as must be one of ${Object.keys(fake.guild.users).join(', ')}`;
  }
  // Default: the owner, who may run every command.
  const user = userId ?? fake.guild.users[(as as string | undefined) ?? 'owner']?.id ?? fake.guild.ownerId;
  return { userId: user, text, ...(channelId !== undefined && { channelId }) };
}

function dispatchError(error: unknown): PlannedResponse {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof CommandNotRegisteredError) return json(404, { error: message });
  if (error instanceof CommandInputError) return json(400, { error: message });
  if (error instanceof NoGatewaySessionError) return json(503, { error: message });
  throw error;
}

async function interactionRoute(fake: GatewayControllable, id: string, query: URLSearchParams): Promise<PlannedResponse> {
  const raw = query.get('waitMs');
  const waitMs = raw === null || raw === '' ? 0 : Number(raw);
  if (!Number.isFinite(waitMs) || waitMs < 0) return bad('waitMs must be a non-negative number');
  try {
    return json(200, await fake.waitForInteractionReply(id, { timeoutMs: Math.min(waitMs, MAX_WAIT_MS) }));
  } catch (error) {
    if (!(error instanceof InteractionWaitError)) throw error;
    if (error.reason === 'unknown') return json(404, { error: error.message });
    if (error.reason === 'timeout') return json(408, { error: error.message });
    return json(503, { error: error.message });
  }
}

/** Handles gateway control routes; undefined when `route` is not one of them. */
export function routeGatewayControl(
  fake: GatewayControllable,
  route: string,
  query: URLSearchParams,
  body: Record<string, unknown>,
): PlannedResponse | Promise<PlannedResponse> | undefined {
  switch (route) {
    case 'GET /guild':
      return json(200, fake.guild);
    case 'GET /gateway':
      return json(200, fake.gatewayStats());
    case 'POST /gateway/disconnect': {
      const options = parseDisconnect(body);
      if (typeof options === 'string') return bad(options);
      fake.disconnectGateway(options);
      return json(200, { ok: true });
    }
    case 'POST /gateway/command': {
      const input = commandInput(fake, body);
      if (typeof input === 'string') return bad(input);
      try {
        return json(200, fake.dispatchCommandText(input));
      } catch (error) {
        return dispatchError(error);
      }
    }
    case 'GET /application-commands': {
      const guildId = query.get('guildId');
      return json(200, fake.applicationCommands(guildId === null || guildId === '' ? undefined : guildId));
    }
    default: {
      const interaction = /^GET \/interactions\/(\d+)$/.exec(route);
      if (interaction?.[1] !== undefined) return interactionRoute(fake, interaction[1], query);
      return undefined;
    }
  }
}

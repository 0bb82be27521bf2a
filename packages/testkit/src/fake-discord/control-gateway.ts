/** The `/_fake` control routes for the gateway side: the guild, sessions, user commands, replies, members, intents. */
import type { APIApplicationCommand } from 'discord-api-types/v10';
import { CommandInputError } from './command-input.js';
import { CommandNotRegisteredError, NoGatewaySessionError, type CommandTextResult, type DispatchCommandTextInput } from './dispatcher.js';
import type { DisconnectOptions, GatewayStats } from './gateway.js';
import { inputErrorsAs400 } from './control-history.js';
import type { FakeGuild, FakeGuildUser } from './guild.js';
import { isPrivilegedIntent, PRIVILEGED_INTENT_NAMES, type PrivilegedIntent } from './intents.js';
import type { MemberJoinInput } from './members.js';
import type { ClickButtonInput } from './component-dispatch.js';
import { json, type PlannedResponse } from './http.js';
import { InteractionWaitError, type InteractionReply } from './interactions.js';

export interface GatewayControllable {
  readonly guild: FakeGuild;
  gatewayStats(): GatewayStats;
  disconnectGateway(options?: DisconnectOptions): void;
  dispatchCommandText(input: DispatchCommandTextInput): CommandTextResult;
  waitForInteractionReply(interactionId: string, options?: { timeoutMs?: number }): Promise<InteractionReply>;
  applicationCommands(guildId?: string): APIApplicationCommand[];
  clickButton(input: ClickButtonInput): { interactionId: string };
  memberJoin(input: MemberJoinInput): FakeGuildUser;
  memberLeave(userId: string): FakeGuildUser;
  setAllowedPrivilegedIntents(allowed: readonly PrivilegedIntent[]): void;
  readonly allowedPrivilegedIntents: PrivilegedIntent[];
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
    case 'POST /gateway/click': {
      const { messageId, customId, userId, as } = body;
      if (typeof messageId !== 'string' || typeof customId !== 'string') return bad('body must be { messageId, customId, userId? | as? }');
      const user = typeof userId === 'string' ? userId : typeof as === 'string' ? as : 'owner';
      try {
        return json(200, fake.clickButton({ messageId, customId, userId: user }));
      } catch (error) {
        return dispatchError(error);
      }
    }
    case 'POST /gateway/member-join': {
      const { username, id } = body;
      if (typeof username !== 'string' || (id !== undefined && typeof id !== 'string')) return bad('body must be { username, id? } (strings)');
      return inputErrorsAs400(() => json(200, fake.memberJoin({ username, ...(id !== undefined && { id }) })));
    }
    case 'POST /gateway/member-leave': {
      if (typeof body.userId !== 'string') return bad('body must be { userId } (an id, key or username)');
      const userId = body.userId;
      return inputErrorsAs400(() => json(200, fake.memberLeave(userId)));
    }
    case 'GET /gateway/privileged-intents':
      return json(200, { allowed: fake.allowedPrivilegedIntents });
    case 'POST /gateway/privileged-intents': {
      const { allowed } = body;
      if (!Array.isArray(allowed) || !allowed.every(isPrivilegedIntent)) return bad(`allowed must be an array of ${PRIVILEGED_INTENT_NAMES.join(', ')}`);
      fake.setAllowedPrivilegedIntents(allowed);
      return json(200, { allowed: fake.allowedPrivilegedIntents });
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

/**
 * What every request of the chore routes (message listing and deletion, reactions, invites, bans)
 * meets before its own checks, in Discord's order: the bot token, sticky faults and permanent
 * statuses (route-specific first, then the whole channel or guild), one-shot faults queued for the
 * route, and a rate-limit bucket of its own per channel (or guild) and route under the `channel` rule.
 */
import { discordError, json, type PlannedResponse } from './http.js';
import { applyFault, respond, type DiscordRequest, type FakeState, type Outcome } from './routes.js';
import type { Fault, FakeRoute, FaultTarget } from './types.js';

export type RouteScope = { channelId: string } | { guildId: string };

/** A route's request that passed the gate: `finish` wraps the handler's answer (holds it for a `hold` fault, adds the bucket headers). */
export interface GatePass {
  finish(response: PlannedResponse): Outcome;
}

/** Discord's 404 body for each route when a fault gives a bare 404. */
const NOT_FOUND: Record<FakeRoute, { message: string; code: number }> = {
  'messages.list': { message: 'Unknown Channel', code: 10003 },
  'messages.delete': { message: 'Unknown Message', code: 10008 },
  'messages.bulk-delete': { message: 'Unknown Channel', code: 10003 },
  reactions: { message: 'Unknown Message', code: 10008 },
  invites: { message: 'Unknown Channel', code: 10003 },
  bans: { message: 'Unknown Guild', code: 10004 },
};

function bodyFor(status: number, route: FakeRoute): unknown {
  return status === 404 ? NOT_FOUND[route] : discordError(status);
}

function withRouteBody(fault: Fault | undefined, route: FakeRoute): Fault | undefined {
  if (fault === undefined || !('status' in fault) || fault.status === 429 || ('body' in fault && fault.body !== undefined)) return fault;
  return { ...fault, body: bodyFor(fault.status, route) };
}

/** The bucket id (under the `channel` kind) of one route in one channel or guild. */
export function bucketId(scope: RouteScope, route: FakeRoute): string {
  return 'channelId' in scope ? `${scope.channelId}/${route}` : `guild:${scope.guildId}/${route}`;
}

/**
 * Runs the gate for `route` in `scope`. `exists` says whether the channel or guild is known (checked
 * after the faults, as for message POSTs). Returns the refusal, or a pass whose `finish` completes it.
 */
export function gateRoute(state: FakeState, request: DiscordRequest, scope: RouteScope, route: FakeRoute, exists: boolean): Outcome | GatePass {
  if (!/^Bot \S+/.test(request.authorization ?? '')) return respond(json(401, discordError(401)));
  const id = bucketId(scope, route);
  const wide: FaultTarget = scope;
  const narrow: FaultTarget = { ...scope, route };
  for (const target of [narrow, wide]) {
    const sticky = applyFault(withRouteBody(state.faults.stickyFault(target), route), state, 'channel', id);
    if (sticky !== undefined && sticky !== 'hold') return sticky;
  }
  for (const target of [narrow, wide]) {
    const permanent = state.faults.permanentStatus(target);
    if (permanent !== undefined) return respond(json(permanent, bodyFor(permanent, route)));
  }
  if (!exists) return respond(json(404, 'channelId' in scope ? NOT_FOUND.invites : NOT_FOUND.bans));
  const faulted = applyFault(withRouteBody(state.faults.take(narrow), route), state, 'channel', id);
  if (faulted !== undefined && faulted !== 'hold') return faulted;
  const limit = state.limiter.consume('channel', id);
  if (!limit.allowed) {
    return respond(json(429, { message: 'You are being rate limited.', retry_after: Number(limit.headers['Retry-After']), global: false }, limit.headers));
  }
  return {
    finish(response: PlannedResponse): Outcome {
      const withHeaders = { ...response, headers: { ...limit.headers, ...response.headers } };
      return faulted === 'hold' ? { action: 'hold', response: withHeaders } : respond(withHeaders);
    },
  };
}

export function isPass(value: Outcome | GatePass): value is GatePass {
  return 'finish' in value;
}

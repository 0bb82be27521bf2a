/**
 * The `/_fake` control routes for channel history and what the community chores leave behind:
 * seeding past messages, reading one message (with its reactions) or a channel's history, bans, invites.
 */
import { CommandInputError } from './command-input.js';
import type { SeedMessageInput } from './history.js';
import { json, type PlannedResponse } from './http.js';
import type { FakeInvite } from './invites.js';
import type { FakeBan } from './members.js';
import type { RecordedMessage } from './types.js';

export interface HistoryControllable {
  seedMessages(channel: string, messages: readonly SeedMessageInput[]): RecordedMessage[];
  channelHistory(channelId: string): RecordedMessage[];
  message(id: string): RecordedMessage | undefined;
  bans(): FakeBan[];
  invites(): FakeInvite[];
}

/** Runs `action`; a CommandInputError (bad input) becomes a 400 naming the problem. */
export function inputErrorsAs400(action: () => PlannedResponse): PlannedResponse {
  try {
    return action();
  } catch (error) {
    if (error instanceof CommandInputError) return json(400, { error: error.message });
    throw error;
  }
}

/** Handles history control routes; undefined when `route` (`METHOD /path`) is not one of them. */
export function routeHistoryControl(fake: HistoryControllable, route: string, body: Record<string, unknown>): PlannedResponse | undefined {
  const seed = /^POST \/channels\/([^/]+)\/messages$/.exec(route);
  if (seed?.[1] !== undefined) {
    const channel = decodeURIComponent(seed[1]);
    if (!Array.isArray(body.messages)) return json(400, { error: 'body must be { messages: [{ content, authorId?, ageMs }] }' });
    return inputErrorsAs400(() => json(200, { messages: fake.seedMessages(channel, body.messages as SeedMessageInput[]) }));
  }
  if (route === 'GET /bans') return json(200, fake.bans());
  if (route === 'GET /invites') return json(200, fake.invites());
  const history = /^GET \/channels\/(\d+)\/history$/.exec(route);
  if (history?.[1] !== undefined) return json(200, fake.channelHistory(history[1]));
  const message = /^GET \/messages\/(\d+)$/.exec(route);
  if (message?.[1] !== undefined) {
    const found = fake.message(message[1]);
    return found ? json(200, found) : json(404, { error: `no message ${message[1]}` });
  }
  return undefined;
}

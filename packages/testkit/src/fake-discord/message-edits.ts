/**
 * Editing and deleting messages that were posted through a webhook or by the bot:
 * `GET|PATCH|DELETE /webhooks/:id/:token/messages/:id` (`?thread_id=` for messages in a thread) and
 * `PATCH /channels/:id/messages/:id`. An edit merges the patch into the stored body (`null` clears a
 * field), is validated like a new message, updates the recorded message in place and counts it
 * (`edits`, `editedAt`). A message that is gone answers 404 Unknown Message (10008), as Discord does.
 */
import { json, type PlannedResponse } from './http.js';
import { messageObject } from './message-object.js';
import type { BucketKind } from './ratelimit.js';
import { applyFault, applySticky, botMessageObject, defaultBody, parseJson, respond, webhookGate, type DiscordRequest, type FakeState, type Outcome } from './routes.js';
import type { FaultTarget, RecordedMessage } from './types.js';
import { validateMessageBody } from './validate.js';

export const UNKNOWN_MESSAGE = { message: 'Unknown Message', code: 10008 };
const OTHER_AUTHOR = { message: 'Cannot edit a message authored by another user', code: 50005 };

/** Discord's PATCH semantics: a field set to null is removed, absent fields are kept. */
export function mergePatch(body: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...body };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

/**
 * The shared path of both edit routes: one-shot faults (as for message POSTs), the rate limit (edits
 * have a bucket of their own per webhook or channel, as at Discord), the body, the message, validation.
 */
function editFlow(
  state: FakeState,
  request: DiscordRequest,
  kind: BucketKind,
  id: string,
  message: RecordedMessage | undefined,
  answer: (edited: RecordedMessage) => Record<string, unknown>,
): Outcome {
  const target: FaultTarget = kind === 'webhook' ? { webhookId: id } : { channelId: id };
  const faulted = applyFault(state.faults.take(target), state, kind, id);
  if (faulted !== undefined && faulted !== 'hold') return faulted;
  const response = ((): PlannedResponse => {
    const limit = state.limiter.consume(kind, `${id}/messages`);
    if (!limit.allowed) {
      return json(429, { message: 'You are being rate limited.', retry_after: Number(limit.headers['Retry-After']), global: false }, limit.headers);
    }
    const patch = parseJson(request.rawBody);
    if (patch === undefined) return json(400, { message: 'The request body contains invalid JSON.', code: 50109 }, limit.headers);
    if (message === undefined) return json(404, UNKNOWN_MESSAGE, limit.headers);
    const merged = mergePatch(message.body, patch);
    const invalid = validateMessageBody(merged, { checkNonce: false });
    if (invalid) return json(400, invalid, limit.headers);
    state.store.editMessage(message, merged);
    return json(200, answer(message), limit.headers);
  })();
  return faulted === 'hold' ? { action: 'hold', response } : respond(response);
}

/** `/webhooks/:id/:token/messages/:messageId`: a message this webhook posted (in the thread named by `thread_id`). */
export function webhookMessageRoute(state: FakeState, request: DiscordRequest, id: string, token: string, messageId: string): Outcome {
  const webhook = webhookGate(state, id, token);
  if ('action' in webhook) return webhook;
  const threadId = request.query.get('thread_id') ?? undefined;
  const recorded = state.store.findMessage(messageId);
  const message = recorded?.webhookId === webhook.id && recorded.deletedAt === undefined && recorded.threadId === threadId ? recorded : undefined;
  switch (request.method) {
    case 'GET':
      return respond(message ? json(200, messageObject(message, webhook)) : json(404, UNKNOWN_MESSAGE));
    case 'DELETE':
      if (!message) return respond(json(404, UNKNOWN_MESSAGE));
      message.deletedAt = Date.now();
      return respond({ status: 204, headers: {} });
    case 'PATCH':
      return editFlow(state, request, 'webhook', webhook.id, message, (edited) => messageObject(edited, webhook));
    default:
      return respond(json(405, { message: '405: Method Not Allowed', code: 0 }));
  }
}

/** `PATCH /channels/:id/messages/:id`: the bot edits one of its own messages. */
export function channelMessageEdit(state: FakeState, request: DiscordRequest, channelId: string, messageId: string): Outcome {
  if (!/^Bot \S+/.test(request.authorization ?? '')) return respond(json(401, { message: '401: Unauthorized', code: 0 }));
  const sticky = applySticky(state, 'channel', channelId);
  if (sticky) return sticky;
  const permanent = state.faults.permanentStatus({ channelId });
  if (permanent !== undefined) return respond(json(permanent, defaultBody(permanent, 'channel')));
  if (!state.store.channels.has(channelId)) return respond(json(404, defaultBody(404, 'channel')));
  const recorded = state.store.findMessage(messageId);
  const visible = recorded?.channelId === channelId && recorded.deletedAt === undefined && recorded.ephemeral !== true ? recorded : undefined;
  // Members' messages and webhook posts exist but are not the bot's to edit.
  if (visible && visible.authorId !== state.guild.bot.id) {
    return respond(json(403, OTHER_AUTHOR));
  }
  return editFlow(state, request, 'channel', channelId, visible, (edited) => botMessageObject(state, edited));
}

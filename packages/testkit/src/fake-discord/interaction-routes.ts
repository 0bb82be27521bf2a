/**
 * Interaction callbacks and the interaction webhook (@original edits, follow-ups), with Discord's
 * rules: one callback per interaction, within the deadline; the token works for 15 minutes.
 */
import { InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { botUserObject, userObject } from './guild-objects.js';
import { findGuildUser } from './guild.js';
import { json, type PlannedResponse } from './http.js';
import { historyMessageObject } from './history-objects.js';
import { updatesMessage, type FakeInteraction } from './interactions.js';
import { mergePatch } from './message-edits.js';
import { messageObject, type MessageContext } from './message-object.js';
import type { DiscordRequest, FakeState } from './routes.js';
import { snowflake } from './snowflake.js';
import type { RecordedMessage } from './types.js';
import { asObject, validateMessageBody } from './validate.js';

export const UNKNOWN_INTERACTION = { message: 'Unknown interaction', code: 10062 };
export const ALREADY_ACKNOWLEDGED = { message: 'Interaction has already been acknowledged.', code: 40060 };
const UNKNOWN_MESSAGE = { message: 'Unknown Message', code: 10008 };
const UNKNOWN_WEBHOOK = { message: 'Unknown Webhook', code: 10015 };
const INVALID_TOKEN = { message: 'Invalid Webhook Token', code: 50027 };
const INVALID_JSON = { message: 'The request body contains invalid JSON.', code: 50109 };

function parseBody(raw: string): Record<string, unknown> | undefined {
  try {
    return asObject(JSON.parse(raw));
  } catch {
    return undefined;
  }
}

function invalidType(type: unknown): PlannedResponse {
  return json(400, {
    code: 50035,
    message: 'Invalid Form Body',
    errors: { type: { _errors: [{ code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: `Interaction response type ${String(type)} is not valid for this interaction` }] } },
  });
}

export function interactionContext(state: FakeState, interaction: FakeInteraction): MessageContext {
  const user = findGuildUser(state.guild, interaction.userId);
  return {
    bot: botUserObject(state.guild),
    guildId: interaction.guildId,
    interaction: {
      id: interaction.id,
      applicationId: interaction.applicationId,
      user: user ? userObject(state.guild, user) : { id: interaction.userId, username: 'unknown', discriminator: '0', global_name: null, avatar: null },
      type: interaction.type,
    },
  };
}

function recordInteractionMessage(state: FakeState, interaction: FakeInteraction, body: Record<string, unknown>, ephemeral: boolean): RecordedMessage {
  return state.store.addMessage({
    id: snowflake(),
    channelId: interaction.channelId,
    content: typeof body.content === 'string' ? body.content : '',
    embeds: Array.isArray(body.embeds) ? body.embeds : [],
    createdAt: Date.now(),
    body,
    authorId: state.guild.bot.id,
    interactionId: interaction.id,
    ephemeral,
  });
}

/** A body error in Discord's shape, nested under `data` for callbacks. */
function checkMessage(body: Record<string, unknown>, nestUnder?: string): PlannedResponse | undefined {
  const invalid = validateMessageBody(body, { checkNonce: false });
  if (invalid === undefined) return undefined;
  if (nestUnder !== undefined && invalid.errors) return json(400, { ...invalid, errors: { [nestUnder]: invalid.errors } });
  return json(400, invalid);
}

/** `POST /interactions/:id/:token/callback` */
export function interactionCallback(state: FakeState, request: DiscordRequest, id: string, token: string): PlannedResponse {
  if (request.method !== 'POST') return json(405, { message: '405: Method Not Allowed', code: 0 });
  const interaction = state.interactions.get(id);
  if (interaction === undefined || interaction.token !== token) return json(404, UNKNOWN_INTERACTION);
  if (interaction.acknowledgedAt !== undefined) return json(400, ALREADY_ACKNOWLEDGED);
  const now = Date.now();
  // Discord forgets interactions not acknowledged in time; the user saw "The application did not respond".
  if (now - interaction.dispatchedAt > state.options.interactionDeadlineMs) return json(404, UNKNOWN_INTERACTION);
  const body = parseBody(request.rawBody);
  if (body === undefined) return json(400, INVALID_JSON);
  const data = asObject(body.data) ?? {};
  const flags = typeof data.flags === 'number' ? data.flags : 0;

  switch (body.type) {
    case InteractionResponseType.ChannelMessageWithSource: {
      if (interaction.type === 4) return invalidType(body.type);
      const invalid = checkMessage(data, 'data');
      if (invalid) return invalid;
      acknowledge(interaction, InteractionResponseType.ChannelMessageWithSource, flags, now);
      state.interactions.setOriginal(interaction, recordInteractionMessage(state, interaction, data, interaction.ephemeral));
      break;
    }
    case InteractionResponseType.DeferredChannelMessageWithSource:
      if (interaction.type === 4) return invalidType(body.type);
      acknowledge(interaction, InteractionResponseType.DeferredChannelMessageWithSource, flags, now);
      break;
    case InteractionResponseType.DeferredMessageUpdate:
    case InteractionResponseType.UpdateMessage: {
      const refused = updateClickedMessage(state, interaction, body.type, data, now);
      if (refused) return refused;
      break;
    }
    case InteractionResponseType.ApplicationCommandAutocompleteResult: {
      if (interaction.type !== 4) return invalidType(body.type);
      const choices = Array.isArray(data.choices) ? data.choices : undefined;
      if (choices === undefined || choices.length > 25) {
        return json(400, { code: 50035, message: 'Invalid Form Body', errors: { data: { choices: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' }] } } } });
      }
      acknowledge(interaction, InteractionResponseType.ApplicationCommandAutocompleteResult, 0, now);
      state.interactions.setAutocompleteChoices(interaction, choices as never);
      break;
    }
    case InteractionResponseType.Modal:
      if (interaction.type === 4) return invalidType(body.type);
      acknowledge(interaction, InteractionResponseType.Modal, 0, now);
      break;
    default:
      return invalidType(body.type);
  }
  if (request.query.get('with_response') !== 'true') return { status: 204, headers: {} };
  return json(200, callbackResponse(state, interaction));
}

/**
 * Callbacks 6 (DEFERRED_UPDATE_MESSAGE) and 7 (UPDATE_MESSAGE), for button clicks only: 7 edits the
 * clicked message in place with `data` (merged like a PATCH), and that message becomes @original.
 */
function updateClickedMessage(state: FakeState, interaction: FakeInteraction, type: 6 | 7, data: Record<string, unknown>, now: number): PlannedResponse | undefined {
  if (interaction.type !== 3) return invalidType(type);
  const clicked = clickedMessage(state, interaction);
  if (clicked === undefined) return json(404, UNKNOWN_MESSAGE);
  if (type === InteractionResponseType.UpdateMessage) {
    const merged = mergePatch(clicked.body, data);
    const invalid = checkMessage(merged, 'data');
    if (invalid) return invalid;
    acknowledge(interaction, type, clicked.ephemeral === true ? MessageFlags.Ephemeral : 0, now);
    state.store.editMessage(clicked, merged, now);
    state.interactions.setOriginal(interaction, clicked);
    return undefined;
  }
  acknowledge(interaction, type, clicked.ephemeral === true ? MessageFlags.Ephemeral : 0, now);
  return undefined;
}

/** The message whose button was clicked, while it exists. */
function clickedMessage(state: FakeState, interaction: FakeInteraction): RecordedMessage | undefined {
  const message = interaction.messageId === undefined ? undefined : state.store.findMessage(interaction.messageId);
  return message?.deletedAt === undefined ? message : undefined;
}

function acknowledge(interaction: FakeInteraction, callbackType: number, flags: number, now: number): void {
  interaction.acknowledgedAt = now;
  interaction.callbackType = callbackType;
  interaction.ephemeral = (flags & MessageFlags.Ephemeral) !== 0;
}

function callbackResponse(state: FakeState, interaction: FakeInteraction): Record<string, unknown> {
  const message = interaction.original;
  const deferred = interaction.callbackType === InteractionResponseType.DeferredChannelMessageWithSource;
  return {
    interaction: {
      id: interaction.id,
      type: interaction.type,
      ...(message && { response_message_id: message.id }),
      response_message_loading: deferred,
      response_message_ephemeral: interaction.ephemeral,
    },
    resource: {
      type: interaction.callbackType,
      ...(message && { message: messageObject(message, undefined, interactionContext(state, interaction)) }),
    },
  };
}

/** The interaction a webhook token belongs to, or undefined when the path is an ordinary webhook. */
export function interactionForWebhook(state: FakeState, applicationId: string, token: string): FakeInteraction | undefined {
  const interaction = state.interactions.byToken(token);
  return interaction?.applicationId === applicationId ? interaction : undefined;
}

/** `/webhooks/:appId/:token[/messages/:messageId]` for an interaction token. */
export function interactionWebhook(state: FakeState, request: DiscordRequest, interaction: FakeInteraction, messageId: string | undefined): PlannedResponse {
  if (Date.now() - interaction.dispatchedAt >= state.options.interactionTokenTtlMs) return json(401, INVALID_TOKEN);
  // Before the first callback the interaction's webhook does not exist yet.
  if (interaction.acknowledgedAt === undefined) return json(404, UNKNOWN_WEBHOOK);
  const context = interactionContext(state, interaction);

  if (messageId === undefined) {
    if (request.method !== 'POST') return json(405, { message: '405: Method Not Allowed', code: 0 });
    const body = parseBody(request.rawBody);
    if (body === undefined) return json(400, INVALID_JSON);
    const invalid = checkMessage(body);
    if (invalid) return invalid;
    const flags = typeof body.flags === 'number' ? body.flags : 0;
    const message = recordInteractionMessage(state, interaction, body, (flags & MessageFlags.Ephemeral) !== 0);
    if (request.query.get('wait') !== 'true') return { status: 204, headers: {} };
    return json(200, messageObject(message, undefined, context));
  }

  const isOriginal = messageId === '@original';
  // After a button's update callback (6 or 7), @original is the clicked message.
  const updates = isOriginal && updatesMessage(interaction);
  const existing = updates ? clickedMessage(state, interaction) : isOriginal ? interaction.original : state.store.findMessage(messageId);
  const message = existing !== undefined && existing.deletedAt === undefined && (updates || existing.interactionId === interaction.id) ? existing : undefined;
  const answer = (m: RecordedMessage): Record<string, unknown> => (updates ? historyMessageObject(state, m) : messageObject(m, undefined, context));
  switch (request.method) {
    case 'GET':
      return message ? json(200, answer(message)) : json(404, UNKNOWN_MESSAGE);
    case 'DELETE':
      if (!message) return json(404, UNKNOWN_MESSAGE);
      message.deletedAt = Date.now();
      return { status: 204, headers: {} };
    case 'PATCH': {
      const patch = parseBody(request.rawBody);
      if (patch === undefined) return json(400, INVALID_JSON);
      // After a deferral, the first @original edit is the reply itself.
      if (message === undefined && isOriginal && !updates && interaction.original === undefined) {
        const invalid = checkMessage(patch);
        if (invalid) return invalid;
        const created = recordInteractionMessage(state, interaction, patch, interaction.ephemeral);
        state.interactions.setOriginal(interaction, created);
        return json(200, messageObject(created, undefined, context));
      }
      if (message === undefined) return json(404, UNKNOWN_MESSAGE);
      const merged = mergePatch(message.body, patch);
      const invalid = checkMessage(merged);
      if (invalid) return invalid;
      state.store.editMessage(message, merged);
      // After DEFERRED_UPDATE_MESSAGE, the first edit of the clicked message is the answer.
      if (interaction.original === undefined) state.interactions.setOriginal(interaction, message);
      return json(200, answer(message));
    }
    default:
      return json(405, { message: '405: Method Not Allowed', code: 0 });
  }
}

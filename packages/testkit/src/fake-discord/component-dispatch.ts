/**
 * A member clicks a button on a message: INTERACTION_CREATE type 3 (MESSAGE_COMPONENT) with
 * `data { custom_id, component_type: 2 }` and the clicked `message`, like Discord
 * (https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object).
 */
import { ComponentType, GatewayDispatchEvents, InteractionType } from 'discord-api-types/v10';
import { CommandInputError } from './command-input.js';
import { findButton } from './components.js';
import type { FakeGuildUser } from './guild.js';
import { historyMessageObject } from './history-objects.js';
import { interactionEnvelope } from './interaction-payload.js';
import type { FakeState } from './routes.js';

export interface ClickButtonInput {
  /** The message carrying the button (a bot message, interaction reply or follow-up). */
  messageId: string;
  customId: string;
  /** The clicking member's id, key ('member') or username. */
  userId: string;
}

/**
 * Dispatches the click of `user` (a member) and returns the interaction's id. Throws CommandInputError
 * when the message is unknown, deleted, not in the guild, ephemeral and not the clicker's, or has no
 * enabled interactive button with that custom_id (link buttons only open their URL).
 */
export function clickButton(state: FakeState, user: FakeGuildUser, input: ClickButtonInput): { interactionId: string } {
  const { guild, store, interactions } = state;
  const message = store.findMessage(input.messageId);
  if (message === undefined || message.deletedAt !== undefined) throw new CommandInputError(`no message ${input.messageId} to click on`);
  if (store.channels.get(message.channelId)?.guildId !== guild.id) throw new CommandInputError(`message ${input.messageId} is not in the fake guild`);
  if (message.ephemeral === true) {
    const owner = message.interactionId === undefined ? undefined : interactions.get(message.interactionId)?.userId;
    if (owner !== user.id) throw new CommandInputError(`message ${input.messageId} is ephemeral: only its recipient can click on it`);
  }
  const button = findButton(message.body, input.customId);
  if (button === undefined) {
    throw new CommandInputError(`message ${input.messageId} has no button with custom_id ${JSON.stringify(input.customId)}`);
  }
  if (button.disabled === true) throw new CommandInputError(`button ${input.customId} is disabled`);
  if (button.style === 5 || button.style === 6) throw new CommandInputError(`button ${input.customId} is a link or premium button: clicking it sends no interaction`);
  const interaction = interactions.create({
    applicationId: guild.applicationId,
    type: InteractionType.MessageComponent,
    commandName: input.customId,
    userId: user.id,
    channelId: message.channelId,
    guildId: guild.id,
    messageId: message.id,
  });
  const payload = {
    ...interactionEnvelope(state, interaction, user),
    data: { custom_id: input.customId, component_type: ComponentType.Button },
    message: historyMessageObject(state, message),
  };
  state.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, () => payload);
  return { interactionId: interaction.id };
}

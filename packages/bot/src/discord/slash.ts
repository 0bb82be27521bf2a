import {
  MessageFlags,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type RepliableInteraction,
  type GuildMember,
  type APIInteractionGuildMember,
} from 'discord.js';
import { truncate } from '@herald/discord/text';
import type { Logger } from '@herald/logging';
import type { Command } from '../command.js';
import type { Dispatcher, Responder, SentMessage } from '../dispatch.js';
import type { OptionPrimitive, ParsedOptions } from '../options.js';
import type { CommandRegistry } from '../registry.js';
import { messageOptions } from './messages.js';

export const OUT_OF_DATE = "This command's options have changed; run the register command to update the bot's commands.";

/** Reads each declared option with the getter of its kind; undefined for options the user left out. */
export function readInteractionOptions(command: Command<never>, interaction: ChatInputCommandInteraction): ParsedOptions {
  const { options } = interaction;
  const values: Array<[string, OptionPrimitive | undefined]> = Object.entries(command.options).map(([name, option]) => {
    switch (option.kind) {
      case 'string':
        return [name, options.getString(name) ?? undefined];
      case 'integer':
        return [name, options.getInteger(name) ?? undefined];
      case 'number':
        return [name, options.getNumber(name) ?? undefined];
      case 'boolean':
        return [name, options.getBoolean(name) ?? undefined];
      case 'user':
        return [name, options.getUser(name)?.id];
      case 'role':
        return [name, options.getRole(name)?.id];
    }
  });
  return Object.fromEntries(values);
}

export function interactionResponder(interaction: ChatInputCommandInteraction): Responder {
  return {
    async defer(ephemeral) {
      if (interaction.deferred || interaction.replied) return;
      await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    },
    async reply(message) {
      const options = messageOptions(message);
      if (interaction.deferred || interaction.replied) await interaction.editReply(options);
      else await interaction.reply(message.ephemeral ? { ...options, flags: MessageFlags.Ephemeral } : options);
      return editableReply(interaction, '@original');
    },
    async followUp(message) {
      const options = messageOptions(message);
      const sent = await interaction.followUp(message.ephemeral ? { ...options, flags: MessageFlags.Ephemeral } : options);
      return editableReply(interaction, sent.id);
    },
  };
}

/** A reply or follow-up of an interaction, edited through the interaction's webhook (valid 15 minutes). */
export function editableReply(interaction: RepliableInteraction, message: string): SentMessage {
  return {
    async edit(reply) {
      await interaction.editReply({ ...messageOptions(reply, { clearButtons: true }), message });
    },
  };
}

export function memberRoleIds(member: GuildMember | APIInteractionGuildMember | null): string[] {
  if (!member) return [];
  return Array.isArray(member.roles) ? [...member.roles] : [...member.roles.cache.keys()];
}

export async function handleChatInput(
  interaction: ChatInputCommandInteraction,
  registry: CommandRegistry<never>,
  dispatcher: Dispatcher,
  logger: Logger,
): Promise<void> {
  const responder = interactionResponder(interaction);
  const command = registry.get(interaction.commandName);
  let options: ParsedOptions = {};
  if (command) {
    try {
      options = readInteractionOptions(command, interaction);
    } catch (err) {
      // Discord sent options of another type than declared: the registered commands are stale.
      logger.warn({ err, command: command.name }, 'slash command options do not match the definition');
    }
    const missing = Object.entries(command.options).some(([name, option]) => option.required === true && options[name] === undefined);
    if (missing) {
      await responder.reply({ content: OUT_OF_DATE, embeds: [], ephemeral: true, allowedMentions: { parse: [] } });
      return;
    }
  }
  const guild = interaction.guild ?? (interaction.guildId ? await interaction.client.guilds.fetch(interaction.guildId).catch(() => null) : null);
  await dispatcher.dispatch(
    {
      via: 'slash',
      commandName: interaction.commandName,
      options,
      user: { id: interaction.user.id, username: interaction.user.username, bot: interaction.user.bot },
      memberRoleIds: memberRoleIds(interaction.member),
      guildOwnerId: guild?.ownerId ?? null,
      channelId: interaction.channelId,
      guildId: interaction.guildId,
    },
    responder,
  );
}

export async function handleAutocomplete<D>(interaction: AutocompleteInteraction, registry: CommandRegistry<D>, deps: D, logger: Logger): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const options = registry.get(interaction.commandName)?.options;
  const option = options && Object.hasOwn(options, focused.name) ? options[focused.name] : undefined;
  const autocomplete = option && 'autocomplete' in option ? option.autocomplete : undefined;
  try {
    const choices = autocomplete
      ? await autocomplete(
          { deps, userId: interaction.user.id, guildId: interaction.guildId, channelId: interaction.channelId ?? '' },
          String(focused.value),
        )
      : [];
    // Discord allows 25 choices of up to 100 characters.
    await interaction.respond(choices.slice(0, 25).map((c) => ({ name: truncate(c.name, 100), value: c.value })));
  } catch (err) {
    logger.warn({ err, command: interaction.commandName, option: focused.name }, 'autocomplete failed');
    await interaction.respond([]).catch(() => undefined);
  }
}

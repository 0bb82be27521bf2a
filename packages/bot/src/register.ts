import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  Routes,
  type APIApplication,
  type APIApplicationCommandBasicOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPutAPIApplicationCommandsResult,
} from 'discord-api-types/v10';
import type { CommandInfo } from './command.js';
import type { OptionDef } from './options.js';
import type { CommandRegistry } from './registry.js';

export type CommandScope = 'guild' | 'global';

/** The subset of @discordjs/rest's `REST` used here (a `REST` instance fits). */
export interface RestLike {
  get(route: `/${string}`): Promise<unknown>;
  put(route: `/${string}`, options: { body: unknown }): Promise<unknown>;
}

/**
 * The slash command payloads. Global commands are limited to guilds (`contexts`), since privileged
 * commands depend on a guild's owner and roles; guild commands are guild-only by nature.
 * The result is a `RESTPutAPIApplicationCommandsJSONBody`, typed more precisely as chat-input commands.
 */
export function commandPayloads(
  registry: CommandRegistry<never>,
  options: { scope?: CommandScope } = {},
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return registry.commands.map((command) => ({
    type: ApplicationCommandType.ChatInput,
    name: command.name,
    description: command.description,
    options: Object.entries(command.options).map(([name, option]) => optionPayload(registry, command, name, option)),
    ...(options.scope === 'global' ? { contexts: [InteractionContextType.Guild] } : {}),
  }));
}

function optionPayload(registry: CommandRegistry<never>, command: CommandInfo, name: string, option: OptionDef): APIApplicationCommandBasicOption {
  const base = { name, description: option.description, required: option.required === true };
  switch (option.kind) {
    case 'string': {
      const choices = registry.choices(command.name, name);
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        ...(choices ? { choices: choices.map((c) => ({ name: c.name, value: String(c.value) })) } : {}),
        ...(option.autocomplete ? { autocomplete: true } : {}),
        ...(option.minLength === undefined ? {} : { min_length: option.minLength }),
        ...(option.maxLength === undefined ? {} : { max_length: option.maxLength }),
      } as APIApplicationCommandBasicOption;
    }
    case 'integer':
    case 'number': {
      const choices = registry.choices(command.name, name);
      return {
        ...base,
        type: option.kind === 'integer' ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.Number,
        ...(choices ? { choices: choices.map((c) => ({ name: c.name, value: Number(c.value) })) } : {}),
        ...(option.autocomplete ? { autocomplete: true } : {}),
        ...(option.min === undefined ? {} : { min_value: option.min }),
        ...(option.max === undefined ? {} : { max_value: option.max }),
      } as APIApplicationCommandBasicOption;
    }
    case 'boolean':
      return { ...base, type: ApplicationCommandOptionType.Boolean };
    case 'user':
      return { ...base, type: ApplicationCommandOptionType.User };
    case 'role':
      return { ...base, type: ApplicationCommandOptionType.Role };
  }
}

export interface RegisterCommandsOptions {
  readonly rest: RestLike;
  /** Read from `GET /applications/@me` when not given. */
  readonly applicationId?: string;
  /** Guild commands update at once; global ones are for production. */
  readonly guildId?: string;
  readonly registry: CommandRegistry<never>;
}

export interface RegisterCommandsResult {
  readonly scope: CommandScope;
  readonly count: number;
  readonly applicationId: string;
}

/** Replaces the application's commands (bulk overwrite), in one guild or globally. */
export async function registerCommands(options: RegisterCommandsOptions): Promise<RegisterCommandsResult> {
  const applicationId = options.applicationId ?? ((await options.rest.get(Routes.currentApplication())) as APIApplication).id;
  const scope: CommandScope = options.guildId === undefined ? 'global' : 'guild';
  const route = options.guildId === undefined ? Routes.applicationCommands(applicationId) : Routes.applicationGuildCommands(applicationId, options.guildId);
  const body = commandPayloads(options.registry, { scope });
  const result = (await options.rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult;
  return { scope, count: Array.isArray(result) ? result.length : body.length, applicationId };
}

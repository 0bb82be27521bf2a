/** Registered application commands, global and per guild, as Discord stores them. */
import { ApplicationCommandType, type APIApplicationCommand } from 'discord-api-types/v10';
import { snowflake } from './snowflake.js';

function clone<T>(value: T): T {
  return structuredClone(value);
}

export class ApplicationCommandRegistry {
  #global: APIApplicationCommand[] = [];
  readonly #byGuild = new Map<string, APIApplicationCommand[]>();

  /** Global commands, or a guild's own commands (not the global ones) when `guildId` is given. */
  list(guildId?: string): APIApplicationCommand[] {
    return clone(guildId === undefined ? this.#global : (this.#byGuild.get(guildId) ?? []));
  }

  /** The command a user in `guildId` invokes by this name: the guild's own first, then the global one. */
  find(name: string, guildId: string, type: number = ApplicationCommandType.ChatInput): APIApplicationCommand | undefined {
    const match = (c: APIApplicationCommand): boolean => c.name === name && c.type === type;
    const found = (this.#byGuild.get(guildId) ?? []).find(match) ?? this.#global.find(match);
    return found && clone(found);
  }

  /** Bulk overwrite: same name and type keep their id (as on Discord); everything else is replaced. */
  overwrite(applicationId: string, guildId: string | undefined, definitions: Record<string, unknown>[]): APIApplicationCommand[] {
    const previous = guildId === undefined ? this.#global : (this.#byGuild.get(guildId) ?? []);
    const next = definitions.map((definition) => {
      const type = typeof definition.type === 'number' ? definition.type : ApplicationCommandType.ChatInput;
      const existing = previous.find((c) => c.name === definition.name && c.type === type);
      return this.#build(applicationId, guildId, definition, existing?.id);
    });
    this.#set(guildId, next);
    return clone(next);
  }

  /** POST: creates the command, or replaces the one with the same name and type. */
  upsert(applicationId: string, guildId: string | undefined, definition: Record<string, unknown>): { command: APIApplicationCommand; created: boolean } {
    const list = guildId === undefined ? this.#global : (this.#byGuild.get(guildId) ?? []);
    const type = typeof definition.type === 'number' ? definition.type : ApplicationCommandType.ChatInput;
    const existing = list.find((c) => c.name === definition.name && c.type === type);
    const command = this.#build(applicationId, guildId, definition, existing?.id);
    this.#set(guildId, [...list.filter((c) => c !== existing), command]);
    return { command: clone(command), created: existing === undefined };
  }

  get(guildId: string | undefined, id: string): APIApplicationCommand | undefined {
    const found = this.#listOf(guildId).find((c) => c.id === id);
    return found && clone(found);
  }

  edit(applicationId: string, guildId: string | undefined, id: string, patch: Record<string, unknown>): APIApplicationCommand | undefined {
    const list = this.#listOf(guildId);
    const existing = list.find((c) => c.id === id);
    if (existing === undefined) return undefined;
    const command = this.#build(applicationId, guildId, { ...existing, ...patch }, id);
    this.#set(guildId, list.map((c) => (c === existing ? command : c)));
    return clone(command);
  }

  delete(guildId: string | undefined, id: string): boolean {
    const list = this.#listOf(guildId);
    const next = list.filter((c) => c.id !== id);
    this.#set(guildId, next);
    return next.length !== list.length;
  }

  #listOf(guildId: string | undefined): APIApplicationCommand[] {
    return guildId === undefined ? this.#global : (this.#byGuild.get(guildId) ?? []);
  }

  #set(guildId: string | undefined, commands: APIApplicationCommand[]): void {
    if (guildId === undefined) this.#global = commands;
    else this.#byGuild.set(guildId, commands);
  }

  #build(applicationId: string, guildId: string | undefined, definition: Record<string, unknown>, id: string | undefined): APIApplicationCommand {
    const type = typeof definition.type === 'number' ? definition.type : ApplicationCommandType.ChatInput;
    const permissions = definition.default_member_permissions;
    return {
      ...(clone(definition) as Partial<APIApplicationCommand>),
      id: id ?? snowflake(),
      application_id: applicationId,
      version: snowflake(),
      type,
      name: String(definition.name),
      description: typeof definition.description === 'string' ? definition.description : '',
      default_member_permissions: typeof permissions === 'string' ? permissions : null,
      nsfw: definition.nsfw === true,
      ...(guildId !== undefined && { guild_id: guildId }),
    } as APIApplicationCommand;
  }
}

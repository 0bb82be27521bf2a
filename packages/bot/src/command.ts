import type { APIEmbed } from 'discord-api-types/v10';
import type { Logger } from '@herald/logging';
import type { Choice, OptionDefs, OptionValues, ParsedOptions } from './options.js';

export type Permission = 'everyone' | 'privileged';
export type InvocationStyle = 'slash' | 'prefix';

export interface InvocationUser {
  readonly id: string;
  readonly username: string;
  /** Messages and interactions from bots (ourselves included) are ignored. */
  readonly bot?: boolean;
}

/** Read-only view of the registry that commands (e.g. `help`) may inspect. */
export interface CommandCatalog {
  readonly commands: readonly CommandInfo[];
  get(name: string): CommandInfo | undefined;
  /** Did-you-mean: the closest command name (edit distance ≤ 2, or a unique prefix). */
  suggest(name: string): string | undefined;
  /** The option's choices with registry-computed choices resolved. */
  choices(commandName: string, optionName: string): readonly Choice[] | undefined;
}

export interface CommandContext<D> {
  readonly deps: D;
  readonly via: InvocationStyle;
  /** The configured prefix, for usage text in prefix style. */
  readonly prefix: string;
  readonly user: InvocationUser;
  readonly guildId: string | null;
  readonly channelId: string;
  /** Whether the caller may use privileged commands. */
  readonly privileged: boolean;
  readonly privilegedRoleId: string | undefined;
  readonly catalog: CommandCatalog;
  readonly logger: Logger;
}

export interface CommandReply {
  readonly content?: string;
  readonly embeds?: readonly APIEmbed[];
  /** Slash only: visible to the caller alone. Defaults to the command's `ephemeral`. */
  readonly ephemeral?: boolean;
  /** Replies never ping; list the users/roles a reply explicitly should ping. */
  readonly mentions?: { readonly users?: readonly string[]; readonly roles?: readonly string[] };
}

/**
 * What a command answers: one message, or several in order (the first is the reply, the others
 * follow it: follow-ups of a slash interaction, further channel messages for a prefix command).
 * Several messages are for lists longer than one message holds (e.g. the IBC `data` command);
 * each message must fit Discord's limits itself (content is cut at 2000 characters, embeds at 10).
 */
export type CommandResult = string | CommandReply | readonly (string | CommandReply)[];

/** The metadata of a command, without its handler. */
export interface CommandInfo {
  readonly name: string;
  readonly description: string;
  readonly permission: Permission;
  readonly options: OptionDefs;
  /** Known to be slow: defer at once instead of after `deferAfterMs`. */
  readonly slow: boolean;
  /** Slash replies are ephemeral by default. */
  readonly ephemeral: boolean;
}

/** A command with its option types erased, as the registry and dispatcher hold it. */
export interface Command<D = unknown> extends CommandInfo {
  readonly options: OptionDefs<D>;
  readonly run: (ctx: CommandContext<D>, options: ParsedOptions) => Promise<CommandResult>;
}

export interface CommandDefinition<D, Os extends OptionDefs<D>> {
  readonly name: string;
  readonly description: string;
  readonly permission: Permission;
  readonly options?: Os;
  readonly slow?: boolean;
  readonly ephemeral?: boolean;
  run(ctx: CommandContext<D>, options: OptionValues<Os>): Promise<CommandResult>;
}

/**
 * Declares a command. The deps type is inferred from `run`'s annotated context, e.g.
 * `async run(ctx: CommandContext<StatusDeps>, options) {…}`; option types come from `options`.
 * Use {@link commandsFor} to fix the deps type up front: then autocomplete handlers are typed too
 * (with `defineCommand`, annotate their context: `autocomplete(ctx: AutocompleteContext<Deps>, partial)`).
 */
export function defineCommand<D, const Os extends OptionDefs<D>>(definition: CommandDefinition<D, Os>): Command<D> {
  const run = definition.run.bind(definition);
  return {
    name: definition.name,
    description: definition.description,
    permission: definition.permission,
    options: definition.options ?? {},
    slow: definition.slow ?? false,
    ephemeral: definition.ephemeral ?? false,
    // The parser and the interaction reader produce values checked against `options`, so the cast holds.
    run: (ctx, options) => run(ctx, options as OptionValues<Os>),
  };
}

/** `const define = commandsFor<AppDeps>(); export const ping = define({…})` — deps typed without annotations. */
export function commandsFor<D>() {
  return <const Os extends OptionDefs<D>>(definition: CommandDefinition<D, Os>): Command<D> => defineCommand<D, Os>(definition);
}

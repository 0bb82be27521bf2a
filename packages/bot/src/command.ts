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
  /** By name or prefix alias. */
  get(name: string): CommandInfo | undefined;
  /** Did-you-mean: the closest command name or word alias (edit distance ≤ 2, or a unique prefix). */
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
  /**
   * Prefix: the id of the message that invoked the command (e.g. `delete` removes the messages
   * before it); slash: undefined (an interaction has no message).
   */
  readonly messageId: string | undefined;
}

/**
 * A button under a reply that only the command's invoker may click, for commands that destroy
 * something (e.g. `purge`). The reply is shown with the button; `run` runs on the invoker's click
 * within `expiresInMs`, and the message is then replaced by its result with the button removed.
 * Others' clicks get an ephemeral "Only <@id> can confirm this."; a click after expiry (or after a
 * restart, which forgets pending confirmations) removes the button and says
 * "This confirmation expired; run the command again." A `run` that throws is logged and answered
 * with an error; the bot stays connected.
 */
export interface Confirmation {
  /** The button's label, e.g. `Purge 3 users` (Discord allows 80 characters; longer is cut). */
  readonly label: string;
  /** Default `danger` (red). */
  readonly style?: 'danger' | 'primary';
  /** How long the invoker has to click, in ms. Default 60 000 (one minute); at most 15 minutes. */
  readonly expiresInMs?: number;
  /** Does the confirmed work; its result replaces the confirmation message (further messages follow it). */
  run(): Promise<CommandResult>;
}

export interface CommandReply {
  readonly content?: string;
  readonly embeds?: readonly APIEmbed[];
  /** Slash only: visible to the caller alone. Defaults to the command's `ephemeral`. */
  readonly ephemeral?: boolean;
  /** Replies never ping; list the users/roles a reply explicitly should ping. */
  readonly mentions?: { readonly users?: readonly string[]; readonly roles?: readonly string[] };
  /** Adds a confirmation button only the invoker may click: see {@link Confirmation}. */
  readonly confirm?: Confirmation;
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
  /**
   * Extra names for prefix commands only (e.g. `separator`: `['sep', '=']`); slash commands use
   * `name` alone, since Discord's name rule forbids e.g. `=`. Help lists them; the registry refuses
   * clashes and suggests them. Word aliases follow the name rule; others (`=`) may be any
   * symbols without spaces and match only when typed exactly.
   */
  readonly aliases?: readonly string[];
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
  /** Extra prefix-command names: see {@link CommandInfo.aliases}. */
  readonly aliases?: readonly string[];
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
    aliases: definition.aliases ?? [],
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

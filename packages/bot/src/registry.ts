import type { Command, CommandCatalog } from './command.js';
import type { Choice } from './options.js';
import { suggest } from './suggest.js';
import { aliasProblems, definitionProblems, NAME_PATTERN } from './validate.js';

export class CommandDefinitionError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid command definitions:\n- ${problems.join('\n- ')}`);
    this.name = 'CommandDefinitionError';
  }
}

/**
 * The commands an app offers, checked against Discord's rules when built, so a bad definition
 * fails at start-up (and in tests) rather than when Discord rejects the registration.
 */
export class CommandRegistry<D = unknown> implements CommandCatalog {
  readonly commands: readonly Command<D>[];
  /** Names and prefix aliases. */
  private readonly byName: ReadonlyMap<string, Command<D>>;
  /** Names and word aliases: symbol aliases (`=`) are too short to be suggested sensibly. */
  private readonly suggestible: readonly string[];
  private readonly resolvedChoices = new Map<string, readonly Choice[]>();

  constructor(commands: readonly Command<D>[]) {
    this.commands = [...commands];
    const byName = new Map<string, Command<D>>();
    const problems: string[] = [];
    for (const command of commands) {
      if (byName.has(command.name)) problems.push(`command name "${command.name}" is used twice`);
      byName.set(command.name, command);
    }
    // Aliases after every name, so an alias is checked against names that come later too.
    for (const command of commands) {
      problems.push(...aliasProblems(command));
      for (const alias of command.aliases ?? []) {
        if (alias === command.name) continue;
        const owner = byName.get(alias);
        if (owner === command) problems.push(`command "${command.name}": alias "${alias}" is listed twice`);
        else if (owner?.name === alias) problems.push(`command "${command.name}": alias "${alias}" is the name of command "${owner.name}"`);
        else if (owner) problems.push(`alias "${alias}" is used by commands "${owner.name}" and "${command.name}"`);
        else byName.set(alias, command);
      }
    }
    this.byName = byName;
    this.suggestible = [...byName.keys()].filter((key) => NAME_PATTERN.test(key));
    for (const command of commands) {
      for (const [optionName, option] of Object.entries(command.options)) {
        if ((option.kind === 'string' || option.kind === 'integer' || option.kind === 'number') && option.choices) {
          const choices = typeof option.choices === 'function' ? option.choices(this) : option.choices;
          this.resolvedChoices.set(choiceKey(command.name, optionName), choices);
        }
      }
      problems.push(...definitionProblems(command, (option) => this.choices(command.name, option)));
    }
    if (problems.length > 0) throw new CommandDefinitionError(problems);
  }

  /** The command with this name or prefix alias (slash invocations only ever carry names). */
  get(name: string): Command<D> | undefined {
    return this.byName.get(name);
  }

  /** Did-you-mean over names and word aliases: returns the candidate as it is typed (`sep` for `spe`). */
  suggest(name: string): string | undefined {
    return suggest(name, this.suggestible);
  }

  choices(commandName: string, optionName: string): readonly Choice[] | undefined {
    return this.resolvedChoices.get(choiceKey(commandName, optionName));
  }
}

function choiceKey(commandName: string, optionName: string): string {
  return `${commandName}\u0000${optionName}`;
}

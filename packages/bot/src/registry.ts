import type { Command, CommandCatalog } from './command.js';
import type { Choice } from './options.js';
import { suggest } from './suggest.js';
import { definitionProblems } from './validate.js';

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
  private readonly byName: ReadonlyMap<string, Command<D>>;
  private readonly resolvedChoices = new Map<string, readonly Choice[]>();

  constructor(commands: readonly Command<D>[]) {
    this.commands = [...commands];
    const byName = new Map<string, Command<D>>();
    const problems: string[] = [];
    for (const command of commands) {
      if (byName.has(command.name)) problems.push(`command name "${command.name}" is used twice`);
      byName.set(command.name, command);
    }
    this.byName = byName;
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

  get(name: string): Command<D> | undefined {
    return this.byName.get(name);
  }

  suggest(name: string): string | undefined {
    return suggest(
      name,
      this.commands.map((c) => c.name),
    );
  }

  choices(commandName: string, optionName: string): readonly Choice[] | undefined {
    return this.resolvedChoices.get(choiceKey(commandName, optionName));
  }
}

function choiceKey(commandName: string, optionName: string): string {
  return `${commandName}\u0000${optionName}`;
}

import { describe, expect, it } from 'vitest';
import type { Command } from './command.js';
import { CommandDefinitionError, CommandRegistry } from './registry.js';
import { help } from './commands/help.js';
import { info, ping, registerWallet, separator } from './test-support.js';

function command(name: string, aliases: readonly string[]): Command {
  return { name, aliases, description: 'Does a thing.', permission: 'everyone', options: {}, slow: false, ephemeral: false, run: async () => 'ok' };
}

function problemsOf(commands: Command[]): readonly string[] {
  try {
    new CommandRegistry(commands);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(CommandDefinitionError);
    return (err as CommandDefinitionError).problems;
  }
}

describe('CommandRegistry aliases', () => {
  it('finds a command by its name or any alias, case-sensitively', () => {
    const registry = new CommandRegistry([help, ping, separator]);
    expect(registry.get('separator')).toBe(separator);
    expect(registry.get('sep')).toBe(separator);
    expect(registry.get('=')).toBe(separator);
    expect(registry.get('Sep')).toBeUndefined();
    // Slash registration and the catalogue list names only.
    expect(registry.commands.map((c) => c.name)).toEqual(['help', 'ping', 'separator']);
  });

  it('refuses an alias that clashes with a name (earlier or later), another alias or itself', () => {
    expect(problemsOf([command('sep', []), separator])).toEqual(['command "separator": alias "sep" is the name of command "sep"']);
    expect(problemsOf([separator, command('sep', [])])).toEqual(['command "separator": alias "sep" is the name of command "sep"']);
    expect(problemsOf([separator, command('split', ['='])])).toEqual(['alias "=" is used by commands "separator" and "split"']);
    expect(problemsOf([command('a', ['b', 'b'])])).toEqual(['command "a": alias "b" is listed twice']);
    expect(problemsOf([command('a', ['a'])])).toEqual(['command "a", alias "a": repeats the command\'s name']);
  });

  it('holds word aliases to the name rule, and symbol aliases to "no spaces"', () => {
    expect(problemsOf([command('a', ['Sep', 'two words', '', 'x'.repeat(33), '= =', '=', '->', '§'])])).toEqual([
      'command "a", alias "Sep": an alias must match /^[-_a-z0-9]{1,32}$/, or be 1-32 symbols without spaces',
      'command "a", alias "two words": an alias must match /^[-_a-z0-9]{1,32}$/, or be 1-32 symbols without spaces',
      'command "a", alias "": an alias must match /^[-_a-z0-9]{1,32}$/, or be 1-32 symbols without spaces',
      `command "a", alias "${'x'.repeat(33)}": an alias must match /^[-_a-z0-9]{1,32}$/, or be 1-32 symbols without spaces`,
      'command "a", alias "= =": an alias must match /^[-_a-z0-9]{1,32}$/, or be 1-32 symbols without spaces',
    ]);
  });

  it('suggests word aliases as typed, never symbol ones', () => {
    const registry = new CommandRegistry([help, ping, registerWallet, info, separator]);
    expect(registry.suggest('spe')).toBe('sep');
    expect(registry.suggest('seperator')).toBe('separator');
    // One edit from "=", but a symbol alias is no sensible suggestion for a typed word.
    expect(registry.suggest('a')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { defineCommand, type Command } from './command.js';
import type { OptionDefs } from './options.js';
import { CommandDefinitionError, CommandRegistry } from './registry.js';
import { help } from './commands/help.js';
import { info, ping, registerWallet } from './test-support.js';

function command(name: string, options: OptionDefs<unknown> = {}, description = 'Does a thing.'): Command {
  return { name, description, permission: 'everyone', options, slow: false, ephemeral: false, run: async () => 'ok' };
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

describe('CommandRegistry', () => {
  it('accepts valid commands and looks them up by exact name', () => {
    const registry = new CommandRegistry([help, ping, registerWallet, info]);
    expect(registry.get('ping')).toBe(ping);
    expect(registry.get('Ping')).toBeUndefined();
    expect(registry.get('__proto__')).toBeUndefined();
  });

  it('refuses duplicate names', () => {
    expect(problemsOf([ping, ping])).toEqual(['command name "ping" is used twice']);
  });

  it.each(['Ping', 'with space', '', 'x'.repeat(33), 'émoji', '-dash'])('refuses the command name %j', (name) => {
    expect(problemsOf([command(name)])).toHaveLength(1);
  });

  it('refuses empty and over-long descriptions', () => {
    expect(problemsOf([command('a', {}, '')])[0]).toMatch(/description is empty/);
    expect(problemsOf([command('a', {}, 'x'.repeat(101))])[0]).toMatch(/101 characters \(max 100\)/);
    expect(problemsOf([command('a', {}, 'x'.repeat(100))])).toEqual([]);
  });

  it('refuses a required option after an optional one', () => {
    const problems = problemsOf([
      command('a', { first: { kind: 'string', description: 'f' }, second: { kind: 'string', description: 's', required: true } }),
    ]);
    expect(problems).toEqual(['command "a", option "second": required options must come before optional ones']);
  });

  it('refuses more than 25 choices, and choices mixed with autocomplete', () => {
    const choices = Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `c${i}` }));
    expect(problemsOf([command('a', { pick: { kind: 'string', description: 'p', choices } })])).toEqual([
      'command "a", option "pick": 26 choices (max 25)',
    ]);
    const both = command('b', {
      pick: { kind: 'string', description: 'p', choices: [{ name: 'x', value: 'x' }], autocomplete: async () => [] },
    });
    expect(problemsOf([both])).toEqual(['command "b", option "pick": choices and autocomplete cannot be combined']);
  });

  it('checks registry-computed choices too', () => {
    const many = Array.from({ length: 25 }, (_, i) => command(`c${i}`));
    expect(problemsOf([help, ...many])).toEqual(['command "help", option "command": 26 choices (max 25)']);
  });

  it('refuses rest on a non-last option, bad bounds and bad option names', () => {
    const problems = problemsOf([
      command('a', {
        text: { kind: 'string', description: 't', rest: true },
        n: { kind: 'integer', description: 'n', min: 5, max: 1 },
        f: { kind: 'integer', description: 'f', min: 0.5 },
        Bad: { kind: 'boolean', description: 'b' },
      }),
    ]);
    expect(problems).toEqual([
      'command "a", option "text": only the last option may take the rest of the line',
      'command "a", option "n": min exceeds max',
      'command "a", option "f": min must be a finite integer',
      'command "a", option "Bad": the name must match /^[-_a-z0-9]{1,32}$/',
    ]);
  });

  it('refuses all-digit option names, which would reorder the options', () => {
    expect(problemsOf([command('a', { 7: { kind: 'string', description: 's' } })])[0]).toMatch(/all-digit/);
  });

  it('collects every problem in one error', () => {
    const bad = defineCommand({ name: 'BAD', description: '', permission: 'everyone', async run() { return ''; } });
    expect(problemsOf([bad, ping, ping])).toEqual([
      'command name "ping" is used twice',
      'command "BAD": the name must match /^[-_a-z0-9]{1,32}$/',
      'command "BAD": the description is empty',
    ]);
  });

  it('suggests by edit distance or unique prefix', () => {
    const registry = new CommandRegistry([help, ping, registerWallet, info]);
    expect(registry.suggest('hlep')).toBe('help');
    expect(registry.suggest('regster')).toBe('register');
    expect(registry.suggest('reg')).toBe('register');
    expect(registry.suggest('HELP')).toBe('help');
    expect(registry.suggest('i')).toBe('info');
    expect(registry.suggest('xyzzy')).toBeUndefined();
  });
});

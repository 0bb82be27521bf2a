import type { APIApplicationCommand } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { buildCommandOptions, CommandInputError, parseCommandText, splitSlashText } from './command-input.js';
import { DemoGuild } from './guild.js';

function command(options: unknown[]): APIApplicationCommand {
  return { id: '1', application_id: '2', version: '3', type: 1, name: 'cmd', description: 'x', default_member_permissions: null, options } as APIApplicationCommand;
}

const str = (name: string, required = true, extra = {}) => ({ type: 3, name, description: 'x', required, ...extra });
const int = (name: string, required = true, extra = {}) => ({ type: 4, name, description: 'x', required, ...extra });

describe('slash command text', () => {
  it('splits the command name off', () => {
    expect(splitSlashText('  /Ping  a b ')).toEqual({ name: 'ping', rest: 'a b' });
    expect(splitSlashText('hello /ping')).toBeUndefined();
  });

  it('maps positional words in order; the last string option takes the rest', () => {
    const remind = command([int('minutes'), str('text')]);
    expect(parseCommandText(remind, '10 buy some milk')).toEqual({ options: { minutes: '10', text: 'buy some milk' } });
    // Required options after the last string option take the final words.
    const note = command([str('text'), int('minutes')]);
    expect(parseCommandText(note, 'buy some milk 10')).toEqual({ options: { text: 'buy some milk', minutes: '10' } });
    // Optional ones after it only by name.
    const say = command([str('text'), { type: 7, name: 'channel', description: 'x' }]);
    expect(parseCommandText(say, 'hello world channel:alerts')).toEqual({ options: { text: 'hello world', channel: 'alerts' } });
    expect(parseCommandText(command([int('a'), int('b')]), '"1" 2')).toEqual({ options: { a: '1', b: '2' } });
    expect(() => parseCommandText(command([int('a')]), '1 2')).toThrow(CommandInputError);
  });

  it('accepts opt:value pairs, quoted values and sub-commands', () => {
    const remind = command([int('minutes'), str('text')]);
    expect(parseCommandText(remind, 'text:"a b" minutes:5')).toEqual({ options: { text: 'a b', minutes: '5' } });
    const alerts = command([
      { type: 1, name: 'list', description: 'x' },
      { type: 2, name: 'rule', description: 'x', options: [{ type: 1, name: 'add', description: 'x', options: [str('pattern')] }] },
    ]);
    expect(parseCommandText(alerts, 'list')).toEqual({ subcommand: 'list', options: {} });
    expect(parseCommandText(alerts, 'rule add foo bar')).toEqual({ subcommand: 'rule add', options: { pattern: 'foo bar' } });
    expect(buildCommandOptions(DemoGuild, alerts, { subcommand: 'rule add', options: { pattern: 'x' } }).options).toEqual([
      { name: 'rule', type: 2, options: [{ name: 'add', type: 1, options: [{ name: 'pattern', type: 3, value: 'x' }] }] },
    ]);
    expect(() => parseCommandText(alerts, 'nope')).toThrow(/needs a sub-command: one of list, rule/);
  });
});

describe('interaction options', () => {
  it('coerces values to the registered types and resolves users, roles and channels', () => {
    const cmd = command([
      int('n'),
      { type: 10, name: 'x', description: 'x' },
      { type: 5, name: 'flag', description: 'x' },
      { type: 6, name: 'who', description: 'x' },
      { type: 8, name: 'role', description: 'x' },
      { type: 7, name: 'where', description: 'x' },
    ]);
    const { options, resolved } = buildCommandOptions(DemoGuild, cmd, {
      options: { n: '42', x: '1.5', flag: 'no', who: 'moderator', role: `<@&${DemoGuild.roles.moderator.id}>`, where: '#alerts' },
    });
    expect(options.map((o) => o.value)).toEqual([42, 1.5, false, DemoGuild.users.moderator.id, DemoGuild.roles.moderator.id, DemoGuild.channels.alerts.id]);
    expect(Object.keys(resolved.users ?? {})).toEqual([DemoGuild.users.moderator.id]);
    expect(resolved.members?.[DemoGuild.users.moderator.id]?.roles).toEqual([DemoGuild.roles.moderator.id]);
    expect(resolved.roles?.[DemoGuild.roles.moderator.id]?.name).toBe('moderator');
    expect(resolved.channels?.[DemoGuild.channels.alerts.id]).toMatchObject({ name: 'alerts', type: 0 });
  });

  it('refuses what the Discord client would not send', () => {
    const cmd = command([int('n', true, { min_value: 1, max_value: 10 }), str('level', false, { choices: [{ name: 'Low', value: 'low' }] })]);
    expect(() => buildCommandOptions(DemoGuild, cmd, { options: {} })).toThrow(/needs option n; usage: \/cmd <n> \[level\]/);
    expect(() => buildCommandOptions(DemoGuild, cmd, { options: { n: 1.5 } })).toThrow(/not an integer/);
    expect(() => buildCommandOptions(DemoGuild, cmd, { options: { n: 11 } })).toThrow(/at most 10/);
    expect(() => buildCommandOptions(DemoGuild, cmd, { options: { n: 1, level: 'high' } })).toThrow(/not one of "low"/);
    expect(() => buildCommandOptions(DemoGuild, cmd, { options: { n: 1, other: 1 } })).toThrow(/has no option other/);
    // Autocomplete sends the partial text of the focused option and skips the required check.
    expect(buildCommandOptions(DemoGuild, cmd, { options: { level: 'lo' }, focused: 'level' }).options).toEqual([
      { name: 'level', type: 3, value: 'lo', focused: true },
    ]);
  });
});

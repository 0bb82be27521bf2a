import { describe, expect, it } from 'vitest';
import { createPrefixParser, renderPrefixCommand } from './prefix.js';
import { CommandRegistry } from './registry.js';
import { help } from './commands/help.js';
import { info, MEMBER_ID, MODERATOR_ROLE_ID, ping, registerWallet, separator } from './test-support.js';

const registry = new CommandRegistry([help, ping, registerWallet, info, separator]);
const parser = createPrefixParser(registry);
const parse = (content: string) => parser.parse(content);

function errorOf(content: string): string {
  const result = parse(content);
  if (result.kind !== 'invalid') throw new Error(`expected invalid, got ${result.kind}`);
  return result.error;
}

describe('prefix parser', () => {
  it.each(['hello', '', ' !ping', '!', '!!!', '! hi', '!?', '!!ping', '!:)', '!\u200bping'])('ignores chat %j', (content) => {
    expect(parse(content)).toEqual({ kind: 'not-a-command' });
  });

  it('matches a command without arguments only on the exact content', () => {
    expect(parse('!ping')).toMatchObject({ kind: 'ok', command: ping, options: {} });
    expect(errorOf('!ping now')).toBe('`!ping` takes no arguments.');
    expect(errorOf('!ping ')).toBe('`!ping` takes no arguments.');
  });

  it('is case-sensitive about names and suggests the intended one', () => {
    expect(parse('!Ping')).toEqual({ kind: 'unknown', name: 'Ping', suggestion: 'ping' });
    expect(parse('!hlep')).toEqual({ kind: 'unknown', name: 'hlep', suggestion: 'help' });
    expect(parse('!reg x')).toEqual({ kind: 'unknown', name: 'reg', suggestion: 'register' });
    expect(parse('!weather today')).toEqual({ kind: 'unknown', name: 'weather' });
  });

  it('converts each kind', () => {
    const result = parse(`!register cosmos1abc cosmoshub-4 0.5 7 yes <@!${MEMBER_ID}> <@&${MODERATOR_ROLE_ID}>`);
    expect(result).toEqual({
      kind: 'ok',
      command: registerWallet,
      options: { wallet: 'cosmos1abc', chain: 'cosmoshub-4', threshold: 0.5, days: 7, quiet: true, owner: MEMBER_ID, team: MODERATOR_ROLE_ID },
    });
    expect(parse(`!register w osmosis-1 1e3 30 false ${MEMBER_ID} ${MODERATOR_ROLE_ID}`)).toMatchObject({
      options: { threshold: 1000, days: 30, quiet: false, owner: MEMBER_ID, team: MODERATOR_ROLE_ID },
    });
  });

  it('leaves trailing optional options undefined', () => {
    expect(parse('!register w cosmoshub-4')).toMatchObject({
      kind: 'ok',
      options: { wallet: 'w', chain: 'cosmoshub-4', threshold: undefined, days: undefined },
    });
  });

  it('refuses an empty argument from a double space with a clear error', () => {
    expect(errorOf('!register w  cosmoshub-4')).toBe('Argument 2 is empty; separate arguments with a single space.');
    expect(errorOf('!register w cosmoshub-4 ')).toBe('Argument 3 is empty; separate arguments with a single space.');
  });

  it('names missing arguments, extra arguments and bad separators', () => {
    expect(errorOf('!register w')).toBe('Missing `chain`.');
    expect(errorOf('!register w cosmoshub-4 1 1 yes 100000000000000012 100000000000000200 extra')).toBe(
      'Too many arguments: `!register` takes at most 7.',
    );
    expect(errorOf('!register\nw')).toBe('Separate `!register` and its arguments with a single space.');
  });

  it('explains bad values', () => {
    expect(errorOf('!register w cosmoshub-4 lots')).toBe('`threshold` must be a number, got `lots`.');
    expect(errorOf('!register w cosmoshub-4 -1')).toBe('`threshold` must be at least 0, got -1.');
    expect(errorOf('!register w cosmoshub-4 1 2.5')).toBe('`days` must be a whole number, got `2.5`.');
    expect(errorOf('!register w cosmoshub-4 1 31')).toBe('`days` must be at most 30, got 31.');
    expect(errorOf('!register w cosmoshub-4 1 2 maybe')).toBe('`quiet` must be true or false (or yes/no), got `maybe`.');
    expect(errorOf('!register w cosmoshub-4 1 2 no @someone')).toBe('`owner` must be a user mention or id, got `@someone`.');
    expect(errorOf(`!register w cosmoshub-4 1 2 no <@${MEMBER_ID}> <@${MEMBER_ID}>`)).toBe(
      `\`team\` must be a role mention or id, got \`<@${MEMBER_ID}>\`.`,
    );
    expect(errorOf(`!register ${'w'.repeat(91)} cosmoshub-4`)).toBe('`wallet` must be at most 90 characters, got 91.');
    expect(errorOf('!register w cosmoshub-3')).toBe(
      '`chain` must be one of: `cosmoshub-4`, `osmosis-1`; got `cosmoshub-3`. Did you mean `cosmoshub-4`?',
    );
  });

  it('gives a rest option the remaining text verbatim', () => {
    expect(parse('!info Some  User  Name ')).toMatchObject({ kind: 'ok', options: { name: 'Some  User  Name ' } });
    expect(errorOf('!info')).toBe('Missing `name`.');
    expect(errorOf('!info ')).toBe('Argument 1 is empty; separate arguments with a single space.');
  });

  it('leaves registry-computed choices to the command (help takes free text)', () => {
    expect(parse('!help regster')).toMatchObject({ kind: 'ok', command: help, options: { command: 'regster' } });
  });

  it('uses the configured prefix', () => {
    const dollar = createPrefixParser(registry, '$');
    expect(dollar.parse('$ping')).toMatchObject({ kind: 'ok' });
    expect(dollar.parse('!ping')).toEqual({ kind: 'not-a-command' });
    expect(createPrefixParser(registry, 'hey, ').parse('hey, ping')).toMatchObject({ kind: 'ok' });
    expect(() => createPrefixParser(registry, '')).toThrow(/1-5 characters/);
    expect(() => createPrefixParser(registry, 'herald')).toThrow(/1-5 characters/);
    expect(() => createPrefixParser(registry, '  ')).toThrow(/whitespace/);
  });

  it('renders options back to a line that parses the same', () => {
    const line = `!register w osmosis-1 0.25 3 true <@${MEMBER_ID}> <@&${MODERATOR_ROLE_ID}>`;
    const result = parse(line);
    if (result.kind !== 'ok') throw new Error(result.kind);
    expect(renderPrefixCommand(result.command, result.options)).toBe(line);
  });
});

describe('prefix parser with aliases', () => {
  it('runs a command by a word alias or a symbol alias', () => {
    for (const line of ['!separator', '!sep', '!=']) expect(parse(line)).toEqual({ kind: 'ok', command: separator, options: {} });
    expect(createPrefixParser(registry, '$').parse('$=')).toMatchObject({ kind: 'ok', command: separator });
  });

  it('answers extra text after a word alias like after a name, naming what was typed', () => {
    expect(errorOf('!sep extra')).toBe('`!sep` takes no arguments.');
    expect(errorOf('!separator extra')).toBe('`!separator` takes no arguments.');
  });

  it('treats a symbol alias with anything after it, and other symbols, as chat (the seed matched exactly)', () => {
    for (const chat of ['!= means not equal', '!==', '!=x', '!= ', '!=\nmore']) expect(parse(chat)).toEqual({ kind: 'not-a-command' });
  });

  it('suggests a word alias for a typo of it', () => {
    expect(parse('!spe')).toEqual({ kind: 'unknown', name: 'spe', suggestion: 'sep' });
  });
});

import { describe, expect, it } from 'vitest';
import { seededRandom } from '@herald/testkit';
import { createPrefixParser, renderPrefixCommand, type PrefixParseResult } from './prefix.js';
import { CommandRegistry } from './registry.js';
import { help } from './commands/help.js';
import { version } from './commands/version.js';
import { info, MEMBER_ID, MODERATOR_ROLE_ID, ping, registerWallet, secret } from './test-support.js';

const registry = new CommandRegistry<never>([help, version, ping, registerWallet, info, secret]);
const names = registry.commands.map((c) => c.name);

const CHAR_POOLS = [
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ' ',
  '  ',
  '!$?.,:;-_/\\`*~|<>@&#"\'()[]{}',
  '\n\t\r',
  '😀🔥👎🏳️‍🌈𝕏𝔘🀄', // astral, ZWJ sequences
  'שלום مرحبا\u202e\u202d\u200f', // RTL text and direction overrides
  '\u200b\u200c\u200d\ufeff\u00ad', // zero-width characters
  'e\u0301a\u0308\u0338', // combining marks
  '\ud800\udfff', // lone surrogates
  'ÄÖÜßéñ漢字カタカナ',
];
const ARGUMENTS = [
  'w', 'cosmos1abc', 'cosmoshub-4', 'osmosis-1', '0', '-0', '1.5', '1e3', '.5', '-2', '31', '99999999999999999999',
  'yes', 'no', 'TRUE', 'maybe', '', `<@${MEMBER_ID}>`, `<@!${MEMBER_ID}>`, `<@&${MODERATOR_ROLE_ID}>`, MODERATOR_ROLE_ID,
  '<@123>', '<@&>', '@everyone', 'help', 'NaN', 'Infinity', '0x10', '💥', 'x'.repeat(95),
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function randomText(random: () => number, maxLength: number): string {
  const length = Math.floor(random() * maxLength);
  let text = '';
  for (let i = 0; i < length; i++) {
    const pool = [...pick(random, CHAR_POOLS)];
    text += pick(random, pool);
  }
  return text;
}

/** A command name with up to two edits: what a hurried typist produces. */
function nearMiss(random: () => number): string {
  let name = pick(random, names);
  const edits = Math.floor(random() * 3);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (name.length + 1));
    const op = Math.floor(random() * 4);
    if (op === 0) name = name.slice(0, at) + pick(random, [...'abcdefghijklmnopqrstuvwxyz']) + name.slice(at);
    else if (op === 1) name = name.slice(0, at) + name.slice(at + 1);
    else if (op === 2 && at > 0) name = name.slice(0, at - 1) + (name[at] ?? '') + (name[at - 1] ?? '') + name.slice(at + 1);
    else name = name.toUpperCase();
  }
  return name;
}

function commandLine(random: () => number, prefix: string): string {
  const count = Math.floor(random() * 9);
  let line = prefix + (random() < 0.6 ? pick(random, names) : nearMiss(random));
  for (let i = 0; i < count; i++) {
    line += random() < 0.9 ? ' ' : pick(random, ['  ', '\n', '\t', '']);
    line += random() < 0.8 ? pick(random, ARGUMENTS) : randomText(random, 12);
  }
  return line;
}

function generate(random: () => number, prefix: string, index: number): string {
  if (index % 1000 === 0) return prefix + pick(random, names) + ' ' + randomText(random, 3) + 'y'.repeat(100_000);
  if (index % 1000 === 1) return prefix + 'z'.repeat(100_000);
  switch (Math.floor(random() * 8)) {
    case 0:
      return randomText(random, 40);
    case 1:
      return prefix + randomText(random, 40);
    case 2:
      return prefix.repeat(1 + Math.floor(random() * 5)) + randomText(random, 10);
    case 3:
      return pick(random, ['', ' ', '   ', prefix, `${prefix} `, `${prefix}${prefix}${prefix}`, ' '.repeat(50)]);
    default:
      return commandLine(random, prefix);
  }
}

/** Checks the shape of a result; returns the options of an `ok` for the round-trip check. */
function checkConsistent(content: string, prefix: string, result: PrefixParseResult<never>): void {
  switch (result.kind) {
    case 'not-a-command':
      expect(Object.keys(result)).toEqual(['kind']);
      return;
    case 'unknown':
      expect(result.name.length).toBeGreaterThan(0);
      expect(content.startsWith(prefix + result.name)).toBe(true);
      expect(registry.get(result.name)).toBeUndefined();
      if (result.suggestion !== undefined) expect(names).toContain(result.suggestion);
      return;
    case 'invalid':
      expect(registry.commands).toContain(result.command);
      expect(result.error.length).toBeGreaterThan(0);
      // Errors quote at most a short piece of the input, whatever its size.
      expect(result.error.length).toBeLessThan(400);
      return;
    case 'ok': {
      expect(registry.commands).toContain(result.command);
      expect(Object.keys(result.options).sort()).toEqual(Object.keys(result.command.options).sort());
      for (const [name, option] of Object.entries(result.command.options)) {
        const value = result.options[name];
        if (value === undefined) {
          expect(option.required).not.toBe(true);
          continue;
        }
        const expected = { string: 'string', integer: 'number', number: 'number', boolean: 'boolean', user: 'string', role: 'string' }[option.kind];
        expect(typeof value).toBe(expected);
      }
      const again = createPrefixParser(registry, prefix).parse(renderPrefixCommand(result.command, result.options, prefix));
      expect(again).toEqual(result);
      return;
    }
    default:
      throw new Error(`unexpected result ${JSON.stringify(result)}`);
  }
}

describe('prefix parser fuzzing', () => {
  it.each(['!', '$$', 'h!'])('never throws and always returns a consistent result (prefix %j, 4,000 inputs)', (prefix) => {
    const random = seededRandom(0xb07 + prefix.length);
    const parser = createPrefixParser(registry, prefix);
    const kinds = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const content = generate(random, prefix, i);
      let result: PrefixParseResult<never>;
      try {
        result = parser.parse(content);
      } catch (err) {
        throw new Error(`parse threw for input #${i} ${JSON.stringify(content.slice(0, 200))}: ${String(err)}`);
      }
      checkConsistent(content, prefix, result);
      kinds.set(result.kind, (kinds.get(result.kind) ?? 0) + 1);
    }
    // The generator reaches every outcome, so the checks above were all exercised.
    for (const kind of ['not-a-command', 'unknown', 'invalid', 'ok']) expect(kinds.get(kind) ?? 0).toBeGreaterThan(100);
  });
});

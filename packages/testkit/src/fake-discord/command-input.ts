/**
 * Turns what a user "types" into interaction options checked against the registered command, the
 * way the Discord client does before it sends anything: unknown options, missing required ones,
 * wrong types and values outside the choices are refused here (CommandInputError).
 */
import {
  ApplicationCommandOptionType as T,
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  type APIGuildMember,
  type APIRole,
  type APIUser,
} from 'discord-api-types/v10';
import { channelObject, partialMemberObject, roleObjectById, userObject } from './guild-objects.js';
import { findChannel, findGuildUser, findRole, permissionsOf, type FakeGuild } from './guild.js';

export type OptionValue = string | number | boolean;

export interface InteractionDataOption {
  name: string;
  type: number;
  value?: OptionValue;
  focused?: boolean;
  options?: InteractionDataOption[];
}

export interface ResolvedData {
  users?: Record<string, APIUser>;
  members?: Record<string, Omit<APIGuildMember, 'user'> & { permissions: string }>;
  roles?: Record<string, APIRole>;
  channels?: Record<string, Record<string, unknown>>;
}

export interface CommandInput {
  /** 'sub' or 'group sub' for commands with sub-commands. */
  subcommand?: string;
  options?: Record<string, OptionValue>;
  /** Autocomplete: the option being typed; required options may then be missing. */
  focused?: string;
}

export class CommandInputError extends Error {
  override name = 'CommandInputError';
}

type LeafOption = Extract<APIApplicationCommandOption, { required?: boolean }> & Record<string, unknown>;

function usage(command: APIApplicationCommand, path: string[], leaves: readonly APIApplicationCommandOption[]): string {
  const args = leaves.map((o) => (o.required === true ? `<${o.name}>` : `[${o.name}]`));
  return ['/' + command.name, ...path, ...args].join(' ');
}

function nested(command: APIApplicationCommand): APIApplicationCommandOption[] {
  return (command.options ?? []).filter((o) => o.type === T.Subcommand || o.type === T.SubcommandGroup);
}

/** The leaf options and the sub-command path selected by `subcommand`. */
function selectLeaves(command: APIApplicationCommand, subcommand: string | undefined): { path: string[]; leaves: APIApplicationCommandOption[] } {
  const branches = nested(command);
  if (branches.length === 0) {
    if (subcommand !== undefined) throw new CommandInputError(`/${command.name} has no sub-commands`);
    return { path: [], leaves: command.options ?? [] };
  }
  const words = (subcommand ?? '').trim().split(/\s+/).filter(Boolean);
  const names = branches.map((b) => b.name).join(', ');
  const first = branches.find((b) => b.name === words[0]);
  if (first === undefined) throw new CommandInputError(`/${command.name} needs a sub-command: one of ${names}`);
  if (first.type === T.Subcommand) return { path: [first.name], leaves: first.options ?? [] };
  const subs = first.type === T.SubcommandGroup ? (first.options ?? []) : [];
  const second = subs.find((s) => s.name === words[1]);
  if (second === undefined) throw new CommandInputError(`/${command.name} ${first.name} needs a sub-command: one of ${subs.map((s) => s.name).join(', ')}`);
  return { path: [first.name, second.name], leaves: second.options ?? [] };
}

function stripMention(raw: string, pattern: RegExp): string {
  return pattern.exec(raw.trim())?.[1] ?? raw.trim();
}

function coerce(guild: FakeGuild, option: LeafOption, raw: OptionValue, resolved: ResolvedData): OptionValue {
  const bad = (why: string): never => {
    throw new CommandInputError(`option ${option.name}: ${why}`);
  };
  const text = String(raw);
  switch (option.type) {
    case T.String: {
      const value = text;
      if (typeof option.min_length === 'number' && value.length < option.min_length) bad(`must be at least ${option.min_length} characters`);
      if (typeof option.max_length === 'number' && value.length > option.max_length) bad(`must be at most ${option.max_length} characters`);
      return value;
    }
    case T.Integer:
    case T.Number: {
      const value = typeof raw === 'number' ? raw : /^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(value)) bad(`${JSON.stringify(raw)} is not a number`);
      if (option.type === T.Integer && !Number.isSafeInteger(value)) bad(`${JSON.stringify(raw)} is not an integer`);
      if (typeof option.min_value === 'number' && value < option.min_value) bad(`must be at least ${option.min_value}`);
      if (typeof option.max_value === 'number' && value > option.max_value) bad(`must be at most ${option.max_value}`);
      return value;
    }
    case T.Boolean: {
      if (typeof raw === 'boolean') return raw;
      const word = text.trim().toLowerCase();
      if (['true', 'yes', 'on', '1'].includes(word)) return true;
      if (['false', 'no', 'off', '0'].includes(word)) return false;
      return bad(`${JSON.stringify(raw)} is not true or false`);
    }
    case T.User:
    case T.Mentionable: {
      const user = findGuildUser(guild, stripMention(text, /^<@!?(\d+)>$/));
      if (user) {
        (resolved.users ??= {})[user.id] = userObject(guild, user);
        (resolved.members ??= {})[user.id] = { ...partialMemberObject(user), permissions: permissionsOf(guild, user.id).toString() };
        return user.id;
      }
      if (option.type === T.User) return bad(`no member ${JSON.stringify(raw)} in the guild`);
      return resolveRole(guild, text, resolved) ?? bad(`no member or role ${JSON.stringify(raw)} in the guild`);
    }
    case T.Role:
      return resolveRole(guild, text, resolved) ?? bad(`no role ${JSON.stringify(raw)} in the guild`);
    case T.Channel: {
      const channel = findChannel(guild, stripMention(text, /^<#(\d+)>$/).replace(/^#/, ''));
      if (channel === undefined) return bad(`no channel ${JSON.stringify(raw)} in the guild`);
      (resolved.channels ??= {})[channel.id] = { ...channelObject(guild.id, channel), permissions: '0' };
      return channel.id;
    }
    default:
      return bad(`option type ${option.type} is not supported by the fake`);
  }
}

function resolveRole(guild: FakeGuild, text: string, resolved: ResolvedData): string | undefined {
  const role = findRole(guild, stripMention(text, /^<@&(\d+)>$/).replace(/^@/, ''));
  const object = role && roleObjectById(guild, role.id);
  if (object === undefined) return undefined;
  (resolved.roles ??= {})[object.id] = object;
  return object.id;
}

function checkChoices(option: LeafOption, value: OptionValue): void {
  const choices = Array.isArray(option.choices) ? (option.choices as { name: string; value: OptionValue }[]) : [];
  if (choices.length === 0 || choices.some((c) => c.value === value)) return;
  throw new CommandInputError(`option ${option.name}: ${JSON.stringify(value)} is not one of ${choices.map((c) => JSON.stringify(c.value)).join(', ')}`);
}

/** Interaction `data.options` (nested under sub-commands) and `data.resolved` for an input. */
export function buildCommandOptions(guild: FakeGuild, command: APIApplicationCommand, input: CommandInput): { options: InteractionDataOption[]; resolved: ResolvedData } {
  const { path, leaves } = selectLeaves(command, input.subcommand);
  const given = input.options ?? {};
  const known = new Set(leaves.map((o) => o.name));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) throw new CommandInputError(`/${command.name} has no option ${name}; usage: ${usage(command, path, leaves)}`);
  }
  if (input.focused !== undefined && !known.has(input.focused)) throw new CommandInputError(`/${command.name} has no option ${input.focused} to autocomplete`);
  const resolved: ResolvedData = {};
  const options: InteractionDataOption[] = [];
  for (const option of leaves as LeafOption[]) {
    const raw = given[option.name];
    if (option.name === input.focused) {
      // Discord sends what the user has typed so far, unchecked.
      options.push({ name: option.name, type: option.type, value: raw === undefined ? '' : String(raw), focused: true });
      continue;
    }
    if (raw === undefined) {
      if (option.required === true && input.focused === undefined) {
        throw new CommandInputError(`/${command.name} needs option ${option.name}; usage: ${usage(command, path, leaves)}`);
      }
      continue;
    }
    const value = coerce(guild, option, raw, resolved);
    checkChoices(option, value);
    options.push({ name: option.name, type: option.type, value });
  }
  const wrapped = path.reduceRight<InteractionDataOption[]>((inner, name, depth) => [
    { name, type: depth === path.length - 1 ? T.Subcommand : T.SubcommandGroup, options: inner },
  ], options);
  return { options: wrapped, resolved };
}

interface Token {
  text: string;
  start: number;
  end: number;
}

/** Whitespace-separated words; "double quotes" keep spaces inside one word. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(/"([^"]*)"|(\S+)/g)) {
    tokens.push({ text: match[1] ?? match[2] ?? '', start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

function unquote(text: string): string {
  const trimmed = text.trim();
  return /^"[^"]*"$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
}

/** `/name rest` → name and rest; undefined when the text is not a slash command. */
export function splitSlashText(text: string): { name: string; rest: string } | undefined {
  const match = /^\/(\S+)\s*([\s\S]*)$/.exec(text.trim());
  return match ? { name: (match[1] ?? '').toLowerCase(), rest: match[2] ?? '' } : undefined;
}

/**
 * Parses the text after `/name` like the Discord client's command bar:
 * - sub-command (and group) names come first when the command has them;
 * - `opt:value` pairs name options (a value runs until the next `opt:`);
 * - otherwise values are positional: one word each (quote to keep spaces), except the last string
 *   option, which takes the rest of the text minus one word for each required option after it.
 */
export function parseCommandText(command: APIApplicationCommand, rest: string): CommandInput {
  let remaining = rest;
  let subcommand: string | undefined;
  if (nested(command).length > 0) {
    const words = tokenize(remaining);
    const first = nested(command).find((b) => b.name === words[0]?.text);
    const group = first?.type === T.SubcommandGroup ? first : undefined;
    const count = group && words[1] !== undefined ? 2 : first ? 1 : 0;
    subcommand = words.slice(0, count).map((w) => w.text).join(' ');
    remaining = remaining.slice(words[count - 1]?.end ?? 0);
    if (count === 0) subcommand = undefined;
  }
  const { leaves } = selectLeaves(command, subcommand);
  const names = leaves.map((o) => o.name.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&'));
  const options: Record<string, string> = {};
  let positional = remaining;
  if (names.length > 0) {
    const named = new RegExp(`(?:^|\\s)(${names.join('|')}):`, 'g');
    const marks = [...remaining.matchAll(named)];
    const firstMark = marks[0];
    if (firstMark !== undefined) {
      positional = remaining.slice(0, firstMark.index);
      marks.forEach((mark, i) => {
        const valueStart = mark.index + mark[0].length;
        const valueEnd = marks[i + 1]?.index ?? remaining.length;
        options[mark[1] ?? ''] = unquote(remaining.slice(valueStart, valueEnd));
      });
    }
  }
  assignPositional(leaves.filter((o) => options[o.name] === undefined), positional, options);
  return { ...(subcommand !== undefined && { subcommand }), options };
}

function assignPositional(leaves: APIApplicationCommandOption[], text: string, into: Record<string, string>): void {
  const tokens = tokenize(text);
  if (tokens.length === 0) return;
  const lastString = leaves.map((o) => o.type).lastIndexOf(T.String);
  const before = lastString === -1 ? leaves : leaves.slice(0, lastString);
  let next = 0;
  for (const option of before) {
    const token = tokens[next];
    if (token === undefined) return;
    into[option.name] = token.text;
    next += 1;
  }
  const tail = lastString === -1 ? undefined : leaves[lastString];
  if (tail === undefined) {
    if (next < tokens.length) throw new CommandInputError(`too many values: ${tokens.slice(next).map((t) => t.text).join(' ')}`);
    return;
  }
  const requiredAfter = leaves.slice(lastString + 1).filter((o) => o.required === true);
  const reserved = Math.min(requiredAfter.length, Math.max(0, tokens.length - next - 1));
  const restEnd = tokens.length - reserved;
  const start = tokens[next];
  const end = tokens[restEnd - 1];
  if (start === undefined || end === undefined) return;
  into[tail.name] = unquote(text.slice(start.start, end.end));
  requiredAfter.slice(0, reserved).forEach((option, i) => {
    const token = tokens[restEnd + i];
    if (token) into[option.name] = token.text;
  });
}

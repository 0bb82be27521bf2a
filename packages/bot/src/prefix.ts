import type { Command } from './command.js';
import type { OptionDef, OptionPrimitive, ParsedOptions } from './options.js';
import type { CommandRegistry } from './registry.js';
import { convertArgument, renderArgument } from './values.js';
import { invocationName } from './usage.js';

export const DEFAULT_PREFIX = '!';

export type PrefixParseResult<D = unknown> =
  | { readonly kind: 'not-a-command' }
  | { readonly kind: 'unknown'; readonly name: string; readonly suggestion?: string }
  | { readonly kind: 'invalid'; readonly command: Command<D>; readonly error: string }
  | { readonly kind: 'ok'; readonly command: Command<D>; readonly options: ParsedOptions };

export interface PrefixParser<D = unknown> {
  readonly prefix: string;
  /** Never throws, whatever the content. */
  parse(content: string): PrefixParseResult<D>;
}

/** Why a prefix is unusable, or undefined if it is fine: 1-5 characters, not only whitespace. */
export function prefixProblem(prefix: string): string | undefined {
  const length = [...prefix].length;
  if (length === 0 || length > 5) return `the command prefix must be 1-5 characters, got ${length}`;
  if (prefix.trim() === '') return 'the command prefix cannot be only whitespace';
  return undefined;
}

const NOT_A_COMMAND = { kind: 'not-a-command' } as const;
// Chat such as "!!!", "! hi" or "!?" is not a command: a name starts with a letter or digit.
const NAME_START = /^[\p{L}\p{N}]/u;

/**
 * The seeds' prefix parsing: case-sensitive names and aliases, arguments split on single spaces (so
 * two spaces make an empty argument, which is refused with the usage), a `rest` option taking the
 * remaining text. Extra text after a command without options is refused with the usage
 * (`!sep x` → "`!sep` takes no arguments."), where the DAB seed silently ignored the message; a
 * symbol alias (`!=`) with anything after it stays chat, as in the seed.
 */
export function createPrefixParser<D>(registry: CommandRegistry<D>, prefix: string = DEFAULT_PREFIX): PrefixParser<D> {
  const problem = prefixProblem(prefix);
  if (problem) throw new Error(problem);
  return { prefix, parse: (content) => parsePrefixCommand(registry, prefix, content) };
}

function parsePrefixCommand<D>(registry: CommandRegistry<D>, prefix: string, content: string): PrefixParseResult<D> {
  if (!content.startsWith(prefix)) return NOT_A_COMMAND;
  const rest = content.slice(prefix.length);
  const nameEnd = rest.search(/\s/);
  const name = nameEnd < 0 ? rest : rest.slice(0, nameEnd);
  if (!NAME_START.test(rest)) {
    // A symbol alias (the DAB seed's `!=`) is a command only as typed exactly, like the seed's
    // exact match: "!= means not equal" stays chat rather than earning an error reply.
    const command = name === '' ? undefined : registry.get(name);
    if (!command) return NOT_A_COMMAND;
    const parsed = parseArguments(command, name, rest.slice(name.length), prefix);
    return parsed.kind === 'ok' ? parsed : NOT_A_COMMAND;
  }
  const command = registry.get(name);
  if (!command) {
    const suggestion = registry.suggest(name);
    return suggestion === undefined ? { kind: 'unknown', name } : { kind: 'unknown', name, suggestion };
  }
  return parseArguments(command, name, rest.slice(name.length), prefix);
}

/** Reads the arguments after the typed name (`typed`: the name or the alias used, shown in errors). */
function parseArguments<D>(command: Command<D>, typed: string, after: string, prefix: string): PrefixParseResult<D> {
  const invalid = (error: string): PrefixParseResult<D> => ({ kind: 'invalid', command, error });
  const shown = invocationName({ name: typed }, 'prefix', prefix);
  const entries = Object.entries(command.options);
  if (after !== '' && !after.startsWith(' ')) return invalid(`Separate \`${shown}\` and its arguments with a single space.`);
  if (after !== '' && entries.length === 0) return invalid(`\`${shown}\` takes no arguments.`);

  const fields = after === '' ? [] : splitArguments(after.slice(1), entries);
  if (fields.length > entries.length) return invalid(`Too many arguments: \`${shown}\` takes at most ${entries.length}.`);
  const emptyAt = fields.indexOf('');
  if (emptyAt >= 0) return invalid(`Argument ${emptyAt + 1} is empty; separate arguments with a single space.`);

  const values: Array<[string, OptionPrimitive | undefined]> = [];
  for (const [index, [optionName, option]] of entries.entries()) {
    const raw = fields[index];
    if (raw === undefined) {
      if (option.required === true) return invalid(`Missing \`${optionName}\`.`);
      values.push([optionName, undefined]);
      continue;
    }
    const converted = convertArgument(optionName, option, raw, staticChoices(option));
    if (!converted.ok) return invalid(converted.error);
    values.push([optionName, converted.value]);
  }
  return { kind: 'ok', command, options: Object.fromEntries(values) };
}

/** Splits on single spaces; a trailing `rest` option receives the remaining text verbatim. */
function splitArguments(text: string, entries: ReadonlyArray<[string, OptionDef]>): string[] {
  const last = entries[entries.length - 1]?.[1];
  if (!(last?.kind === 'string' && last.rest === true)) return text.split(' ');
  const fields: string[] = [];
  let position = 0;
  while (fields.length < entries.length - 1) {
    const space = text.indexOf(' ', position);
    if (space < 0) {
      fields.push(text.slice(position));
      return fields;
    }
    fields.push(text.slice(position, space));
    position = space + 1;
  }
  fields.push(text.slice(position));
  return fields;
}

function staticChoices(option: OptionDef) {
  if (option.kind === 'string' || option.kind === 'integer' || option.kind === 'number') {
    return typeof option.choices === 'function' ? undefined : option.choices;
  }
  return undefined;
}

/** The command line that parses to `options`: values joined by single spaces, stopping at the first absent one. */
export function renderPrefixCommand(command: Command<never>, options: ParsedOptions, prefix: string = DEFAULT_PREFIX): string {
  const parts = [invocationName(command, 'prefix', prefix)];
  for (const [name, option] of Object.entries(command.options)) {
    const value = options[name];
    if (value === undefined) break;
    parts.push(renderArgument(option, value));
  }
  return parts.join(' ');
}

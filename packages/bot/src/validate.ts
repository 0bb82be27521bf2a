import type { CommandInfo } from './command.js';
import type { Choice, OptionDef } from './options.js';

/** Discord's rule for command and option names (lower case only, so prefix names match slash names). */
export const NAME_PATTERN = /^[-_a-z0-9]{1,32}$/;
const MAX_DESCRIPTION = 100;
const MAX_OPTIONS = 25;
const MAX_CHOICES = 25;
const MAX_CHOICE_NAME = 100;
const MAX_CHOICE_STRING = 100;
const MAX_STRING_LENGTH = 6000;

/** Every rule a command breaks, in words that name the command and option. */
export function definitionProblems(
  command: CommandInfo,
  choicesOf: (optionName: string) => readonly Choice[] | undefined,
): string[] {
  const problems: string[] = [];
  const where = `command "${command.name}"`;
  if (!NAME_PATTERN.test(command.name)) problems.push(`${where}: the name must match ${NAME_PATTERN}`);
  // The prefix parser treats "!" followed by anything but a letter or digit as chat, not a command.
  else if (!/^[a-z0-9]/.test(command.name)) problems.push(`${where}: the name must start with a letter or digit`);
  problems.push(...descriptionProblems(where, command.description));

  const entries = Object.entries(command.options);
  if (entries.length > MAX_OPTIONS) problems.push(`${where}: at most ${MAX_OPTIONS} options`);
  let seenOptional = false;
  entries.forEach(([name, option], index) => {
    const at = `${where}, option "${name}"`;
    if (!NAME_PATTERN.test(name)) problems.push(`${at}: the name must match ${NAME_PATTERN}`);
    // Integer-like keys are moved to the front of an object, which would silently reorder options.
    if (/^\d+$/.test(name)) problems.push(`${at}: an all-digit name would change the option order`);
    problems.push(...descriptionProblems(at, option.description));
    if (option.required === true && seenOptional) problems.push(`${at}: required options must come before optional ones`);
    if (option.required !== true) seenOptional = true;
    problems.push(...kindProblems(at, option, index === entries.length - 1, choicesOf(name)));
  });
  return problems;
}

const MAX_ALIAS = 32;

/**
 * Problems of a command's prefix aliases on their own (clashes between commands are the
 * registry's): a word alias (starting with a letter or digit) follows the name rule, so it reads
 * like a name; a symbol alias (the DAB seed's `=`) may be any characters but spaces.
 */
export function aliasProblems(command: CommandInfo): string[] {
  const problems: string[] = [];
  for (const alias of command.aliases ?? []) {
    const at = `command "${command.name}", alias "${alias}"`;
    if (alias === command.name) problems.push(`${at}: repeats the command's name`);
    else if (/^[\p{L}\p{N}]/u.test(alias) ? !NAME_PATTERN.test(alias) : !/^\S{1,32}$/u.test(alias)) {
      problems.push(`${at}: an alias must match ${NAME_PATTERN}, or be 1-${MAX_ALIAS} symbols without spaces`);
    }
  }
  return problems;
}

function descriptionProblems(where: string, description: string): string[] {
  const length = [...description].length;
  if (length === 0) return [`${where}: the description is empty`];
  if (length > MAX_DESCRIPTION) return [`${where}: the description is ${length} characters (max ${MAX_DESCRIPTION})`];
  return [];
}

function kindProblems(at: string, option: OptionDef, isLast: boolean, choices: readonly Choice[] | undefined): string[] {
  const problems: string[] = [];
  if (option.kind === 'string') {
    if (option.rest === true && !isLast) problems.push(`${at}: only the last option may take the rest of the line`);
    const { minLength, maxLength } = option;
    if (minLength !== undefined && !(Number.isInteger(minLength) && minLength >= 0 && minLength <= MAX_STRING_LENGTH)) {
      problems.push(`${at}: minLength must be an integer from 0 to ${MAX_STRING_LENGTH}`);
    }
    if (maxLength !== undefined && !(Number.isInteger(maxLength) && maxLength >= 1 && maxLength <= MAX_STRING_LENGTH)) {
      problems.push(`${at}: maxLength must be an integer from 1 to ${MAX_STRING_LENGTH}`);
    }
    if (minLength !== undefined && maxLength !== undefined && minLength > maxLength) problems.push(`${at}: minLength exceeds maxLength`);
  }
  if (option.kind === 'integer' || option.kind === 'number') {
    const { min, max } = option;
    for (const [label, bound] of [['min', min], ['max', max]] as const) {
      if (bound === undefined) continue;
      if (!Number.isFinite(bound) || (option.kind === 'integer' && !Number.isInteger(bound))) {
        problems.push(`${at}: ${label} must be a finite ${option.kind}`);
      }
    }
    if (min !== undefined && max !== undefined && min > max) problems.push(`${at}: min exceeds max`);
  }
  if (option.kind === 'string' || option.kind === 'integer' || option.kind === 'number') {
    if (option.autocomplete && option.choices) problems.push(`${at}: choices and autocomplete cannot be combined`);
    if (choices) problems.push(...choiceProblems(at, option.kind, choices));
  }
  return problems;
}

function choiceProblems(at: string, kind: 'string' | 'integer' | 'number', choices: readonly Choice[]): string[] {
  const problems: string[] = [];
  if (choices.length === 0) problems.push(`${at}: choices are empty`);
  if (choices.length > MAX_CHOICES) problems.push(`${at}: ${choices.length} choices (max ${MAX_CHOICES})`);
  for (const choice of choices) {
    const nameLength = [...choice.name].length;
    if (nameLength === 0 || nameLength > MAX_CHOICE_NAME) problems.push(`${at}: choice name "${choice.name}" must be 1-${MAX_CHOICE_NAME} characters`);
    if (kind === 'string') {
      if (typeof choice.value !== 'string' || choice.value.length === 0 || [...choice.value].length > MAX_CHOICE_STRING) {
        problems.push(`${at}: choice value of "${choice.name}" must be a string of 1-${MAX_CHOICE_STRING} characters`);
      } else if (choice.value.includes(' ')) {
        // A prefix command splits on spaces, so such a value could never be typed.
        problems.push(`${at}: choice value "${choice.value}" contains a space`);
      }
    } else if (typeof choice.value !== 'number' || !Number.isFinite(choice.value) || (kind === 'integer' && !Number.isInteger(choice.value))) {
      problems.push(`${at}: choice value of "${choice.name}" must be a finite ${kind}`);
    }
  }
  return problems;
}

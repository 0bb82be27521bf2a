/** Application command definitions checked like Discord does on registration (400 / 50035). */
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { asObject, FormErrors, type ValidationFailure } from './validate.js';

type Path = (string | number)[];

const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const MAX_OPTIONS = 25;
const MAX_CHOICES = 25;
const MAX_CHAT_INPUT_COMMANDS = 100;
const MAX_CONTEXT_MENU_COMMANDS = 15;
const { Subcommand, SubcommandGroup, String: StringOption, Integer, Number: NumberOption } = ApplicationCommandOptionType;
const CHOICE_TYPES = new Set<number>([StringOption, Integer, NumberOption]);

function lengthBetween(errors: FormErrors, path: Path, value: unknown, min: number, max: number): void {
  if (typeof value !== 'string') {
    errors.add(path, min > 0 ? 'BASE_TYPE_REQUIRED' : 'BASE_TYPE_STRING', min > 0 ? 'This field is required' : 'Must be a string.');
  } else if (value.length < min || value.length > max) {
    errors.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
  }
}

/** Chat input names: 1-32 of letters, digits, `-_'`, and lowercase wherever a letter has a lowercase form. */
function checkChatInputName(errors: FormErrors, path: Path, name: unknown, what: 'COMMAND' | 'OPTION'): void {
  if (typeof name !== 'string' || !CHAT_INPUT_NAME.test(name)) {
    errors.add(path, `APPLICATION_COMMAND_${what === 'COMMAND' ? '' : 'OPTION_'}INVALID_NAME`, `${what === 'COMMAND' ? 'Command' : 'Option'} name is invalid`);
  } else if (name !== name.toLowerCase()) {
    errors.add(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name must be lowercase');
  }
}

function checkDuplicates(errors: FormErrors, path: Path, names: unknown[]): void {
  const seen = new Set<unknown>();
  names.forEach((name) => {
    if (seen.has(name)) errors.add(path, 'APPLICATION_COMMAND_OPTIONS_DUPLICATE_NAME', `Option name ${String(name)} is already used in these options`);
    seen.add(name);
  });
}

function checkChoices(errors: FormErrors, path: Path, option: Record<string, unknown>, type: number): void {
  const { choices } = option;
  if (choices === undefined || choices === null) return;
  if (!Array.isArray(choices)) return errors.add([...path, 'choices'], 'BASE_TYPE_ARRAY', 'Must be an array.');
  if (!CHOICE_TYPES.has(type)) return errors.add([...path, 'choices'], 'APPLICATION_COMMAND_OPTION_CHOICES_INVALID', 'Choices are only allowed on string, integer and number options');
  if (choices.length > MAX_CHOICES) errors.add([...path, 'choices'], 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_CHOICES} or fewer in length.`);
  if (option.autocomplete === true && choices.length > 0) {
    errors.add([...path, 'autocomplete'], 'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_AND_CHOICES', 'Autocomplete cannot be used with choices');
  }
  choices.forEach((raw, i) => {
    const choice = asObject(raw) ?? {};
    lengthBetween(errors, [...path, 'choices', i, 'name'], choice.name, 1, 100);
    const value = choice.value;
    const ok = type === StringOption ? typeof value === 'string' && value.length <= 100
      : type === Integer ? Number.isInteger(value)
      : typeof value === 'number';
    if (!ok) errors.add([...path, 'choices', i, 'value'], 'BASE_TYPE_CHOICES', 'Value is not a valid choice for this option type.');
  });
}

function checkOptions(errors: FormErrors, path: Path, raw: unknown, depth: number): void {
  if (raw === undefined || raw === null) return;
  if (!Array.isArray(raw)) return errors.add(path, 'BASE_TYPE_ARRAY', 'Must be an array.');
  if (raw.length > MAX_OPTIONS) errors.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_OPTIONS} or fewer in length.`);
  const options = raw.map((o) => asObject(o) ?? {});
  checkDuplicates(errors, path, options.map((o) => o.name));
  const nesting = options.filter((o) => o.type === Subcommand || o.type === SubcommandGroup).length;
  if (nesting > 0 && nesting < options.length) {
    errors.add(path, 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Sub-command and sub-command group option types are mutually exclusive to all other types');
  }
  let sawOptional = false;
  options.forEach((option, i) => {
    const at = [...path, i];
    const type = option.type;
    if (typeof type !== 'number' || !Number.isInteger(type) || type < 1 || type > 11) {
      errors.add([...at, 'type'], 'BASE_TYPE_CHOICES', `Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}.`);
      return;
    }
    checkChatInputName(errors, [...at, 'name'], option.name, 'OPTION');
    lengthBetween(errors, [...at, 'description'], option.description, 1, 100);
    if (type === Subcommand || type === SubcommandGroup) {
      // Groups hold sub-commands; sub-commands hold plain options; nothing nests deeper.
      const allowed = type === SubcommandGroup ? depth === 0 : depth <= 1;
      if (!allowed) errors.add([...at, 'type'], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Sub-commands cannot be nested this deep');
      if (type === SubcommandGroup && Array.isArray(option.options) && option.options.some((o) => asObject(o)?.type !== Subcommand)) {
        errors.add([...at, 'options'], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Sub-command groups may only contain sub-commands');
      }
      checkOptions(errors, [...at, 'options'], option.options, depth + 1);
      return;
    }
    if (option.required === true && sawOptional) {
      errors.add([...at, 'required'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
    }
    if (option.required !== true) sawOptional = true;
    checkChoices(errors, at, option, type);
  });
}

function checkCommand(errors: FormErrors, path: Path, command: Record<string, unknown>): void {
  const type = command.type ?? ApplicationCommandType.ChatInput;
  if (type === ApplicationCommandType.ChatInput) {
    checkChatInputName(errors, [...path, 'name'], command.name, 'COMMAND');
    lengthBetween(errors, [...path, 'description'], command.description, 1, 100);
    checkOptions(errors, [...path, 'options'], command.options, 0);
  } else if (type === ApplicationCommandType.User || type === ApplicationCommandType.Message) {
    lengthBetween(errors, [...path, 'name'], command.name, 1, 32);
    if (command.description !== undefined && command.description !== '') {
      errors.add([...path, 'description'], 'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION', 'Context menu commands cannot have a description');
    }
    if (command.options !== undefined && command.options !== null) {
      errors.add([...path, 'options'], 'APPLICATION_COMMAND_CONTEXT_MENU_OPTIONS', 'Context menu commands cannot have options');
    }
  } else {
    errors.add([...path, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3}.');
  }
  const permissions = command.default_member_permissions;
  if (permissions !== undefined && permissions !== null && (typeof permissions !== 'string' || !/^\d+$/.test(permissions))) {
    errors.add([...path, 'default_member_permissions'], 'BASE_TYPE_BAD_INT', 'Value is not a valid permissions integer.');
  }
}

/** Validates one command (POST/PATCH) at `path` [] or a bulk overwrite list; undefined when Discord would accept it. */
export function validateCommands(body: unknown, bulk: boolean): ValidationFailure | undefined {
  const errors = new FormErrors();
  if (!bulk) {
    const command = asObject(body);
    if (command === undefined) return { code: 50035, message: 'Invalid Form Body', errors: { _errors: [{ code: 'MODEL_TYPE_CONVERT', message: 'Only dictionaries may be used in a ModelType' }] } };
    checkCommand(errors, [], command);
  } else if (!Array.isArray(body)) {
    return { code: 50035, message: 'Invalid Form Body', errors: { _errors: [{ code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }] } };
  } else {
    const commands = body.map((c) => asObject(c) ?? {});
    commands.forEach((command, i) => checkCommand(errors, [i], command));
    const key = (c: Record<string, unknown>): string => `${String(c.type ?? 1)}:${String(c.name)}`;
    const seen = new Set<string>();
    commands.forEach((command, i) => {
      if (seen.has(key(command))) errors.add([i, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`);
      seen.add(key(command));
    });
    const chatInput = commands.filter((c) => (c.type ?? 1) === 1).length;
    if (chatInput > MAX_CHAT_INPUT_COMMANDS) errors.add([], 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_CHAT_INPUT_COMMANDS} or fewer in length.`);
    for (const type of [2, 3]) {
      if (commands.filter((c) => c.type === type).length > MAX_CONTEXT_MENU_COMMANDS) {
        errors.add([], 'APPLICATION_COMMANDS_TOO_MANY', `Maximum number of context menu commands (${MAX_CONTEXT_MENU_COMMANDS}) reached`);
      }
    }
  }
  return errors.empty ? undefined : { code: 50035, message: 'Invalid Form Body', errors: errors.tree };
}

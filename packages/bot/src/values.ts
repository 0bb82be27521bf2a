import { truncate } from '@herald/discord/text';
import type { Choice, OptionDef, OptionPrimitive } from './options.js';
import { suggest } from './suggest.js';

export type Conversion = { readonly ok: true; readonly value: OptionPrimitive } | { readonly ok: false; readonly error: string };

const SNOWFLAKE = /^\d{17,20}$/;
const USER_MENTION = /^<@!?(\d{17,20})>$/;
const ROLE_MENTION = /^<@&(\d{17,20})>$/;
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const BOOLEANS: Readonly<Record<string, boolean>> = { true: true, yes: true, false: false, no: false };

/**
 * Converts one typed argument of a prefix command. `choices` are the static choices to enforce
 * (registry-computed ones are left to the command).
 */
export function convertArgument(name: string, option: OptionDef, raw: string, choices: readonly Choice[] | undefined): Conversion {
  const converted = convertKind(name, option, raw);
  if (!converted.ok || !choices) return converted;
  if (choices.some((choice) => choice.value === converted.value)) return converted;
  const values = choices.map((choice) => String(choice.value));
  const hint = suggest(raw, values);
  return fail(`\`${name}\` must be one of: ${values.map((v) => `\`${v}\``).join(', ')}; got ${quote(raw)}.${hint ? ` Did you mean \`${hint}\`?` : ''}`);
}

function convertKind(name: string, option: OptionDef, raw: string): Conversion {
  switch (option.kind) {
    case 'string': {
      const length = [...raw].length;
      if (option.minLength !== undefined && length < option.minLength) return fail(`\`${name}\` must be at least ${option.minLength} characters, got ${length}.`);
      if (option.maxLength !== undefined && length > option.maxLength) return fail(`\`${name}\` must be at most ${option.maxLength} characters, got ${length}.`);
      return ok(raw);
    }
    case 'integer': {
      const value = INTEGER.test(raw) ? Number(raw) : Number.NaN;
      if (!Number.isSafeInteger(value)) return fail(`\`${name}\` must be a whole number, got ${quote(raw)}.`);
      return inRange(name, option.min, option.max, value === 0 ? 0 : value);
    }
    case 'number': {
      const value = DECIMAL.test(raw) ? Number(raw) : Number.NaN;
      if (!Number.isFinite(value)) return fail(`\`${name}\` must be a number, got ${quote(raw)}.`);
      // -0 prints as "0"; collapsing it keeps typed values and re-rendered ones equal.
      return inRange(name, option.min, option.max, value === 0 ? 0 : value);
    }
    case 'boolean': {
      const value = Object.hasOwn(BOOLEANS, raw.toLowerCase()) ? BOOLEANS[raw.toLowerCase()] : undefined;
      return value === undefined ? fail(`\`${name}\` must be true or false (or yes/no), got ${quote(raw)}.`) : ok(value);
    }
    case 'user': {
      const id = USER_MENTION.exec(raw)?.[1] ?? (SNOWFLAKE.test(raw) ? raw : undefined);
      return id === undefined ? fail(`\`${name}\` must be a user mention or id, got ${quote(raw)}.`) : ok(id);
    }
    case 'role': {
      const id = ROLE_MENTION.exec(raw)?.[1] ?? (SNOWFLAKE.test(raw) ? raw : undefined);
      return id === undefined ? fail(`\`${name}\` must be a role mention or id, got ${quote(raw)}.`) : ok(id);
    }
  }
}

function inRange(name: string, min: number | undefined, max: number | undefined, value: number): Conversion {
  if (min !== undefined && value < min) return fail(`\`${name}\` must be at least ${min}, got ${value}.`);
  if (max !== undefined && value > max) return fail(`\`${name}\` must be at most ${max}, got ${value}.`);
  return ok(value);
}

/** How a value is typed back on a prefix command line (the inverse of {@link convertArgument}). */
export function renderArgument(option: OptionDef, value: OptionPrimitive): string {
  if (option.kind === 'user') return `<@${String(value)}>`;
  if (option.kind === 'role') return `<@&${String(value)}>`;
  return String(value);
}

/**
 * Echoes what a user typed inside a reply, as a code span: backticks become `'` (so the span cannot be
 * broken out of), line breaks become spaces, and the text is cut to `max` characters (with `…`) so it
 * cannot flood the channel. Blank input reads `(nothing)`.
 */
export function quote(raw: string, max = 40): string {
  const text = truncate(raw.replace(/`/g, "'").replace(/[\r\n]+/g, ' '), max);
  return text.trim() === '' ? '(nothing)' : `\`${text}\``;
}

function ok(value: OptionPrimitive): Conversion {
  return { ok: true, value };
}

function fail(error: string): Conversion {
  return { ok: false, error };
}

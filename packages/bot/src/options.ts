/**
 * Option definitions of a command and the value types they produce.
 *
 * An option is declared once; the slash payload, the prefix parser, the usage text and
 * the TypeScript type of `run`'s second argument are all derived from the declaration.
 */

export type OptionKind = 'string' | 'integer' | 'number' | 'boolean' | 'user' | 'role';

/** A Discord snowflake id (users and roles are passed to commands by id). */
export type Snowflake = string;

export interface Choice<T extends string | number = string | number> {
  readonly name: string;
  readonly value: T;
}

/** What an autocomplete handler sees: who is typing, where, and the app's dependencies. */
export interface AutocompleteContext<D> {
  readonly deps: D;
  readonly userId: string;
  readonly guildId: string | null;
  readonly channelId: string;
}

export type Autocomplete<D, T extends string | number> = (
  ctx: AutocompleteContext<D>,
  partial: string,
) => Promise<readonly Choice<T>[]>;

/**
 * Choices computed from the registry (e.g. `help`'s list of command names). They become the slash
 * command's pick-list; the prefix parser does not enforce them, so the command must handle other values.
 */
export type CatalogChoices = (catalog: { readonly commands: readonly { readonly name: string }[] }) => readonly Choice<string>[];

interface OptionBase {
  readonly description: string;
  /** Defaults to false. Required options must come before optional ones. */
  readonly required?: boolean;
}

export interface StringOption<D = never> extends OptionBase {
  readonly kind: 'string';
  readonly choices?: readonly Choice<string>[] | CatalogChoices;
  readonly autocomplete?: Autocomplete<D, string>;
  /** Only on the last option: a prefix command passes the rest of the line verbatim (spaces included). */
  readonly rest?: boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
}

/** Integers and numbers take the same settings. */
interface NumericOption<D> extends OptionBase {
  readonly choices?: readonly Choice<number>[];
  readonly autocomplete?: Autocomplete<D, number>;
  readonly min?: number;
  readonly max?: number;
}

export interface IntegerOption<D = never> extends NumericOption<D> {
  readonly kind: 'integer';
}

export interface NumberOption<D = never> extends NumericOption<D> {
  readonly kind: 'number';
}

export interface BooleanOption extends OptionBase {
  readonly kind: 'boolean';
}

export interface UserOption extends OptionBase {
  readonly kind: 'user';
}

export interface RoleOption extends OptionBase {
  readonly kind: 'role';
}

export type OptionDef<D = never> =
  | StringOption<D>
  | IntegerOption<D>
  | NumberOption<D>
  | BooleanOption
  | UserOption
  | RoleOption;

/** Options in declaration order (object key order); names follow Discord's rules. */
export type OptionDefs<D = never> = Readonly<Record<string, OptionDef<D>>>;

/** A converted option value: strings, numbers, booleans, and snowflake ids for users and roles. */
export type OptionPrimitive = string | number | boolean;

/** Option values as the dispatcher hands them to a command, before the command's own typing. */
export type ParsedOptions = Readonly<Record<string, OptionPrimitive | undefined>>;

type KindValue<K> = K extends 'string' | 'user' | 'role'
  ? string
  : K extends 'integer' | 'number'
    ? number
    : K extends 'boolean'
      ? boolean
      : never;

/** The value type of one option: the union of its static choice values, else its kind's type. */
export type OptionValue<O> = O extends { readonly choices: readonly { readonly value: infer V }[] }
  ? V
  : O extends { readonly kind: infer K }
    ? KindValue<K>
    : never;

/** Every declared option is present; required ones are `T`, optional ones `T | undefined`. */
export type OptionValues<Os> = {
  readonly [K in keyof Os]: Os[K] extends { readonly required: true } ? OptionValue<Os[K]> : OptionValue<Os[K]> | undefined;
};

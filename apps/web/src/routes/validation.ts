import type { FastifySchemaValidationError } from 'fastify';
import { truncate } from '@herald/discord/text';

/** Where a refused value was: Fastify's `dataVar`. */
export type SchemaErrorDataVar = 'body' | 'headers' | 'params' | 'querystring';

/**
 * A 400 that names the parameter at fault: `message` reads `<parameter>: expected …` (shown on the
 * error page, and as `message` with `parameter` in the JSON answer).
 */
export class ParameterError extends Error {
  readonly statusCode = 400;
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Ajv's options for every route schema (Fastify's `ajv.customOptions`):
 * - `verbose` gives each error its schema, so the formatter below can say what the field expects
 *   (its `description`) and show the value given;
 * - `removeAdditional: false` makes a schema's `additionalProperties: false` refuse an unknown
 *   parameter (named in a 400) instead of dropping it silently (Fastify's default), so `?page=2` on
 *   a page that pages with `before` is not quietly read as the first page.
 */
export const ajvOptions = { verbose: true, removeAdditional: false } as const;

/** The longest part of a given value that an error message quotes. */
const ShownValueLength = 40;

/** What the schema says about one field: what it accepts, in words (`description`), and its rules. */
interface FieldSchema {
  description?: string;
  enum?: readonly unknown[];
  type?: string | readonly string[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  minLength?: number;
  properties?: Record<string, unknown>;
}

/** An Ajv error with `verbose`: the field's schema and the value it refused. */
type VerboseError = FastifySchemaValidationError & { parentSchema?: FieldSchema; data?: unknown };

/** `"2026-13-01"`, cut to ShownValueLength; JSON quoting shows control characters (a NUL) as escapes. */
export function quoted(value: unknown): string {
  return JSON.stringify(truncate(String(value), ShownValueLength));
}

/** What a field accepts, from its schema's rules, for fields without a `description`. */
function expectation(schema: FieldSchema | undefined): string {
  if (schema?.description) return schema.description;
  if (schema?.enum) return `one of ${schema.enum.filter((v) => v !== '').join(', ')}`;
  const type = Array.isArray(schema?.type) ? schema.type[0] : schema?.type;
  const range =
    schema?.minimum !== undefined && schema.maximum !== undefined
      ? ` from ${schema.minimum} to ${schema.maximum}`
      : schema?.minimum !== undefined
        ? ` of at least ${schema.minimum}`
        : schema?.maximum !== undefined
          ? ` of at most ${schema.maximum}`
          : '';
  if (type === 'integer') return `a whole number${range}`;
  if (type === 'number') return `a number${range}`;
  if (schema?.maxLength !== undefined) return `text of at most ${schema.maxLength} characters`;
  return 'a value in another format';
}

/** A JSON pointer's last segment (`/from` → `from`), or the part of the request when it is the whole. */
function fieldName(error: FastifySchemaValidationError, dataVar: SchemaErrorDataVar): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required' && typeof params.missingProperty === 'string') return params.missingProperty;
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') return params.additionalProperty;
  const last = error.instancePath.split('/').filter(Boolean).at(-1);
  return last === undefined ? dataVar : last.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** One Ajv error as a ParameterError (`from: expected a date and time such as 2026-11-30T12:00, not "x"`). */
export function describeSchemaError(error: FastifySchemaValidationError, dataVar: SchemaErrorDataVar): ParameterError {
  const { parentSchema: schema, data } = error as VerboseError;
  const name = fieldName(error, dataVar);
  if (error.keyword === 'additionalProperties') {
    const known = Object.keys(schema?.properties ?? {});
    const takes = known.length === 0 ? 'it takes none' : `it takes ${known.join(', ')}`;
    return new ParameterError(name, `${name}: not a parameter of this page (${takes})`);
  }
  if (error.keyword === 'required') {
    const field = schema?.properties?.[name] as FieldSchema | undefined;
    return new ParameterError(name, `${name}: missing; expected ${expectation(field)}`);
  }
  // A repeated query parameter arrives as an array.
  if (Array.isArray(data)) return new ParameterError(name, `${name}: given ${data.length} times; give it once`);
  return new ParameterError(name, `${name}: expected ${expectation(schema)}, not ${quoted(data)}`);
}

/**
 * Fastify's `schemaErrorFormatter` for every route: Ajv's `querystring/from must match pattern "^$|…"`
 * becomes `from: expected a date and time such as 2026-11-30T12:00, not "yesterday"`. A field says
 * what it expects in its schema's `description`; without one the words come from its type, enum or
 * bounds. Ajv stops at the first error (Fastify's `allErrors: false`), so one parameter is named.
 */
export function schemaErrorFormatter(errors: FastifySchemaValidationError[], dataVar: SchemaErrorDataVar): Error {
  const first = errors[0];
  return first === undefined ? new ParameterError(dataVar, `${dataVar}: not valid`) : describeSchemaError(first, dataVar);
}

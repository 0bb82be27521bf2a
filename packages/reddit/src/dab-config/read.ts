import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError, ConfigErrors } from '@herald/config';
import { dabFileSchema, type DabFile } from './schema.js';

/** A dab.conf.json read and checked: its values (defaults applied) and how each key was written. */
export interface DabFileRead {
  file: DabFile;
  /** Canonical dotted path (`reddit.max_age`, `reddit.watch_submissions.0.interval`) → as written (`Reddit.Max_Age`). Only keys present with a non-null value. */
  written: ReadonlyMap<string, string>;
}

/**
 * Reads `path` as the seed does (seed-behaviour §3.13): JSON; key matching case-insensitive, as Go's
 * encoding/json (an exact key and a differently cased one both set the same setting; the later
 * wins, objects merge); `null` leaves the default (Go's decoder skips it); unknown keys are errors
 * (`DisallowUnknownFields`). Throws ConfigError(s): about the file itself under `setting`
 * (`DAB_CONFIG: cannot read …`), about a key as `<key as written> in <path>`.
 */
export function readDabFile(path: string, setting: string): DabFileRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(setting, `cannot read the dab.conf.json ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(setting, `${path} is not valid JSON: ${withLine(text, (error as Error).message)}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ConfigError(setting, `${path} must contain a JSON object ({…})`);
  const written = new Map<string, string>();
  const folded = fold(json, '', '', written);
  const result = dabFileSchema.safeParse(folded);
  if (!result.success) throw new ConfigErrors(result.error.issues.flatMap((issue) => toErrors(issue, path, written)));
  return { file: result.data, written };
}

/**
 * Go's encoding/json matches a key to a field case-insensitively (Unicode simple folding: `ſ` is
 * `s`, `K` (Kelvin) is `k`); every key of the file is lower case, so folding is lower-casing.
 */
const foldKey = (key: string) => key.toLowerCase().replaceAll('\u017f', 's');

function fold(value: unknown, path: string, writtenPath: string, written: Map<string, string>): unknown {
  if (Array.isArray(value)) {
    return value.map((item, i) => {
      written.set(`${path}.${i}`, `${writtenPath}[${i}]`);
      return fold(item, `${path}.${i}`, `${writtenPath}[${i}]`, written);
    });
  }
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === null) continue;
    const canonical = foldKey(key);
    const child = path ? `${path}.${canonical}` : canonical;
    const writtenChild = writtenPath ? `${writtenPath}.${key}` : key;
    const previous = out[canonical];
    const next = fold(item, child, writtenChild, written);
    const bothObjects = [previous, next].every((v) => typeof v === 'object' && v !== null && !Array.isArray(v));
    out[canonical] = bothObjects ? { ...(previous as object), ...(next as object) } : next;
    if (!bothObjects || !written.has(child)) written.set(child, writtenChild);
  }
  return out;
}

function toErrors(issue: z.core.$ZodIssue, file: string, written: ReadonlyMap<string, string>): ConfigError[] {
  const path = issue.path.map(String).join('.');
  const name = (key: string) => `${written.get(key) ?? (key || '(root)')} in ${file}`;
  if (issue.code === 'unrecognized_keys') {
    const known = Object.keys(shapeAt(path) ?? {}).join(', ');
    return issue.keys.map((key) => new ConfigError(name(path ? `${path}.${key}` : key), `unknown key (known here: ${known})`));
  }
  return [new ConfigError(name(path), issue.message)];
}

/** The keys the schema knows at a canonical path, for "unknown key (known here: …)". */
function shapeAt(path: string): Record<string, unknown> | undefined {
  let schema: unknown = dabFileSchema;
  for (const key of path === '' ? [] : path.split('.')) {
    if (/^\d+$/.test(key)) continue; // a list item: the list's element, unwrapped below
    schema = objectShape(schema)?.[key];
    if (schema instanceof z.ZodOptional) schema = schema.unwrap();
    if (schema instanceof z.ZodArray) schema = schema.element;
  }
  return objectShape(schema);
}

function objectShape(schema: unknown): Record<string, unknown> | undefined {
  let node = schema;
  while (node instanceof z.ZodPrefault || node instanceof z.ZodDefault || node instanceof z.ZodOptional) node = node.unwrap();
  return node instanceof z.ZodObject ? (node.shape as Record<string, unknown>) : undefined;
}

/** Adds the line and column to JSON.parse's "… at position N". */
function withLine(text: string, message: string): string {
  const position = /position (\d+)/.exec(message)?.[1];
  if (position === undefined) return message;
  const before = text.slice(0, Number(position)).split('\n');
  return `${message} (line ${before.length}, column ${before.at(-1)!.length + 1})`;
}

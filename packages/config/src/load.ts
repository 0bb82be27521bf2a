import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ConfigError, ConfigErrors, fromZodError } from './errors.js';

/** Reads a YAML (or JSON, which is YAML) file into a plain object. Errors name the file. */
export function readYamlFile(path: string, key = 'HERALD_CONFIG'): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(key, `cannot read config file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let value: unknown;
  try {
    value = parseYaml(text) ?? {};
  } catch (error) {
    throw new ConfigError(key, `${path} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(key, `${path} must contain a mapping of settings`);
  }
  return value as Record<string, unknown>;
}

/**
 * Which environment variable set which dotted path of a settings object, so that an error names the
 * setting as the user wrote it (`HERALD_WEB_PORT`, not `web.port`). Kept beside the object rather than
 * in it: strict schemas must not see an extra key.
 */
const envSources = new WeakMap<object, Map<string, string>>();

/**
 * Sets nested keys from environment variables. Only non-empty values override (an empty
 * variable in a compose file means "not set"), matching the seed monitor's precedence.
 * Remembers which variable set which key, for {@link parseConfig}'s error messages.
 */
export function applyEnvOverrides(
  target: Record<string, unknown>,
  env: Record<string, string | undefined>,
  mapping: Record<string, string>,
): Record<string, unknown> {
  for (const [envName, path] of Object.entries(mapping)) {
    const value = env[envName];
    if (value === undefined || value === '') continue;
    const keys = path.split('.');
    let node = target;
    for (const key of keys.slice(0, -1)) {
      const next = node[key];
      if (typeof next !== 'object' || next === null) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    node[keys.at(-1)!] = value;
    recordSettingSource(target, path, envName);
  }
  return target;
}

/**
 * Remembers that `name` set `path` of `target`: an environment variable, or a key of a foreign
 * file (`reddit.max_age in /etc/dab.conf.json`, see foreign-config.ts). {@link parseConfig} names
 * a bad value by it.
 */
export function recordSettingSource(target: object, path: string, name: string): void {
  const sources = envSources.get(target) ?? new Map<string, string>();
  sources.set(path, name);
  envSources.set(target, sources);
}

/** The environment variable that set `path` or the nearest setting above it, if one did. */
function envVarFor(input: unknown, path: string): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const sources = envSources.get(input);
  if (!sources) return undefined;
  for (let key = path; key !== ''; key = key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : '') {
    const name = sources.get(key);
    if (name !== undefined) return name;
  }
  return undefined;
}

/**
 * Validates once; every problem is reported with its key: the environment variable when one set the
 * value, else the dotted settings path. Throws ConfigErrors.
 */
export function parseConfig<S extends z.ZodType>(schema: S, input: unknown, keyPrefix = ''): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw fromZodError(result.error, keyPrefix, (path) => envVarFor(input, path));
  return result.data;
}

export function isConfigError(error: unknown): error is ConfigError | ConfigErrors {
  return error instanceof ConfigError || error instanceof ConfigErrors;
}

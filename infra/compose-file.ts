// Test support: reads docker-compose.yml and .env-style files the way Docker Compose does, for
// the parts Herald uses (YAML merge keys, ${VAR} interpolation, environment maps or lists).
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const repoPath = (...parts: string[]): string => join(repoRoot, ...parts);

export interface ComposeBuild {
  context?: string;
  dockerfile?: string;
  args?: Record<string, string>;
}

export interface ComposeDependency {
  condition?: string;
  required?: boolean;
}

export interface ComposeVolume {
  type?: string;
  source?: string;
  target?: string;
  read_only?: boolean;
}

export interface ComposeService {
  image?: string;
  build?: ComposeBuild;
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: Record<string, ComposeDependency> | string[];
  restart?: string;
  init?: boolean;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  profiles?: string[];
  ports?: string[];
  volumes?: (string | ComposeVolume)[];
  env_file?: string | (string | { path: string; required?: boolean })[];
  stop_grace_period?: string;
  'x-healthcheck-exception'?: string;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export const composeText = (): string => readFileSync(repoPath('docker-compose.yml'), 'utf8');

/** Parsed with YAML 1.1 merge keys (`<<: *anchor`), which Compose supports. */
export function loadCompose(): ComposeFile {
  return parse(composeText(), { merge: true }) as ComposeFile;
}

/** A service's environment as a map, from either of Compose's two forms. */
export function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((entry) => {
      const at = entry.indexOf('=');
      return at === -1 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
    }));
  }
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]));
}

/** The env_file paths of a service, as written (relative to the compose file). */
export function envFilesOf(service: ComposeService): string[] {
  const files = service.env_file ?? [];
  return (Array.isArray(files) ? files : [files]).map((file) => (typeof file === 'string' ? file : file.path));
}

export function dependenciesOf(service: ComposeService): Record<string, ComposeDependency> {
  const deps = service.depends_on ?? {};
  return Array.isArray(deps) ? Object.fromEntries(deps.map((name) => [name, { condition: 'service_started' }])) : deps;
}

export function commandOf(service: ComposeService): string[] | undefined {
  const { command } = service;
  return typeof command === 'string' ? command.split(/\s+/).filter(Boolean) : command;
}

// $$ (a literal $), ${NAME...} with an optional modifier, or $NAME.
const variablePattern = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR:+alt}, $$. */
export function interpolate(text: string, vars: Record<string, string | undefined>): string {
  return text.replace(variablePattern, (match, braced: string | undefined, modifier: string | undefined, operand: string | undefined, bare: string | undefined) => {
    if (match === '$$') return '$';
    const name = (braced ?? bare)!;
    const value = vars[name];
    const unsetOrEmpty = value === undefined || value === '';
    switch (modifier) {
      case ':-': return unsetOrEmpty ? operand! : value;
      case '-': return value === undefined ? operand! : value;
      case ':?':
      case '?':
        if (modifier === ':?' ? unsetOrEmpty : value === undefined) throw new Error(`${name}: ${operand}`);
        return value!;
      case ':+': return unsetOrEmpty ? '' : operand!;
      case '+': return value === undefined ? '' : operand!;
      default: return value ?? '';
    }
  });
}

/** Names of the variables interpolated anywhere in a parsed document's values ($$ is not one; comments are not values). */
export function variablesUsed(value: unknown, names = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    for (const match of value.matchAll(variablePattern)) {
      const name = match[1] ?? match[4];
      if (name) names.add(name);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) variablesUsed(item, names);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) variablesUsed(item, names);
  }
  return names;
}

/** A .env file as Compose reads it: KEY=value lines; # comments and blank lines ignored. */
export function readDotenv(path: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (match) vars[match[1]!] = match[2]!.trim().replace(/^(['"])(.*)\1$/, '$2');
  }
  return vars;
}

/** The environment Compose would hand a service, with the given .env values. */
export function interpolatedEnvironment(service: ComposeService, vars: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(environmentOf(service)).map(([key, value]) => [key, interpolate(value, vars)]));
}

/** Duration strings such as "15s", "1m30s", "500ms" in milliseconds. */
export function composeDurationMs(text: string): number {
  const units: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(us|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) throw new Error(`not a duration: ${text}`);
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * units[unit!]!, 0);
}

/** Bind mounts of a service, after interpolation: container path -> host path (as written, normalised). */
export function bindMounts(service: ComposeService, vars: Record<string, string>): Map<string, { source: string; readOnly: boolean }> {
  const mounts = new Map<string, { source: string; readOnly: boolean }>();
  for (const volume of service.volumes ?? []) {
    const long = typeof volume === 'string' ? undefined : volume;
    const [source = '', target = '', mode = ''] = typeof volume === 'string' ? interpolate(volume, vars).split(':') : [interpolate(long!.source ?? '', vars), long!.target ?? ''];
    if (!source.startsWith('.') && !source.startsWith('/')) continue; // a named volume
    mounts.set(target, { source: posix.normalize(source), readOnly: long ? long.read_only === true : mode.split(',').includes('ro') });
  }
  return mounts;
}

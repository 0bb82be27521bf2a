import { ConfigError } from './errors.js';
import { layerForeignSettings, type ForeignConfig } from './foreign-config.js';
import { applyEnvOverrides, readYamlFile } from './load.js';

/**
 * Herald's own configuration: one YAML file (path in HERALD_CONFIG, optional) plus environment
 * variables, which win. Secrets belong in the environment; everything else may live in the file.
 * This mapping is the single list of environment variables shared by every app; an app adds its own.
 */
export const sharedEnvMapping: Record<string, string> = {
  DATABASE_URL: 'postgres.url',
  REDIS_URL: 'redis.url',
  HERALD_REDIS_PREFIX: 'redis.prefix',
  LOG_LEVEL: 'log.level',
  LOG_FORMAT: 'log.format',
  DISCORD_API_BASE_URL: 'discord.apiBaseUrl',
  DISCORD_GLOBAL_RPS: 'discord.globalRequestsPerSecond',
  DISCORD_REQUEST_TIMEOUT: 'discord.requestTimeout',
};

/** Environment variables every app reads besides its own mapping (HERALD_CONFIG names the YAML file). */
export const sharedEnvVars = ['HERALD_CONFIG', ...Object.keys(sharedEnvMapping)];

/**
 * The file is shared by every app, and each app validates only its own sections (strictly); a
 * section no app knows is most likely a typo, so it is refused here.
 */
export const knownSections = ['postgres', 'redis', 'log', 'discord', 'servatrice', 'ibc', 'reddit', 'notifier', 'web', 'admin', 'demo', 'destinations', 'routes', 'retention', 'backup', 'reports', 'community'];

export interface LoadHeraldSettingsOptions {
  /**
   * Other programs' files the app accepts, each named by its own variable (`DAB_CONFIG`): read
   * under the YAML file, which is under the environment (env wins, then YAML, then these).
   */
  foreign?: readonly ForeignConfig[];
  /** Receives the foreign files' warnings (deprecated keys); the app logs them once it has a logger. */
  onWarning?: (message: string) => void;
}

export function loadHeraldSettings(
  env: Record<string, string | undefined>,
  appEnvMapping: Record<string, string> = {},
  options: LoadHeraldSettingsOptions = {},
): Record<string, unknown> {
  const file = env.HERALD_CONFIG ? expandEnvReferences(readYamlFile(env.HERALD_CONFIG), env) : {};
  const unknown = Object.keys(file).filter((key) => !knownSections.includes(key));
  if (unknown.length > 0) throw new ConfigError(unknown[0]!, `unknown section in ${env.HERALD_CONFIG} (known: ${knownSections.join(', ')})`);
  const layered = layerForeignSettings(file, env, options.foreign ?? [], options.onWarning ?? (() => {}));
  return applyEnvOverrides(layered, env, { ...sharedEnvMapping, ...appEnvMapping });
}

/**
 * A value written as `${NAME}` is read from the environment, so secrets such as webhook URLs can
 * be routed in the file while living in the environment. A missing variable is an error naming both.
 */
export function expandEnvReferences(file: Record<string, unknown>, env: Record<string, string | undefined>): Record<string, unknown> {
  const expand = (value: unknown, path: string): unknown => {
    if (typeof value === 'string') {
      const name = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(value.trim())?.[1];
      if (name === undefined) return value;
      const found = env[name];
      if (found === undefined || found === '') throw new ConfigError(path, `refers to the environment variable ${name}, which is not set`);
      return found;
    }
    if (Array.isArray(value)) return value.map((item, i) => expand(item, `${path}.${i}`));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expand(item, path ? `${path}.${key}` : key)]));
    }
    return value;
  };
  return expand(file, '') as Record<string, unknown>;
}

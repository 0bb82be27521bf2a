import { ConfigError } from './errors.js';
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
  DISCORD_API_BASE_URL: 'discord.apiBaseUrl',
  DISCORD_GLOBAL_RPS: 'discord.globalRequestsPerSecond',
};

/** Environment variables every app reads besides its own mapping (HERALD_CONFIG names the YAML file). */
export const sharedEnvVars = ['HERALD_CONFIG', ...Object.keys(sharedEnvMapping)];

/**
 * The file is shared by every app, and each app validates only its own sections (strictly); a
 * section no app knows is most likely a typo, so it is refused here.
 */
export const knownSections = ['postgres', 'redis', 'log', 'discord', 'servatrice', 'notifier', 'web', 'admin', 'demo'];

export function loadHeraldSettings(
  env: Record<string, string | undefined>,
  appEnvMapping: Record<string, string> = {},
): Record<string, unknown> {
  const file = env.HERALD_CONFIG ? readYamlFile(env.HERALD_CONFIG) : {};
  const unknown = Object.keys(file).filter((key) => !knownSections.includes(key));
  if (unknown.length > 0) throw new ConfigError(unknown[0]!, `unknown section in ${env.HERALD_CONFIG} (known: ${knownSections.join(', ')})`);
  return applyEnvOverrides(structuredClone(file), env, { ...sharedEnvMapping, ...appEnvMapping });
}

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
};

/** Environment variables every app reads besides its own mapping (HERALD_CONFIG names the YAML file). */
export const sharedEnvVars = ['HERALD_CONFIG', ...Object.keys(sharedEnvMapping)];

export function loadHeraldSettings(
  env: Record<string, string | undefined>,
  appEnvMapping: Record<string, string> = {},
): Record<string, unknown> {
  const file = env.HERALD_CONFIG ? readYamlFile(env.HERALD_CONFIG) : {};
  return applyEnvOverrides(structuredClone(file), env, { ...sharedEnvMapping, ...appEnvMapping });
}

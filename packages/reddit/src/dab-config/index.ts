import type { ForeignConfig } from '@herald/config';
import { readDabFile } from './read.js';
import { translateDabFile, type DabConfig } from './translate.js';

export { dabFileSchema, welcomeFields, type DabFile } from './schema.js';
export { dabDestinations, translateDabFile, type DabConfig } from './translate.js';
export { readDabFile, type DabFileRead } from './read.js';

/** The variable naming Down Arrows Bot's config file; the apps' `--dab-config PATH` sets it. */
export const DAB_CONFIG = 'DAB_CONFIG';

/**
 * Reads and translates a dab.conf.json (seed-behaviour §3.13). Throws ConfigError(s): the file's
 * own problems under `setting` (`DAB_CONFIG: cannot read the dab.conf.json /x: ENOENT`), a key's as
 * `<key as written> in <file>: …` (`reddit.max_age in /etc/dab.conf.json: must be at least 24h (got 1h)`).
 */
export function readDabConfig(path: string, setting: string = DAB_CONFIG): DabConfig {
  return translateDabFile(readDabFile(path, setting), path);
}

/**
 * The dab.conf.json as one of Herald's configuration layers: pass it to loadHeraldSettings
 * (`{ foreign: [dabConfig], onWarning }`) and DAB_CONFIG's file is read under HERALD_CONFIG and
 * the environment (env wins, then YAML, then dab.conf.json).
 */
export const dabConfig: ForeignConfig = {
  envVar: DAB_CONFIG,
  read: (path, setting) => readDabConfig(path, setting),
};

/** An app's `--dab-config PATH` (parseCommandLine's option `dab-config`) becomes DAB_CONFIG, which it overrides. */
export function withDabConfigOption(env: Record<string, string | undefined>, options: ReadonlyMap<string, string>): Record<string, string | undefined> {
  const path = options.get('dab-config');
  return path === undefined ? env : { ...env, [DAB_CONFIG]: path };
}

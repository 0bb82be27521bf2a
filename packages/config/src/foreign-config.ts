import { recordSettingSource } from './load.js';

/**
 * Another program's configuration file that Herald reads, translated into Herald's settings, so an
 * operator moving over keeps their file (Down Arrows Bot's `dab.conf.json`, see @herald/reddit's
 * `dabConfig`). The config package knows none of them: an app passes the ones it accepts to
 * {@link loadHeraldSettings}, and each translates the whole file, so every app reads the same
 * settings from it (the notifier the bot and channels, the poller its source, the web app its own).
 */
export interface ForeignConfig {
  /** The environment variable naming the file, e.g. `DAB_CONFIG`; apps list it among their envVars. */
  readonly envVar: string;
  /**
   * Reads the file and translates it. `setting` is where the path came from (the variable), for an
   * error about the file itself (`DAB_CONFIG: cannot read …`). Throws ConfigError(s) naming the key
   * as written in the file and the file (`reddit.max_age in /etc/dab.conf.json: …`).
   */
  read(path: string, setting: string): ForeignSettings;
}

export interface ForeignSettings {
  /** Herald's settings in the YAML file's shape (`reddit: {maxAge: …}`, `destinations`, `routes`); leaves only what the file set. */
  readonly settings: Record<string, unknown>;
  /**
   * Herald path → the key as the operator wrote it (`reddit.maxAge` → `reddit.max_age in /etc/dab.conf.json`),
   * so that a value Herald's own schema refuses is named as written. Leaves only, no list items.
   */
  readonly sources: ReadonlyMap<string, string>;
  /** Deprecated keys and the like, for the app to log once it has a logger. */
  readonly warnings: readonly string[];
}

/**
 * Record settings whose entries are replaced whole by a higher layer rather than merged: a
 * destination is a webhook or a channel, and mixing one layer's webhook with another's channel
 * would make it both.
 */
const replacedWhole = new Set(['destinations']);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Lays `upper` over `lower` (both in the YAML's shape): mappings merge key by key, lists are joined
 * (the upper's items first: `routes` from both files all apply, and an event still reaches each
 * destination once), anything else in `upper` wins. Returns a new object; also the paths `upper`
 * decided, so that names of `lower`'s values there can be forgotten.
 */
export function mergeSettingLayers(lower: Record<string, unknown>, upper: Record<string, unknown>): { merged: Record<string, unknown>; decided: string[] } {
  const decided: string[] = [];
  const merge = (low: unknown, high: unknown, path: string, whole: boolean): unknown => {
    // An empty `reddit:` in YAML is null: no opinion, not "remove what the file below said".
    if ((high === null || high === undefined) && low !== undefined) return low;
    if (whole || !isRecord(high) || !isRecord(low)) {
      if (Array.isArray(high) && Array.isArray(low)) {
        decided.push(...leafPaths(high, path));
        return [...high, ...low];
      }
      decided.push(...(whole ? [path] : leafPaths(high, path)));
      return structuredClone(high);
    }
    const out: Record<string, unknown> = { ...structuredClone(low) };
    for (const [key, value] of Object.entries(high)) {
      const child = path ? `${path}.${key}` : key;
      out[key] = key in low ? merge(low[key], value, child, replacedWhole.has(path)) : merge(undefined, value, child, false);
    }
    return out;
  };
  return { merged: merge(lower, upper, '', false) as Record<string, unknown>, decided };
}

function leafPaths(value: unknown, path: string): string[] {
  if (isRecord(value)) return Object.entries(value).flatMap(([key, item]) => leafPaths(item, path ? `${path}.${key}` : key));
  return [path];
}

/**
 * The foreign files named in `env` (lowest first), then `file` (the YAML) over them. Remembers which
 * key of which file set each value Herald did not override, for {@link parseConfig}'s errors, and
 * hands each file's warnings to `onWarning`.
 */
export function layerForeignSettings(
  file: Record<string, unknown>,
  env: Record<string, string | undefined>,
  foreign: readonly ForeignConfig[],
  onWarning: (message: string) => void,
): Record<string, unknown> {
  let settings: Record<string, unknown> = {};
  const names = new Map<string, string>();
  for (const source of foreign) {
    const path = env[source.envVar];
    if (path === undefined || path === '') continue;
    const read = source.read(path, source.envVar);
    settings = mergeSettingLayers(settings, read.settings).merged;
    for (const [key, name] of read.sources) names.set(key, name);
    read.warnings.forEach((warning) => onWarning(warning));
  }
  const { merged, decided } = mergeSettingLayers(settings, structuredClone(file));
  const related = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
  for (const [key, name] of names) if (!decided.some((path) => related(key, path))) recordSettingSource(merged, key, name);
  return merged;
}

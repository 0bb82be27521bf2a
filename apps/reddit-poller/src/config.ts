import { z } from 'zod';
import { armFailpoints } from '@herald/logging';
import { checkConfigFlag, ConfigError, loadHeraldSettings, parseCommandLine, parseConfig, pipelineSections, sharedEnvVars } from '@herald/config';
import { dabConfig, withDabConfigOption } from '@herald/reddit/dab-config';
import { redditEnvMapping, redditSection, requireRedditCredentials, type RedditCredentials } from '@herald/reddit/settings';
import { checkRoutes } from '@herald/pipeline';

/** The only module of this app that reads process.env and argv. */
export const usage = `Usage: reddit-poller [--verbose]
       reddit-poller --useradd "NAME[,NAME …]"
       reddit-poller --import-dab PATH
  (each also takes --dab-config PATH: the seed's dab.conf.json, as DAB_CONFIG)

  --useradd NAMES     register Reddit users (separated by commas or spaces; the hide prefix hides one), suspended
                      ones too (the seed's -useradd, forced mode); prints one line per name and exits
                      (0: all added, 1: some were not)
  --import-dab PATH   import a Down Arrows Bot SQLite database (users, comments, who registered them, announced
                      high scores) into Herald's Postgres, print what was done, and exit
  --dab-config PATH   read Down Arrows Bot's dab.conf.json (its reddit and discord keys) under HERALD_CONFIG
  --check-config      check the settings (and dab.conf.json), print {"config":"ok"} and exit 0 (2: a problem, named)
  --verbose           debug logging
  -h, --help          this text

Settings come from the YAML file in $HERALD_CONFIG (the reddit: section), the seed's dab.conf.json in $DAB_CONFIG,
and the environment (DATABASE_URL, REDIS_URL, ${Object.keys(redditEnvMapping).join(', ')}); see the README.`;

const fileSchema = z.object({ ...pipelineSections, reddit: redditSection });
// Importing needs Postgres only.
const importSchema = fileSchema.omit({ redis: true, reddit: true });

/** Every environment variable the poller reads (checked against docker-compose.yml by a test). */
export const envVars = [...sharedEnvVars, ...Object.keys(redditEnvMapping), 'DAB_CONFIG', 'HERALD_FAILPOINTS'];

export type Mode = { kind: 'run' } | { kind: 'useradd'; names: string } | { kind: 'import-dab'; path: string };

export interface PollerConfig {
  mode: Exclude<Mode, { kind: 'import-dab' }>;
  /** `--check-config`: the settings were checked (as for `mode`); report and exit without connecting. */
  checkOnly: boolean;
  herald: z.infer<typeof fileSchema>;
  /** The Reddit app's credentials: without them the source is off, and the poller refuses to start (exit 2). */
  credentials: RedditCredentials;
  /** Deprecated or ignored keys of dab.conf.json, logged once the logger exists. */
  warnings: string[];
}
export interface ImportConfig {
  mode: { kind: 'import-dab'; path: string };
  checkOnly: boolean;
  herald: z.infer<typeof importSchema>;
  warnings: string[];
}

export const isImport = (config: PollerConfig | ImportConfig): config is ImportConfig => config.mode.kind === 'import-dab';

/** Parses argv and the settings once; throws ConfigError (exit 2) naming the argument or setting. */
export function loadConfig(argv: string[], env: Record<string, string | undefined>): PollerConfig | ImportConfig {
  armFailpoints((env.HERALD_FAILPOINTS ?? '').split(','));
  const args = parseCommandLine(argv, { flags: ['verbose', checkConfigFlag], options: ['useradd', 'import-dab', 'dab-config'] }, usage);
  const useradd = args.options.get('useradd');
  const importPath = args.options.get('import-dab');
  if (useradd !== undefined && importPath !== undefined) throw new ConfigError('--useradd', 'cannot be combined with --import-dab');
  if (useradd !== undefined && useradd.trim() === '') throw new ConfigError('--useradd', 'needs at least one Reddit user name');
  const warnings: string[] = [];
  const raw = loadHeraldSettings(withDabConfigOption(env, args.options), redditEnvMapping, { foreign: [dabConfig], onWarning: (w) => warnings.push(w) });
  if (args.flags.has('verbose')) raw.log = { ...(raw.log as object | undefined), level: 'debug' };
  const checkOnly = args.flags.has(checkConfigFlag);
  if (importPath !== undefined) return { mode: { kind: 'import-dab', path: importPath }, checkOnly, herald: parseConfig(importSchema, raw), warnings };
  const herald = parseConfig(fileSchema, raw);
  checkRoutes(herald.routes, Object.keys(herald.destinations));
  const credentials = requireRedditCredentials(herald.reddit);
  return { mode: useradd !== undefined ? { kind: 'useradd', names: useradd } : { kind: 'run' }, checkOnly, herald, credentials, warnings };
}

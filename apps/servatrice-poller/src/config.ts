import { z } from 'zod';
import { armFailpoints } from '@herald/logging';
import {
  checkConfigFlag,
  ConfigError,
  ConfigErrors,
  duration,
  flag,
  intFromString,
  loadHeraldSettings,
  parseCommandLine,
  parseConfig,
  postgresSection,
  redisSection,
  pipelineSections,
  sharedEnvVars,
} from '@herald/config';
import { checkRoutes, compileRouter } from '@herald/pipeline';
import { loadServatriceSettings, settingLabels, type ServatriceSettings } from '@herald/servatrice';

/** The only module of this app that reads process.env and argv. */
export const usage = `Usage: servatrice-poller [--config PATH] [--dry-run | --test-webhook | --check-config] [--backfill N] [--verbose]

  -c, --config PATH   servatrice-style ini with [database] and [discord] new_user_activation_webhook
                      (default: $CONFIG_FILE). Environment variables DB_HOST, DB_PORT, DB_NAME, DB_USER,
                      DB_PASSWORD, DB_TABLE_PREFIX, DB_SSL, DB_SSL_CA and DISCORD_WEBHOOK_URL override it.
  --dry-run           show what the next poll would post; write nothing, post nothing
  --test-webhook      post one test message to the webhook and exit (no database needed)
  --backfill N        on start, also post the last N accounts (already posted ones are skipped)
  --check-config      check the settings and exit (0, or 2 with config errors); connects to nothing
  --verbose           debug logging
  -h, --help          this text

Herald's own settings come from the YAML file in $HERALD_CONFIG and the environment
(DATABASE_URL, REDIS_URL, SERVATRICE_POLL_INTERVAL, ...); see the README.`;

const servatriceSection = z
  .strictObject({
    /** Names this server in fingerprints, cursors and the dashboard; lets one Herald watch several. */
    source: z.string().regex(/^[A-Za-z0-9_-]+$/, 'may contain only letters, digits, - and _').default('default'),
    pollInterval: duration({ min: 100, max: 3_600_000 }).default(1000),
    // 500 rows per statement catches up at ~3,000 accounts/s while keeping the poller's memory low.
    batchSize: intFromString({ min: 1, max: 10_000 }).default(500),
    gapGrace: duration({ min: 0 }).default(10_000),
    // A skipped id gap is re-checked this long for a late commit (issue 7, §6); at least a minute.
    gapRecheck: duration({ min: 60_000 }).default(24 * 3_600_000),
    showEmail: flag().default(true),
    showRealName: flag().default(true),
  })
  .default({ source: 'default', pollInterval: 1000, batchSize: 500, gapGrace: 10_000, gapRecheck: 24 * 3_600_000, showEmail: true, showRealName: true });

const fileSchema = z.object({ ...pipelineSections, servatrice: servatriceSection });
const webhookOnlySchema = fileSchema.omit({ postgres: true, redis: true });

const envMapping = {
  SERVATRICE_SOURCE: 'servatrice.source',
  SERVATRICE_POLL_INTERVAL: 'servatrice.pollInterval',
  SERVATRICE_BATCH_SIZE: 'servatrice.batchSize',
  SERVATRICE_GAP_GRACE: 'servatrice.gapGrace',
  SERVATRICE_GAP_RECHECK: 'servatrice.gapRecheck',
  SERVATRICE_SHOW_EMAIL: 'servatrice.showEmail',
  SERVATRICE_SHOW_REAL_NAME: 'servatrice.showRealName',
};

/** Every environment variable the poller reads (checked against docker-compose.yml by a test). */
export const envVars = [
  ...sharedEnvVars,
  ...Object.keys(envMapping),
  'CONFIG_FILE',
  'HERALD_FAILPOINTS',
  ...['DB_HOST', 'DB_PORT', 'DB_NAME', 'DB_USER', 'DB_PASSWORD', 'DB_TABLE_PREFIX', 'DB_SSL', 'DB_SSL_CA', 'DISCORD_WEBHOOK_URL'],
];

export type Mode = { kind: 'run'; backfill?: number } | { kind: 'dry-run' } | { kind: 'test-webhook' };

export interface PollerConfig {
  mode: Mode;
  /** `--check-config`: the settings were checked (as for `mode`); report and exit without connecting. */
  checkOnly: boolean;
  herald: z.infer<typeof webhookOnlySchema> & { postgres?: z.infer<typeof postgresSection> | undefined; redis?: z.infer<typeof redisSection> | undefined };
  servatrice: ServatriceSettings;
}

export function loadConfig(argv: string[], env: Record<string, string | undefined>): PollerConfig {
  armFailpoints((env.HERALD_FAILPOINTS ?? '').split(','));
  const args = parseCommandLine(argv, { flags: ['dry-run', 'test-webhook', 'verbose', checkConfigFlag], options: ['config', 'backfill'], aliases: { '-c': 'config' } }, usage);
  if (args.flags.has('dry-run') && args.flags.has('test-webhook')) throw new ConfigError('arguments', '--dry-run and --test-webhook cannot be combined');
  const mode = modeFrom(args.flags, args.options.get('backfill'));
  const raw = loadHeraldSettings(env, envMapping);
  if (args.flags.has('verbose')) raw.log = { ...(raw.log as object | undefined), level: 'debug' };
  const iniFromArgs = args.options.get('config');
  const iniPath = iniFromArgs ?? env.CONFIG_FILE;
  const herald = mode.kind === 'run' ? parseConfig(fileSchema, raw) : parseConfig(webhookOnlySchema.extend({ postgres: postgresSection.optional() }), raw);
  checkRoutes(herald.routes, Object.keys(herald.destinations));
  const servatrice = renameIniSetting(iniFromArgs === undefined ? 'CONFIG_FILE' : '--config', () =>
    loadServatriceSettings({
      ...(iniPath ? { iniPath } : {}),
      env,
      requireDatabase: mode.kind !== 'test-webhook',
      requireWebhook: mode.kind === 'test-webhook' || !routesServatrice(herald.routes),
    }),
  );
  if (mode.kind === 'dry-run' && !herald.postgres) throw new ConfigError('DATABASE_URL or postgres.url', 'required for --dry-run (it reads where the poller is up to)');
  return { mode, checkOnly: args.flags.has(checkConfigFlag), herald, servatrice };
}

/**
 * The ini's path came from `--config` or from CONFIG_FILE: a problem with the file itself is
 * reported under the one the operator used (the settings package knows only "the ini").
 */
function renameIniSetting<T>(setting: '--config' | 'CONFIG_FILE', load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigErrors)) throw error;
    throw new ConfigErrors(error.errors.map((e) => (e.key === settingLabels.config ? new ConfigError(setting, e.problem) : e)));
  }
}

/** Whether HERALD_CONFIG routes servatrice registrations anywhere (then the seed's webhook is optional). */
function routesServatrice(routes: PollerConfig['herald']['routes']): boolean {
  const ids = new Map(routes.flatMap((r) => r.to.map((t) => [t.destination, 1] as const)));
  return compileRouter(routes, ids)({ type: 'servatrice.account.registered', severity: 'info' }).length > 0;
}

function modeFrom(flags: Set<string>, backfill: string | undefined): Mode {
  if (flags.has('test-webhook')) return { kind: 'test-webhook' };
  if (flags.has('dry-run')) return { kind: 'dry-run' };
  if (backfill === undefined) return { kind: 'run' };
  if (!/^\d+$/.test(backfill) || Number(backfill) > 100_000) throw new ConfigError('--backfill', `"${backfill}" is not a number of accounts (0 to 100000)`);
  return { kind: 'run', backfill: Number(backfill) };
}

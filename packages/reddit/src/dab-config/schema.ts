import { z } from 'zod';
import { goDuration, goTemplate } from '@herald/config';
import { userAgentFields } from '../settings.js';

/**
 * Down Arrows Bot's `dab.conf.json` as the seed reads it (seed-behaviour §3.13), keys as written in
 * its README (lower case; read.ts folds the operator's spelling to these first): every key, its
 * default and its minimum. Durations are Go strings (`"72h"`) and come out in milliseconds.
 */

/** Fields the `discord.welcome` template may use: the seed's `{BotID, ChannelsID{…}, Member{ID, Name, Discriminator, FQN()}}` (§3.2). */
export const welcomeFields = [
  'Member.ID',
  'Member.Name',
  'Member.FQN',
  'Member.Discriminator',
  'ChannelsID.General',
  'ChannelsID.Graveyard',
  'ChannelsID.HighScores',
  'ChannelsID.Log',
  'BotID',
] as const;

/** The seed's log levels, in any case (§3.1); Herald's names are the same in lower case. */
const logLevel = z
  .string()
  .transform((level) => level.toLowerCase())
  .pipe(z.enum(['fatal', 'error', 'info', 'debug'], { error: 'must be one of Fatal, Error, Info, Debug' }));

/** `""` is "not set", as in the seed, where every optional string is enabled iff non-empty. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** A whole JSON number (Go's `int`). */
const int = (opts: { min?: number; max?: number } = {}) => {
  let schema = z.number({ error: 'must be a whole number (a JSON number, not a string)' }).int('must be a whole number');
  if (opts.min !== undefined) schema = schema.min(opts.min, `must be at least ${opts.min}`);
  if (opts.max !== undefined) schema = schema.max(opts.max, `must be at most ${opts.max}`);
  return schema;
};

/** A Discord id: JSON reads long numbers as floats and changes their last digits, so ids are strings. */
const discordId = optional(
  z
    .string({ error: 'must be a string: put Discord ids in quotes (as a bare number JSON changes their last digits)' })
    .regex(/^\d{15,21}$/, 'must be a Discord id (15 to 21 digits)'),
);

const text = optional(z.string());

/** An IANA time zone (Go's `time.LoadLocation`): `""` and `UTC` are UTC, `Local` the machine's zone. */
const timezone = z.string().transform((name, ctx) => {
  if (name === '' || name === 'UTC') return 'UTC';
  if (name === 'Local') return new Intl.DateTimeFormat().resolvedOptions().timeZone;
  try {
    // Intl also takes offsets such as "+01:00", which Go does not.
    if (/^[+-]/.test(name)) throw new RangeError('an offset, not a zone');
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name;
  } catch {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(name)} is not an IANA time zone name (e.g. America/Chicago, Europe/Paris, UTC)` });
    return z.NEVER;
  }
});

/** A component's `retry_connection` (§3.12), with that component's defaults; `times` -1 retries forever. */
const retry = (times: number, maxInterval: string, resetAfter: string) =>
  z
    .strictObject({
      times: int({ min: -1 }).default(times),
      max_interval: goDuration().prefault(maxInterval),
      reset_after: goDuration().prefault(resetAfter),
    })
    .prefault({});

const database = z
  .strictObject({
    path: z.string().min(1, 'may not be empty').default('./dab.db'),
    backup_path: z.string().min(1, 'may not be empty').default('./dab.db.backup'),
    backup_max_age: goDuration({ min: '1h' }).prefault('24h'),
    cleanup_interval: goDuration({ min: '1m', zeroOrMin: true }).prefault('30m'),
    timeout: goDuration().prefault('15s'),
    retry_connection: retry(25, '10s', '5m'),
    log_level: logLevel.optional(),
  })
  .refine((db) => db.backup_path !== db.path, { path: ['backup_path'], message: 'must differ from database.path' })
  .prefault({});

const discord = z
  .strictObject({
    token: text,
    general: discordId,
    graveyard: discordId,
    highscores: discordId,
    log: discordId,
    highscore_threshold: int({ max: -1 }).default(-1000),
    prefix: z.string().default('!'),
    privileged_role: discordId,
    hide_prefix: text,
    welcome: optional(goTemplate(welcomeFields)),
    dirty_reads: z.boolean().default(true),
    retry_connection: retry(5, '2m', '2h'),
    /** Deprecated since 1.8.0, no effect. */
    admin: z.string().optional(),
    log_level: logLevel.optional(),
  })
  .prefault({});

const reddit = z
  .strictObject({
    id: text,
    secret: text,
    username: text,
    password: text,
    user_agent: optional(goTemplate(userAgentFields)),
    full_scan_interval: goDuration({ min: '1h' }).prefault('6h'),
    inactivity_threshold: goDuration({ min: '24h' }).prefault('2200h'),
    max_age: goDuration({ min: '24h' }).prefault('24h'),
    max_batches: int({ min: 1 }).default(5),
    resurrections_interval: goDuration({ min: '1m', zeroOrMin: true }).prefault('0'),
    /** Deprecated: overrides resurrections_interval when non-zero. */
    unsuspension_interval: goDuration({ min: '1m', zeroOrMin: true }).optional(),
    retry_connection: retry(10, '5m', '1h'),
    // Deprecated, no effect (the compendium and submission watchers were removed in July 2019).
    compendium: z.strictObject({ sub: z.string().optional(), update_interval: goDuration().optional() }).optional(),
    compendium_update_interval: goDuration().optional(),
    dvt_interval: z.string().optional(),
    watch_submissions: z.array(z.strictObject({ target: z.string().optional(), interval: goDuration().optional() })).optional(),
    log_level: logLevel.optional(),
  })
  .prefault({});

const report = z
  .strictObject({
    cutoff: int({ max: 0 }).default(-50),
    nb_top: int({ min: 0 }).default(5),
    /** Deprecated, no effect; still must not be negative. */
    leeway: goDuration().optional(),
  })
  .prefault({});

const web = z
  .strictObject({
    listen: text,
    root_dir: text,
    ip_header: text,
    default_limit: int({ min: 0 }).default(100),
    max_limit: int({ min: 0 }).default(1000),
    nb_db_conn: int({ min: 1 }).default(10),
    dirty_reads: z.boolean().default(true),
    db_optimize: goDuration({ min: '5m' }).prefault('2h'),
    log_level: logLevel.optional(),
  })
  .prefault({});

export const dabFileSchema = z.strictObject({
  hide_prefix: z.string().min(1, 'may not be empty').default('hide/'),
  log_level: logLevel.default('info'),
  timezone: timezone.default('UTC'),
  database,
  discord,
  reddit,
  report,
  web,
});
export type DabFile = z.infer<typeof dabFileSchema>;

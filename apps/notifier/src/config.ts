import { z } from 'zod';
import { armFailpoints } from '@herald/logging';
import {
  checkConfigFlag,
  ConfigError,
  discordSection,
  duration,
  intFromString,
  loadHeraldSettings,
  logSection,
  parseCommandLine,
  parseConfig,
  pipelineSections,
  retentionEnvMapping,
  retentionSection,
  sharedEnvVars,
} from '@herald/config';
// The `ibc:` schema alone: neither the IBC poller's code nor the bot's (discord.js) in a webhook-only notifier.
import { ibcSection } from '@herald/ibc/settings';
import { communityEnvMapping, communitySection } from '@herald/community/settings';
import { DAB_CONFIG, dabConfig } from '@herald/reddit/dab-config';
import { pagesEnvMapping, reportsSection } from '@herald/reddit/pages-settings';
import { redditEnvMapping, redditSection } from '@herald/reddit/settings';

/**
 * Discord bans the IP after 10,000 invalid requests (401/403/429) in 10 minutes; every replica and the bot
 * count theirs in one Redis window and slow down, then stop, well before that (see @herald/discord).
 */
const invalidRequestsSection = z
  .strictObject({
    window: duration({ min: 1000, max: 3_600_000 }).default(600_000),
    slowAt: intFromString({ min: 1, max: 9999 }).default(2500),
    stopAt: intFromString({ min: 1, max: 9999 }).default(5000),
  })
  .refine((v) => v.slowAt <= v.stopAt, { message: 'must not be above stopAt', path: ['slowAt'] })
  .transform(({ window, slowAt, stopAt }) => ({ windowMs: window, slowAt, stopAt }));

/** The only module of the notifier that reads process.env. */
const notifierSection = z
  .strictObject({
    /** Jobs processed at once. Order per destination is kept by a per-destination lock, not by this. */
    concurrency: intFromString({ min: 1, max: 256 }).default(16),
    /** How often Postgres is compared with Redis to re-enqueue anything owed a delivery. */
    reconcileInterval: duration({ min: 1000 }).default(15_000),
    /** Most events grouped into one Discord message during a backlog. */
    batchSize: intFromString({ min: 1, max: 10 }).default(10),
    /** Drop e-mail addresses and real names from stored events once delivered everywhere. */
    scrubDelivered: z.boolean().default(true),
    /** The invalid-request budget's window (`10m`) and thresholds (2500 slows sending, 5000 stops it). */
    invalidRequests: invalidRequestsSection.prefault({}),
  })
  .prefault({});

// `destinations` is read here only to check that channel destinations have a bot to post them.
// `ibc` (shared with the ibc-poller): the commands' RPC timeout (`ibc.requestTimeout`) and the
// destinations whose IBC status message the notifier edits in place (`ibc.statusDestinations`).
// `reddit` (shared with the reddit-poller): the credentials `register` looks users up with, on the
// poller's shared request budget, and the hide prefix.
// `community` (DAB's chores: link logging, welcome, goodbye, invite's channel) and `reports` (shared
// with the web app: its `timezone` is the `date` command's).
const schema = z
  .object({
    ...pipelineSections,
    notifier: notifierSection,
    ibc: ibcSection,
    reddit: redditSection,
    retention: retentionSection,
    community: communitySection,
    reports: reportsSection,
  })
  .superRefine((config, ctx) => {
    config.ibc.statusDestinations.forEach((name, i) => {
      if (!Object.hasOwn(config.destinations, name)) {
        const known = Object.keys(config.destinations).join(', ') || 'none';
        ctx.addIssue({ code: 'custom', path: ['ibc', 'statusDestinations', i], message: `"${name}" is not a destination (known: ${known})` });
      }
    });
  });

/** The notifier's settings, and the dab.conf.json keys it warned about (logged once the logger exists). */
export type NotifierConfig = z.infer<typeof schema> & { warnings: string[] };

/** The bot's settings, shared with the register-commands CLI. */
export const botEnvMapping = {
  DISCORD_BOT_TOKEN: 'discord.bot.token',
  DISCORD_APPLICATION_ID: 'discord.bot.applicationId',
  DISCORD_GUILD_ID: 'discord.bot.guildId',
  DISCORD_PRIVILEGED_ROLE: 'discord.bot.privilegedRole',
  DISCORD_MESSAGE_CONTENT: 'discord.bot.messageContent',
  DISCORD_COMMAND_PREFIX: 'discord.bot.prefix',
  DISCORD_TIDY_AFTER: 'discord.bot.tidyAfter',
};

const envMapping = {
  // The commands read chains with the same per-request timeout as the ibc-poller.
  IBC_REQUEST_TIMEOUT: 'ibc.requestTimeout',
  NOTIFIER_CONCURRENCY: 'notifier.concurrency',
  NOTIFIER_RECONCILE_INTERVAL: 'notifier.reconcileInterval',
  NOTIFIER_BATCH_SIZE: 'notifier.batchSize',
  NOTIFIER_INVALID_REQUEST_WINDOW: 'notifier.invalidRequests.window',
  NOTIFIER_INVALID_REQUEST_SLOW_AT: 'notifier.invalidRequests.slowAt',
  NOTIFIER_INVALID_REQUEST_STOP_AT: 'notifier.invalidRequests.stopAt',
  ...retentionEnvMapping,
  ...botEnvMapping,
  ...redditEnvMapping,
  ...communityEnvMapping,
  ...pagesEnvMapping,
};

/** The notifier's command line: its settings come from HERALD_CONFIG, dab.conf.json and the environment only. */
export const notifierUsage = `Usage: notifier [--check-config]

  (no argument)       deliver events to Discord, refresh the status messages and, with a bot token, answer commands
  --check-config      check the settings, print {"config":"ok"} and exit 0 (2: a problem, named); connects to nothing
  -h, --help          this text

Settings come from the YAML file in $HERALD_CONFIG, the seed's dab.conf.json in $DAB_CONFIG and the environment
(DATABASE_URL, REDIS_URL, DISCORD_BOT_TOKEN, NOTIFIER_CONCURRENCY, ...); see the README.`;

export interface NotifierCommand {
  /** `--check-config`: check the settings, report and exit without connecting. */
  checkOnly: boolean;
}

/**
 * Parses the notifier's arguments with the one parser (@herald/config's parseCommandLine): `--help`
 * prints {@link notifierUsage} and exits 0; anything else unknown (`--check-confg`, a stray word)
 * throws a ConfigError naming it, with the usage (exit 2 through runMain), before anything starts.
 */
export function parseNotifierCommandLine(argv: readonly string[]): NotifierCommand {
  const args = parseCommandLine(argv, { flags: [checkConfigFlag], options: [] }, notifierUsage);
  return { checkOnly: args.flags.has(checkConfigFlag) };
}

/** Every environment variable the notifier reads (checked against docker-compose.yml by a test). */
export const envVars = [...sharedEnvVars, ...Object.keys(envMapping), DAB_CONFIG, 'HERALD_FAILPOINTS'];

export function loadConfig(env: Record<string, string | undefined>): NotifierConfig {
  armFailpoints((env.HERALD_FAILPOINTS ?? '').split(','));
  const warnings: string[] = [];
  // The seed's dab.conf.json (DAB_CONFIG) gives the bot's token, prefix, privileged role and the Reddit channels.
  const config = { ...parseConfig(schema, loadHeraldSettings(env, envMapping, { foreign: [dabConfig], onWarning: (w) => warnings.push(w) })), warnings };
  const channel = Object.entries(config.destinations).find(([, d]) => d.channel !== undefined);
  if (channel && !config.discord.bot?.token) {
    throw new ConfigError('discord.bot.token (DISCORD_BOT_TOKEN)', `required: destination "${channel[0]}" is a channel, and channel messages are posted by the bot`);
  }
  const chore = Object.entries(config.community).find(([, value]) => value !== undefined);
  if (chore && !config.discord.bot?.token) {
    throw new ConfigError('discord.bot.token (DISCORD_BOT_TOKEN)', `required: community.${chore[0]} is set, and the community chores are the bot's`);
  }
  return config;
}

/** The register-commands CLI needs only Discord settings (no database, no Redis). */
export function loadBotConfig(env: Record<string, string | undefined>) {
  const config = parseConfig(z.object({ log: logSection, discord: discordSection }), loadHeraldSettings(env, botEnvMapping, { foreign: [dabConfig] }));
  const bot = config.discord.bot;
  if (!bot?.token) throw new ConfigError('discord.bot.token (DISCORD_BOT_TOKEN)', 'required to register slash commands');
  return { ...config, bot: { ...bot, token: bot.token } };
}

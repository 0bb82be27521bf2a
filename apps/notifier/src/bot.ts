import { readFileSync } from 'node:fs';
import type { Queue } from 'bullmq';
import { startBot, type Bot } from '@herald/bot';
import { checkCommunityChannels, communityFeatures, restChores } from '@herald/community';
import { QueueName } from '@herald/contracts';
import type { SqlPool } from '@herald/db/sql';
import type { DiscordClient } from '@herald/discord';
import { createIbcCommandDeps } from '@herald/ibc/commands';
import { createQueue, createRedis, reportRedisOutages, type QueueContext } from '@herald/queue';
import { createRedditCommandDeps } from '@herald/reddit/commands';
import { dabDestinations } from '@herald/reddit/dab-config';
import { notifierCommands } from './commands.js';
import { recordDiscordNames } from './discord-names.js';
import type { NotifierConfig } from './config.js';
import { statusReporter } from './status.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * Starts the discord.js bot on the notifier's REST client (so commands and channel deliveries
 * share the bot's rate limits). It logs in in the background and retries with backoff: a gateway
 * outage delays commands, never deliveries.
 */
export async function startCommandBot(input: { config: NotifierConfig; db: SqlPool; discord: DiscordClient; queues: Queue[]; ctx: QueueContext; redisUrl: string }) {
  const { config, db, discord, ctx } = input;
  const reddit = await redditLookups(input);
  const bot = config.discord.bot!;
  // The poll queue belongs to the pollers; the notifier only reads its depth for /status.
  const pollQueue = createQueue(QueueName.servatricePoll, ctx);
  // The community chores' Discord requests go through the same REST client (one set of rate limits).
  const chores = restChores(discord.rest);
  const started: Bot = startBot({
    token: bot.token!,
    apiBaseUrl: config.discord.apiBaseUrl,
    rest: discord.rest,
    registry: notifierCommands,
    deps: {
      version,
      // `started` exists by the time anyone runs /status.
      status: statusReporter(db, [pollQueue, ...input.queues], (): readonly string[] => started.disabledFeatures),
      // IBC commands read chains live (balances, register_chain's probe) with the poller's per-request timeout.
      ...createIbcCommandDeps({ db, requestTimeoutMs: config.ibc.requestTimeout, logger: ctx.logger }),
      // Reddit commands: `register` looks users up on Reddit (on the pollers' shared budget); without
      // Reddit credentials it answers "registration service is unavailable", the others read stored data.
      ...createRedditCommandDeps({ db, reddit: reddit?.api, hidePrefix: config.reddit.hidePrefix }),
      // DAB's chores: `invite` invites to the general channel, `date` answers in the reports' time zone.
      community: { discord: chores, generalChannel: config.community.generalChannel, timezone: config.reports.timezone, now: () => new Date() },
    },
    // Link logging, welcome and goodbye messages, each on when its `community.*` setting is.
    features: communityFeatures({
      settings: config.community,
      discord: chores,
      prefix: bot.prefix,
      // A welcome template's `{{.ChannelsID.Graveyard}}` and `{{.ChannelsID.HighScores}}`: the Reddit
      // destinations a dab.conf.json creates (or YAML names so); the graveyard defaults to the goodbye channel.
      channels: {
        graveyard: config.destinations[dabDestinations.graveyard]?.channel ?? config.community.goodbyeChannel,
        highScores: config.destinations[dabDestinations.highscores]?.channel,
      },
      logger: ctx.logger,
    }),
    settings: {
      prefix: bot.prefix,
      messageContent: bot.messageContent,
      messageContentSetting: 'discord.bot.messageContent',
      ...(bot.privilegedRole !== undefined && { privilegedRoleId: bot.privilegedRole }),
      ...(bot.tidyAfter !== undefined && { tidyAfterMs: bot.tidyAfter }),
    },
    logger: ctx.logger,
  });
  // Role and member names for the dashboard ("pings @moderator" instead of an id): discord_names.
  void started.ready.then(() => recordDiscordNames(started.client, db, ctx.logger), () => undefined);
  // Each community channel is checked once connected: a wrong id is named in the log, the bot stays up.
  void started.ready.then(() => reportChannelProblems(config, chores, ctx), () => undefined);
  return {
    async stop() {
      await started.stop();
      await pollQueue.close();
      await reddit?.close();
    },
  };
}

/**
 * The Reddit client `register` uses, when the notifier has the Reddit credentials: the same
 * request budget as the reddit-pollers (Redis, per client id), so lookups never push Reddit past
 * its limit. Loaded on demand: a notifier without Reddit does not load snoowrap.
 */
async function redditLookups(input: { config: NotifierConfig; ctx: QueueContext; redisUrl: string }) {
  const credentials = input.config.reddit.credentials;
  if (!credentials) return undefined;
  const { createRedditClient, createRequestBudget } = await import('@herald/reddit');
  const redis = reportRedisOutages(createRedis(input.redisUrl, 'worker'), input.ctx.logger, 'Redis (Reddit request budget)'); // a lookup waits for Redis instead of failing while it connects
  // A member waits for the answer: lookups go ahead of the pollers' paced scans.
  const gate = createRequestBudget({ redis, prefix: input.ctx.prefix, clientId: credentials.clientId, interactive: true });
  const api = createRedditClient(input.config.reddit, credentials, { gate, version, logger: input.ctx.logger });
  return {
    api,
    async close() {
      await api.close();
      redis.disconnect();
    },
  };
}

/** Logs one error per unusable `community.*` channel (missing, not visible to the bot, not a text channel). */
async function reportChannelProblems(config: NotifierConfig, chores: ReturnType<typeof restChores>, ctx: QueueContext) {
  try {
    for (const { setting, channelId, problem } of await checkCommunityChannels(config.community, chores)) {
      ctx.logger.error({ setting, channelId }, `${setting}: channel ${channelId} cannot be used: ${problem}; that chore fails until it is fixed`);
    }
  } catch (err) {
    ctx.logger.warn({ err }, 'could not check the community channels');
  }
}

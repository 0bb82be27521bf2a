import { readFileSync } from 'node:fs';
import type { Queue } from 'bullmq';
import { startBot } from '@herald/bot';
import { QueueName } from '@herald/contracts';
import type { SqlPool } from '@herald/db/sql';
import type { DiscordClient } from '@herald/discord';
import { createIbcCommandDeps } from '@herald/ibc/commands';
import { createQueue, type QueueContext } from '@herald/queue';
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
export function startCommandBot(input: { config: NotifierConfig; db: SqlPool; discord: DiscordClient; queues: Queue[]; ctx: QueueContext }) {
  const { config, db, discord, ctx } = input;
  const bot = config.discord.bot!;
  // The poll queue belongs to the pollers; the notifier only reads its depth for /status.
  const pollQueue = createQueue(QueueName.servatricePoll, ctx);
  const started = startBot({
    token: bot.token!,
    apiBaseUrl: config.discord.apiBaseUrl,
    rest: discord.rest,
    registry: notifierCommands,
    deps: {
      version,
      status: statusReporter(db, [pollQueue, ...input.queues]),
      // IBC commands read chains live (balances, register_chain's probe) with the poller's per-request timeout.
      ...createIbcCommandDeps({ db, requestTimeoutMs: config.ibc.requestTimeout, logger: ctx.logger }),
    },
    settings: {
      prefix: bot.prefix,
      messageContent: bot.messageContent,
      ...(bot.privilegedRole !== undefined && { privilegedRoleId: bot.privilegedRole }),
      ...(bot.tidyAfter !== undefined && { tidyAfterMs: bot.tidyAfter }),
    },
    logger: ctx.logger,
  });
  // Role and member names for the dashboard ("pings @moderator" instead of an id): discord_names.
  void started.ready.then(() => recordDiscordNames(started.client, db, ctx.logger), () => undefined);
  return {
    async stop() {
      await started.stop();
      await pollQueue.close();
    },
  };
}

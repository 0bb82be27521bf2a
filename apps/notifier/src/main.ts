import { DelayedError } from 'bullmq';
import { reportConfigOk, runMain } from '@herald/config';
import { QueueName } from '@herald/contracts';
import { createSqlPool, reportAvailability } from '@herald/db/sql';
import { createDiscordClient, createInvalidRequestBudget } from '@herald/discord';
import { createLogger, createOutageReporter } from '@herald/logging';
import { createDeliveryEngine, reconcileOutbox } from '@herald/pipeline';
import { startMetricsPublisher } from '@herald/pipeline/metrics';
import { createQueue, createRedis, createWorker, ensureSchedulers, handleShutdown, watchSchedulers, type SchedulerSpec } from '@herald/queue';
import { loadConfig, parseNotifierCommandLine } from './config.js';
import { setupIbcStatus } from './ibc-status.js';
import { renderers } from './renderers.js';
import { setupRetention } from './retention.js';
import { discordSender, packer } from './sender.js';

await runMain(async () => {
  // Arguments first: `--help` and a mistyped option answer without any settings.
  const command = parseNotifierCommandLine(process.argv.slice(2));
  const config = loadConfig(process.env);
  if (command.checkOnly) return reportConfigOk();
  const logger = createLogger({ name: 'notifier', ...config.log });
  for (const warning of config.warnings) logger.warn(warning);
  // One line when Postgres goes away and one when it is back, whichever part of the notifier noticed.
  const db = reportAvailability(createSqlPool({ url: config.postgres.url, max: 6 }), createOutageReporter({ logger, what: 'Postgres' }));
  const botToken = config.discord.bot?.token;
  // One REST client for webhooks, bot channel messages and the bot's replies: one set of rate limits.
  // Its invalid-request budget is shared by every replica through Redis; a producer connection fails fast,
  // so a Redis outage falls back to a local count instead of holding deliveries.
  const budgetConnection = createRedis(config.redis.url, 'producer');
  const invalidRequests = createInvalidRequestBudget({
    redis: budgetConnection,
    prefix: config.redis.prefix,
    ...config.notifier.invalidRequests,
    logger,
  });
  const discord = createDiscordClient({
    apiBaseUrl: config.discord.apiBaseUrl,
    globalRequestsPerSecond: config.discord.globalRequestsPerSecond,
    timeoutMs: config.discord.requestTimeout,
    logger,
    invalidRequests,
    ...(botToken !== undefined && { botToken }),
  });
  const engine = createDeliveryEngine({
    db,
    sender: discordSender(discord, botToken !== undefined),
    pack: packer,
    renderers,
    logger,
    batchSize: config.notifier.batchSize,
    scrubPersonalData: config.notifier.scrubDelivered,
  });

  const connection = createRedis(config.redis.url, 'worker');
  const ctx = { connection, prefix: config.redis.prefix, logger };
  const deliverQueue = createQueue(QueueName.deliver, ctx);
  const maintenanceQueue = createQueue(QueueName.maintenance, ctx);
  const reconcile = () => reconcileOutbox(db, deliverQueue, logger);

  const deliverWorker = createWorker(
    QueueName.deliver,
    {
      'events.deliver': async (data, job, token) => {
        const outcome = await engine.deliverEvents(data.events.map((e) => BigInt(e.eventId)), data.destinations);
        if (outcome.kind === 'retry') {
          // Wait without spending an attempt: a Discord outage may last hours and nothing may be dropped.
          await job.moveToDelayed(outcome.at.getTime(), token);
          throw new DelayedError();
        }
      },
    },
    ctx,
    // A job held by a process that was killed is handed on within ~6 s (lock expiry + one stalled
    // check) instead of BullMQ's default ~60 s; a graceful stop hands its jobs on at once.
    { concurrency: config.notifier.concurrency, lockDuration: 4_000, stalledInterval: 2_000, maxStalledCount: 5 },
  );
  const ibcStatus = await setupIbcStatus({ config, db, discord, maintenanceQueue, logger });
  // The notifier's own metrics reach /metrics through Redis (see startMetricsPublisher).
  const metrics = startMetricsPublisher({ service: 'notifier', redis: { connection: budgetConnection, prefix: config.redis.prefix }, logger });
  const retention = setupRetention({ settings: config.retention, db, maintenanceQueue, registry: metrics.registry, logger });
  const maintenanceWorker = createWorker(
    QueueName.maintenance,
    { 'outbox.reconcile': () => reconcile(), 'ibc.status.refresh': () => ibcStatus.refresh(), 'retention.run': () => retention.run() },
    ctx,
    { concurrency: 1 },
  );

  const schedulers: SchedulerSpec[] = [
    { id: 'outbox-reconcile', queue: maintenanceQueue, job: 'outbox.reconcile', data: {}, everyMs: config.notifier.reconcileInterval },
    ...ibcStatus.schedulers,
    ...retention.schedulers,
  ];
  await ensureSchedulers(schedulers, logger);
  const watchdog = watchSchedulers(schedulers, { checkEveryMs: 5000, logger, onRecovered: async () => void (await reconcile()) });
  await reconcile(); // whatever was owed before this start (e.g. Redis lost its data while we were down)
  // Commands are answered by the gateway connection; deliveries never wait for it (they use REST).
  // discord.js is loaded only when there is a bot: a webhook-only notifier does not load it at all.
  const bot = config.discord.bot?.token
    ? await (await import('./bot.js')).startCommandBot({ config, db, discord, queues: [deliverQueue, maintenanceQueue], ctx, redisUrl: config.redis!.url })
    : undefined;
  logger.info({ concurrency: config.notifier.concurrency, owner: engine.owner, bot: bot !== undefined }, 'notifier started');

  handleShutdown(
    [
      async () => watchdog.stop(),
      async () => engine.stop(),
      () => deliverWorker.close(),
      () => maintenanceWorker.close(),
      () => deliverQueue.close(),
      () => maintenanceQueue.close(),
      async () => bot?.stop(),
      () => connection.quit(),
      () => metrics.close(),
      async () => budgetConnection.disconnect(),
      async () => discord.destroy(),
      () => db.end(),
    ],
    { logger },
  );
});

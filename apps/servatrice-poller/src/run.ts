import { QueueName } from '@herald/contracts';
import type { SqlPool } from '@herald/db/sql';
// The URL helpers only: the Discord REST client is not needed (nor loaded) by the poller.
import { webhookLabel } from '@herald/discord/webhook';
import type { Logger } from '@herald/logging';
import { compileRouter, createOutboxStore, destinationSpecs, enqueueDeliveries, syncDestinations, type DestinationSpec } from '@herald/pipeline';
import type { RoutesSettings } from '@herald/config';
import { createQueue, createRedis, createWorker, ensureSchedulers, watchSchedulers, type Closer } from '@herald/queue';
import { backfill, createPollJobHandler, type AccountReader } from '@herald/servatrice';
import type { PollerConfig } from './config.js';

/** Starts the poll worker and its job scheduler; returns what must be closed on shutdown, in order. */
export async function startPoller(config: PollerConfig, deps: { db: SqlPool; reader: AccountReader; logger: Logger }): Promise<Closer[]> {
  const { db, reader, logger } = deps;
  const { servatrice, herald } = config;
  const redisConfig = herald.redis!;
  const source = herald.servatrice.source;

  // The seed's one webhook (DISCORD_WEBHOOK_URL / the ini) gets every servatrice event, as it always did;
  // routes in HERALD_CONFIG add destinations, mentions and severity filters.
  const specs: DestinationSpec[] = destinationSpecs(herald.destinations);
  const routes: RoutesSettings = [...herald.routes];
  if (servatrice.webhookUrl) {
    const key = `servatrice-${source}`;
    specs.push({ key, kind: 'webhook', target: servatrice.webhookUrl, label: webhookLabel(servatrice.webhookUrl) });
    routes.push({ events: ['servatrice.*'], to: [{ destination: key, mentions: { users: [], roles: [] }, minSeverity: 'info' }] });
  }
  const destinationIds = await syncDestinations(db, specs);
  const outbox = createOutboxStore({ pool: db, routeTo: compileRouter(routes, destinationIds) });

  const connection = createRedis(redisConfig.url, 'worker');
  const ctx = { connection, prefix: redisConfig.prefix, logger };
  const pollQueue = createQueue(QueueName.servatricePoll, ctx);
  const deliverQueue = createQueue(QueueName.deliver, ctx);
  const enqueue = (events: Parameters<typeof enqueueDeliveries>[2]) => enqueueDeliveries(deliverQueue, db, events);
  const pollOptions = {
    reader,
    outbox,
    logger,
    source,
    batchSize: herald.servatrice.batchSize,
    gapGraceMs: herald.servatrice.gapGrace,
    showEmail: herald.servatrice.showEmail,
    showRealName: herald.servatrice.showRealName,
  };

  if (config.mode.kind === 'run' && config.mode.backfill !== undefined) {
    const result = await backfill(pollOptions, config.mode.backfill);
    await enqueue(result.recorded);
  }

  const handler = createPollJobHandler({ poll: pollOptions, outbox, enqueue, logger });
  // One poll at a time per process; the Postgres source lock serialises replicas.
  const worker = createWorker(QueueName.servatricePoll, { 'servatrice.poll': () => handler() }, ctx, { concurrency: 1 });
  const schedulers = [{ id: `servatrice-poll-${source}`, queue: pollQueue, job: 'servatrice.poll' as const, data: { source }, everyMs: herald.servatrice.pollInterval }];
  await ensureSchedulers(schedulers, logger);
  const watchdog = watchSchedulers(schedulers, { checkEveryMs: 5000, logger });
  logger.info({ source, pollIntervalMs: herald.servatrice.pollInterval, destinations: specs.map((d) => d.label) }, 'servatrice poller started');

  return [
    async () => watchdog.stop(),
    () => worker.close(),
    () => pollQueue.close(),
    () => deliverQueue.close(),
    () => connection.quit(),
  ];
}

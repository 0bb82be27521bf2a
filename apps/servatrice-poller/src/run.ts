import { QueueName } from '@herald/contracts';
import type { SqlPool } from '@herald/db/sql';
// The URL helpers only: the Discord REST client is not needed (nor loaded) by the poller.
import { webhookLabel } from '@herald/discord/webhook';
import type { Logger } from '@herald/logging';
import { compileRouter, createOutboxStore, destinationSpecs, enqueueDeliveries, syncDestinations, type DestinationSpec } from '@herald/pipeline';
import type { RoutesSettings } from '@herald/config';
import { createPollGuard, createQueue, createRedis, createWorker, DefaultPollBackoff, ensureSchedulers, watchSchedulers, type Closer } from '@herald/queue';
import { createPollJobHandler, sourceKey, type AccountReader } from '@herald/servatrice';
import type { PollerConfig } from './config.js';
import { pollFailureSubject } from './failures.js';

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
    gapRecheckMs: herald.servatrice.gapRecheck,
    showEmail: herald.servatrice.showEmail,
    showRealName: herald.servatrice.showRealName,
  };
  const backfillCount = config.mode.kind === 'run' ? config.mode.backfill : undefined;
  const handler = createPollJobHandler({ poll: pollOptions, enqueue, logger, ...(backfillCount !== undefined && { backfill: backfillCount }) });
  // Outages are reported once, polls back off while the source fails, and every outcome reaches the dashboard.
  const guard = createPollGuard({
    poll: handler,
    logger,
    context: { source },
    whatFailed: pollFailureSubject,
    backoff: { initialMs: herald.servatrice.pollInterval, maxMs: Math.max(herald.servatrice.pollInterval, DefaultPollBackoff.maxMs) },
    note: (outcome) => outbox.notePoll(sourceKey(source), outcome),
  });
  // One poll at a time per process; the Postgres source lock serialises replicas.
  const worker = createWorker(QueueName.servatricePoll, { 'servatrice.poll': () => guard.run() }, ctx, { concurrency: 1 });
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

import { eventTypes, QueueName } from '@herald/contracts';
import type { SqlPool } from '@herald/db/sql';
import type { Logger } from '@herald/logging';
import { compileRouter, createOutboxStore, destinationSpecs, enqueueDeliveries, syncDestinations, unroutedTypes, type RecordedEvent } from '@herald/pipeline';
import { createQueue, createRedis, createWorker, ensureSchedulers, reportRedisOutages, watchSchedulers, type Closer, type SchedulerSpec } from '@herald/queue';
import type { RedditMetricsOptions } from '@herald/reddit/metrics';
import { checkResurrections, createRedditClient, createRequestBudget, readBudgetSnapshot, startScanner, updateInactivity, type RedditApi } from '@herald/reddit';
import { countedRedditApi, createRedditMetrics } from '@herald/reddit/metrics';
import type { PollerConfig } from './config.js';

const RedditEventTypes = eventTypes.filter((type) => type.startsWith('reddit.'));

/** The Reddit client on the request budget shared through Redis by every process using the client id (`interactive`: a person waits, see createRequestBudget). */
export function createApi(config: PollerConfig, deps: { redis: ReturnType<typeof createRedis>; logger: Logger; version: string; interactive?: boolean }): RedditApi {
  const { reddit, redis } = config.herald;
  const gate = createRequestBudget({ redis: deps.redis, prefix: redis!.prefix, clientId: config.credentials.clientId, interactive: deps.interactive ?? false });
  return createRedditClient(reddit, config.credentials, { gate, version: deps.version, logger: deps.logger });
}

/**
 * Starts the scan loop (lanes paced by the shared request budget), and the worker of the
 * `reddit-poll` queue with its schedulers: the resurrections watcher (every
 * `reddit.resurrectionsInterval`, when set) and the inactivity update (every `fullScanInterval`).
 * Returns what must be closed on shutdown, in order.
 */
export async function startPoller(config: PollerConfig, deps: { db: SqlPool; logger: Logger; version: string; registry: RedditMetricsOptions['registry'] }): Promise<Closer[]> {
  const { db, logger } = deps;
  const { herald } = config;
  const { reddit } = herald;
  const router = compileRouter(herald.routes, await syncDestinations(db, destinationSpecs(herald.destinations)));
  const unrouted = unroutedTypes(router, RedditEventTypes);
  if (unrouted.length === RedditEventTypes.length) logger.warn('no route sends reddit.* events anywhere: they are recorded (dashboard) but not posted; add a route in HERALD_CONFIG');
  else if (unrouted.length > 0) logger.info({ unrouted }, 'some Reddit event types are routed nowhere');
  const outbox = createOutboxStore({ pool: db, routeTo: router });

  const connection = createRedis(herald.redis!.url, 'worker');
  // Queued while connecting or during a Redis outage (not refused): a lane then waits for the
  // budget instead of failing its user, and the first metrics read at start finds it ready.
  const budgetRedis = reportRedisOutages(createRedis(herald.redis!.url, 'worker'), logger, 'Redis (Reddit request budget)');
  const ctx = { connection, prefix: herald.redis!.prefix, logger };
  const pollQueue = createQueue(QueueName.redditPoll, ctx);
  const deliverQueue = createQueue(QueueName.deliver, ctx);
  const clientId = config.credentials.clientId;
  const metrics = createRedditMetrics({ registry: deps.registry, db, logger, readBudget: () => readBudgetSnapshot(budgetRedis, { prefix: herald.redis!.prefix, clientId }) });
  const api = countedRedditApi(createApi(config, { redis: budgetRedis, logger, version: deps.version }), metrics);
  const enqueue = async (events: RecordedEvent[]) => void (events.length > 0 && (await enqueueDeliveries(deliverQueue, db, events)));

  const scanner = startScanner({
    db,
    api,
    outbox,
    lanes: reddit.concurrency,
    settings: {
      maxAgeMs: reddit.maxAge,
      maxBatches: reddit.maxBatches,
      highscoreThreshold: reddit.highscoreThreshold,
      scanIntervalMs: reddit.scanInterval,
      fullScanIntervalMs: reddit.fullScanInterval,
      leaseMs: LeaseMs,
    },
    enqueue,
    logger,
  });
  const worker = createWorker(
    QueueName.redditPoll,
    {
      'reddit.resurrections': async () => enqueue(await checkResurrections({ db, api, outbox, logger })),
      'reddit.inactivity': async () => {
        const changed = await updateInactivity(db, reddit.inactivityThreshold, reddit.fullScanInterval);
        if (changed.inactive + changed.active > 0) logger.info(changed, 'Reddit users whose activity changed');
      },
    },
    ctx,
    { concurrency: 1 },
  );
  const schedulers: SchedulerSpec[] = [{ id: 'reddit-inactivity', queue: pollQueue, job: 'reddit.inactivity', data: {}, everyMs: reddit.fullScanInterval }];
  if (reddit.resurrectionsInterval > 0) schedulers.push({ id: 'reddit-resurrections', queue: pollQueue, job: 'reddit.resurrections', data: {}, everyMs: reddit.resurrectionsInterval });
  else await pollQueue.removeJobScheduler('reddit-resurrections');
  await ensureSchedulers(schedulers, logger);
  const watchdog = watchSchedulers(schedulers, { checkEveryMs: 5000, logger });
  logger.info(
    { lanes: reddit.concurrency, scanIntervalMs: reddit.scanInterval, fullScanIntervalMs: reddit.fullScanInterval, resurrectionsIntervalMs: reddit.resurrectionsInterval, highscoreThreshold: reddit.highscoreThreshold },
    'reddit poller started',
  );
  return [
    async () => watchdog.stop(),
    () => worker.close(),
    () => scanner.stop(),
    () => pollQueue.close(),
    () => deliverQueue.close(),
    () => connection.quit(),
    () => budgetRedis.quit(),
  ];
}

/**
 * A scanner's hold on the user it scans, renewed while it works (waiting for the budget included):
 * a crashed poller's users are scanned again by another, or after a restart, within this.
 */
const LeaseMs = 20_000;

import { eventTypes, QueueName } from '@herald/contracts';
import type { SqlPool } from '@herald/db/sql';
import { createIbcJobHandlers, createRpcRegistry, fingerprintSegment, forgetUnmonitoredClients, ibcSourceKey, walletSourceKey, type IbcJobHandlers } from '@herald/ibc';
import type { Logger } from '@herald/logging';
import { compileRouter, createOutboxStore, destinationSpecs, enqueueDeliveries, syncDestinations, unroutedTypes } from '@herald/pipeline';
import { addJob, createPollGuard, createQueue, createRedis, createWorker, ensureSchedulers, watchSchedulers, type Closer, type SchedulerSpec } from '@herald/queue';
import type { PollerConfig } from './config.js';
import { pollFailureSubject } from './failures.js';

const IbcEventTypes = eventTypes.filter((type) => type.startsWith('ibc.'));
/** Every scheduler this app owns on the ibc-poll queue has this prefix (stale ones are removed at start). */
const SchedulerPrefix = 'ibc-';

/**
 * Starts the IBC poll worker and its job schedulers (one per monitored chain, one for the wallets);
 * with `--once` polls each once instead and resolves when done. Returns what must be closed on
 * shutdown, in order, and whether every `--once` poll succeeded.
 */
export async function startPoller(config: PollerConfig, deps: { db: SqlPool; logger: Logger }): Promise<{ closers: Closer[]; onceOk?: boolean }> {
  const { db, logger } = deps;
  const { herald } = config;
  const { ibc } = herald;
  const specs = destinationSpecs(herald.destinations);
  const router = compileRouter(herald.routes, await syncDestinations(db, specs));
  const unrouted = unroutedTypes(router, IbcEventTypes);
  if (unrouted.length === IbcEventTypes.length) logger.warn('no route sends ibc.* events anywhere: alerts are recorded (dashboard) but not posted; add a route in HERALD_CONFIG');
  else if (unrouted.length > 0) logger.info({ unrouted }, 'some IBC event types are routed nowhere');
  const outbox = createOutboxStore({ pool: db, routeTo: router });

  const connection = createRedis(herald.redis!.url, 'worker');
  const ctx = { connection, prefix: herald.redis!.prefix, logger };
  const pollQueue = createQueue(QueueName.ibcPoll, ctx);
  const deliverQueue = createQueue(QueueName.deliver, ctx);
  const maintenanceQueue = createQueue(QueueName.maintenance, ctx);
  const rpcs = createRpcRegistry({ timeoutMs: ibc.requestTimeout, logger });
  const rpcFor = rpcs.forChain.bind(rpcs);
  const handlers = createIbcJobHandlers({
    poll: {
      db,
      configuredChains: ibc.chains,
      haltedAfterMs: ibc.haltedAfter,
      outbox,
      rpcFor,
      concurrency: ibc.concurrency,
      thresholds: { warningElapsed: ibc.thresholds.warningElapsed, criticalLeftMs: ibc.thresholds.criticalLeft },
      reminderIntervalMs: ibc.reminderInterval,
      expiredPollIntervalMs: ibc.expiredPollInterval,
      logger,
    },
    monitors: ibc.monitor,
    wallets: { db, configuredChains: ibc.chains, haltedAfterMs: ibc.haltedAfter, outbox, rpcFor, concurrency: ibc.concurrency, hysteresis: ibc.walletHysteresis },
    enqueue: (events) => enqueueDeliveries(deliverQueue, db, events),
    // A pending refresh covers this poll too; one arriving while a refresh runs is kept for after it.
    refreshStatus: async () =>
      void (await addJob(maintenanceQueue, 'ibc.status.refresh', {}, { deduplication: { id: 'ibc-status-refresh', keepLastIfActive: true }, removeOnComplete: true, removeOnFail: { count: 100 } })),
    logger,
  });
  const guards = guardsFor(handlers, outbox, logger);
  const closers: Closer[] = [() => pollQueue.close(), () => deliverQueue.close(), () => maintenanceQueue.close(), () => connection.quit(), async () => rpcs.close()];
  logStart(config, logger);

  if (config.mode.kind === 'run' && config.mode.once) {
    const results = await Promise.all([...ibc.monitor.map((m) => guards.chain(m.chainId).run()), guards.wallets.run()]);
    return { closers, onceOk: results.every((r) => r.status === 'ok') };
  }
  // Polls of different chains run side by side; each guard keeps one poll of its chain at a time.
  const worker = createWorker(QueueName.ibcPoll, { 'ibc.poll': (data) => guards.chain(data.chainId).run(), 'ibc.wallets': () => guards.wallets.run() }, ctx, {
    concurrency: Math.min(ibc.monitor.length + 1, 16),
  });
  const schedulers: SchedulerSpec[] = [
    ...ibc.monitor.map((m) => ({ id: `${SchedulerPrefix}poll-${fingerprintSegment(m.chainId)}`, queue: pollQueue, job: 'ibc.poll' as const, data: { chainId: m.chainId }, everyMs: ibc.pollInterval })),
    { id: `${SchedulerPrefix}wallets`, queue: pollQueue, job: 'ibc.wallets' as const, data: {}, everyMs: ibc.walletInterval },
  ];
  await removeStaleSchedulers(schedulers, logger);
  const forgotten = await forgetUnmonitoredClients(db, ibc.monitor.map((m) => m.chainId));
  if (forgotten > 0) logger.info({ clients: forgotten }, 'forgot the clients of chains no longer in ibc.monitor');
  await ensureSchedulers(schedulers, logger);
  const watchdog = watchSchedulers(schedulers, { checkEveryMs: 5000, logger });
  return { closers: [async () => watchdog.stop(), () => worker.close(), ...closers] };
}

/** A poll guard per monitored chain and one for the wallets: outages reported once, back-off, every outcome noted for the dashboard. */
function guardsFor(handlers: IbcJobHandlers, outbox: ReturnType<typeof createOutboxStore>, logger: Logger) {
  const chains = new Map<string, ReturnType<typeof createPollGuard<unknown>>>();
  const chain = (chainId: string) => {
    let guard = chains.get(chainId);
    if (!guard) {
      guard = createPollGuard<unknown>({
        poll: () => handlers.pollChain(chainId),
        logger,
        context: { chainId },
        whatFailed: pollFailureSubject,
        note: (outcome) => outbox.notePoll(ibcSourceKey(chainId), outcome),
      });
      chains.set(chainId, guard);
    }
    return guard;
  };
  const wallets = createPollGuard<unknown>({
    poll: () => handlers.pollWallets(),
    logger,
    context: { job: 'ibc.wallets' },
    whatFailed: pollFailureSubject,
    note: (outcome) => outbox.notePoll(walletSourceKey, outcome),
  });
  return { chain, wallets };
}

/** Schedulers of chains no longer in ibc.monitor would keep adding jobs for them: remove them. */
async function removeStaleSchedulers(wanted: SchedulerSpec[], logger: Logger): Promise<void> {
  const queue = wanted[0]!.queue;
  const keep = new Set(wanted.map((s) => s.id));
  for (const scheduler of await queue.getJobSchedulers()) {
    const id = scheduler.key;
    if (!id.startsWith(SchedulerPrefix) || keep.has(id)) continue;
    await queue.removeJobScheduler(id);
    logger.info({ scheduler: id }, 'removed the job scheduler of a chain no longer in ibc.monitor');
  }
}

function logStart(config: PollerConfig, logger: Logger): void {
  const { ibc } = config.herald;
  logger.info(
    {
      chains: ibc.chains.map((c) => c.chainId),
      monitored: ibc.monitor.map((m) => ({ chainId: m.chainId, connections: m.connections === 'all' ? 'all' : m.connections.length })),
      pollIntervalMs: ibc.pollInterval,
      walletIntervalMs: ibc.walletInterval,
      expiredPollIntervalMs: ibc.expiredPollInterval,
      requestTimeoutMs: ibc.requestTimeout,
      thresholds: ibc.thresholds,
      reminderIntervalMs: ibc.reminderInterval,
      once: config.mode.kind === 'run' && config.mode.once,
    },
    'ibc poller started',
  );
  if (ibc.monitor.length === 0) logger.warn('no chain in ibc.monitor: only relayer wallets are watched (add ibc.monitor to watch light clients)');
}

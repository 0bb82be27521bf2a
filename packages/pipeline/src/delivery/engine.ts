import { randomUUID } from 'node:crypto';
import { DestinationStatus } from '@herald/db/statuses';
import { isRetryableDatabaseError, type SqlPool } from '@herald/db/sql';
import type { Logger } from '@herald/logging';
import { retryDelayMs } from './backoff.js';
import { createBatchSender, type DrainState, type Stop } from './batch.js';
import { acquireLease, keepLeaseAlive, releaseLease } from './lease.js';
import * as ledger from './ledger.js';
import { KeyedMutex } from './mutex.js';
import type { Renderers } from './renderers.js';
import type { MessagePacker, MessageSender } from './sender.js';
import { SettledDeliveries } from './settled.js';
import { UnrecordedOutcomes } from './unrecorded.js';

export interface DeliveryEngineOptions {
  db: SqlPool;
  sender: MessageSender;
  pack: MessagePacker;
  renderers: Renderers;
  logger: Logger;
  /** Identifies this process in destination leases. */
  owner?: string;
  /** Most events grouped in one message during a backlog (Discord allows 10 embeds). */
  batchSize?: number;
  /**
   * How long a destination lease lasts without renewal (renewed every third of it while draining).
   * Short, so that after a crash another notifier takes over within seconds.
   */
  leaseMs?: number;
  /** How long one job keeps draining a backlog after its own event went out. */
  drainBudgetMs?: number;
  retryDelay?: (streak: number) => number;
  /** Remove e-mail and real name from an event once every destination has it. */
  scrubPersonalData?: boolean;
}

export const DefaultDeliveryEngineOptions = { batchSize: 10, leaseMs: 3000, drainBudgetMs: 10_000, scrubPersonalData: true } as const;

/** `retry`: nothing may be sent before `at` (transient failure, another replica holds the lease, an outage, shutting down). */
export type DeliverOutcome = { kind: 'done' } | { kind: 'retry'; at: Date };

const retryIn = (ms: number): Stop => ({ stop: 'retry', at: new Date(Date.now() + ms) });

/**
 * Delivers events in order per destination. The job of event N drains its destination's open
 * deliveries oldest first — up to `batchSize` per message during a backlog — and keeps draining
 * while there is a backlog (within a time budget); jobs of events such a drain already sent finish
 * in memory. Failures never skip ahead (see createBatchSender). A Postgres outage is waited out:
 * jobs come back later, and answers Discord already gave are kept until they can be recorded.
 */
export function createDeliveryEngine(options: DeliveryEngineOptions) {
  const { db, logger } = options;
  const owner = options.owner ?? `notifier-${randomUUID()}`;
  const batchSize = options.batchSize ?? DefaultDeliveryEngineOptions.batchSize;
  const leaseMs = options.leaseMs ?? DefaultDeliveryEngineOptions.leaseMs;
  const budgetMs = options.drainBudgetMs ?? DefaultDeliveryEngineOptions.drainBudgetMs;
  const scrub = options.scrubPersonalData ?? DefaultDeliveryEngineOptions.scrubPersonalData;
  const mutex = new KeyedMutex<number>();
  const settled = new SettledDeliveries();
  const outcomes = new UnrecordedOutcomes(1000);
  const aborter = new AbortController();
  const running = new Set<Promise<Stop>>();
  let stopping = false;
  const { sendBatch, recordSent } = createBatchSender({
    db,
    sender: options.sender,
    pack: options.pack,
    renderers: options.renderers,
    logger,
    scrub,
    retryDelay: options.retryDelay ?? retryDelayMs,
    settled,
    outcomes,
    signal: aborter.signal,
  });

  /**
   * `destinations`: where the event is routed, from the job. Deliveries this process settled are
   * recognised in memory; for the rest the database decides (an unknown one is simply drained).
   */
  async function deliverEvent(eventId: bigint, destinations?: number[]): Promise<DeliverOutcome> {
    return waitingOutOutages(async () => {
      let retryAt: Date | undefined;
      const open = destinations
        ? destinations.filter((id) => !settled.has(SettledDeliveries.key(eventId, id)))
        : await ledger.openDestinationsOf(db, eventId);
      for (const destinationId of open) {
        const key = SettledDeliveries.key(eventId, destinationId);
        // Finish as soon as this event is settled, possibly by a drain another job is running.
        const waiting = settled.wait(key);
        const stop = await Promise.race([
          waiting.settled.then((): Stop => undefined),
          mutex.run(destinationId, () => (settled.has(key) ? Promise.resolve<Stop>(undefined) : tracked(drain(destinationId)))),
        ]);
        waiting.cancel();
        if (stop?.stop === 'retry' && (!retryAt || stop.at < retryAt)) retryAt = stop.at;
      }
      return retryAt ? { kind: 'retry', at: retryAt } : { kind: 'done' };
    });
  }

  /**
   * A batch of events (oldest first) routed to the same destinations. Events this process already
   * settled are skipped in memory; of the rest, only those the ledger still owes are worked on
   * (one query), so re-running a half-done batch after a restart costs little.
   */
  async function deliverEvents(eventIds: bigint[], destinations: number[]): Promise<DeliverOutcome> {
    const unsettled = eventIds.filter((id) => destinations.some((d) => !settled.has(SettledDeliveries.key(id, d))));
    if (unsettled.length === 0) return { kind: 'done' };
    // The first event's drain usually sends the whole batch; the others then finish in memory.
    const [first, ...rest] = unsettled;
    const outcome = await deliverEvent(first!, destinations);
    if (outcome.kind === 'retry') return outcome;
    const remaining = rest.filter((id) => destinations.some((d) => !settled.has(SettledDeliveries.key(id, d))));
    return waitingOutOutages(async () => {
      for (const id of await ledger.owedAmong(db, remaining)) {
        const next = await deliverEvent(id, destinations);
        if (next.kind === 'retry') return next;
      }
      return { kind: 'done' };
    });
  }

  /**
   * A Postgres outage is not the job's failure: the job comes back in a moment, without a log line
   * of its own (the pool's availability reporter logs the outage once; see reportAvailability).
   */
  async function waitingOutOutages(work: () => Promise<DeliverOutcome>): Promise<DeliverOutcome> {
    try {
      return await work();
    } catch (error) {
      if (!isRetryableDatabaseError(error)) throw error; // a deadlock, too, is waited out rather than a failed job
      return { kind: 'retry', at: new Date(Date.now() + 2000) };
    }
  }

  function tracked(work: Promise<Stop>): Promise<Stop> {
    running.add(work);
    void work.finally(() => running.delete(work)).catch(() => undefined);
    return work;
  }

  async function drain(destinationId: number): Promise<Stop> {
    if (stopping) return retryIn(1000);
    if (!(await acquireLease(db, destinationId, owner, leaseMs))) return retryIn(Math.min(500, leaseMs));
    const stopKeepalive = keepLeaseAlive(db, destinationId, owner, leaseMs, () =>
      logger.error({ destination: destinationId }, 'lost the destination lease while sending (process too slow?); another notifier may take over'),
    );
    const state: DrainState = {};
    // The message sent last is recorded during the next send; this records it when there is none.
    const recordLast = async (): Promise<boolean> => {
      const last = state.unrecorded;
      state.unrecorded = undefined;
      return last ? recordSent(destinationId, last) : true;
    };
    try {
      const stop = await drainBatches(destinationId, state).catch(async (error: unknown) => {
        await recordLast().catch(() => false);
        throw error;
      });
      // "Done" only once recorded: an answer still waiting for Postgres means the job comes back.
      return (await recordLast()) ? stop : (stop ?? retryIn(1000));
    } finally {
      stopKeepalive();
      await releaseLease(db, destinationId, owner).catch(() => undefined); // it lapses by itself within leaseMs
    }
  }

  async function drainBatches(destinationId: number, state: DrainState): Promise<Stop> {
    // Answers Discord gave during a Postgres outage are recorded before anything newer is sent.
    if (!(await outcomes.flush(destinationId))) return retryIn(1000);
    const destination = await ledger.destination(db, destinationId);
    // Quarantined or paused: its deliveries stay pending, and resuming re-enqueues them (reconcile).
    if (destination.status !== DestinationStatus.active) return { stop: 'inactive' };
    if (destination.retryAt && destination.retryAt > new Date()) return { stop: 'retry', at: destination.retryAt };
    const started = performance.now();
    let batch = await ledger.claimNext(db, destinationId, batchSize);
    while (batch.length > 0) {
      // The next batch is claimed while this one is sent (folded into recording the message before);
      // sends stay strictly one after another. Left out: this batch and the message sent last.
      const more = !stopping && performance.now() - started < budgetMs;
      state.claimRequest = more ? { limit: batchSize, except: [...batch.map((d) => d.id), ...(state.unrecorded?.deliveryIds ?? [])] } : undefined;
      state.claimed = undefined;
      const stop = await sendBatch(destination, batch, state).catch(async (error: unknown) => {
        await state.claimed?.catch(() => undefined);
        throw error;
      });
      // No message went out to carry the claim (every event of the batch was dead-lettered): claim now.
      const next = state.claimed ?? (state.claimRequest ? ledger.claimNext(db, destinationId, batchSize, state.claimRequest.except) : Promise.resolve([]));
      state.claimRequest = undefined;
      state.claimed = undefined;
      if (stop) {
        const claimed = (await next.catch(() => [])).map((d) => d.id);
        await outcomes.attempt(destinationId, () => ledger.release(db, claimed));
        return stop;
      }
      batch = await next;
    }
    return undefined;
  }

  return {
    deliverEvent,
    deliverEvents,
    owner,
    /** Answers Discord gave that wait for Postgres (for tests and metrics). */
    unrecorded: () => outcomes.pending(),
    /**
     * Stops draining: requests in flight are aborted (their deliveries are then in doubt and resent
     * after a restart), running drains finish and release their leases, and answers still waiting
     * for Postgres get a last chance to be recorded.
     */
    async stop() {
      stopping = true;
      aborter.abort();
      await Promise.allSettled([...running]);
      if (!(await outcomes.flushAll())) logger.error({ deliveries: outcomes.pending() }, 'could not record every answer from Discord before stopping (Postgres unavailable); those deliveries will be resent as in doubt');
      outcomes.stop();
    },
  };
}

export type DeliveryEngine = ReturnType<typeof createDeliveryEngine>;

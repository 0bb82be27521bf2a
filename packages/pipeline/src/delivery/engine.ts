import { randomBytes, randomUUID } from 'node:crypto';
import { AttemptOutcome, DeliveryStatus, DestinationStatus } from '@herald/db/statuses';
import type { SqlPool } from '@herald/db/sql';
import { failpoint, redact, type Logger } from '@herald/logging';
import { retryDelayMs } from './backoff.js';
import { acquireLease, keepLeaseAlive, releaseLease } from './lease.js';
import * as ledger from './ledger.js';
import { KeyedMutex } from './mutex.js';
import { renderEvent, type Renderers } from './renderers.js';
import { mentionOf } from './mentions.js';
import type { MessageBody, MessagePacker, MessageSender, PackItem, SendResult } from './sender.js';
import { SettledDeliveries } from './settled.js';

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
  leaseMs?: number;
  /** How long one job keeps draining a backlog after its own event went out. */
  drainBudgetMs?: number;
  retryDelay?: (streak: number) => number;
  /** Remove e-mail and real name from an event once every destination has it. */
  scrubPersonalData?: boolean;
}

export const DefaultDeliveryEngineOptions = { batchSize: 10, leaseMs: 10_000, drainBudgetMs: 10_000, scrubPersonalData: true } as const;

/** `retry`: nothing may be sent before `at` (transient failure, another replica holds the lease, shutting down). */
export type DeliverOutcome = { kind: 'done' } | { kind: 'retry'; at: Date };

type Stop = { stop: 'retry'; at: Date } | { stop: 'quarantined' } | undefined;
/** The last message of a batch went out; recording it is folded into claiming the next batch. */
type Sent = { sent: { deliveryIds: bigint[]; messageId: string; settleKeys: string[] } };
type Destination = ledger.DestinationRow;
/** `nonce`: the one a bot-channel message was already sent with, when it must be sent again. */
type OutgoingMessage = { keys: string[]; body: MessageBody; nonce?: string };

/**
 * Delivers events in order per destination. The job of event N drains its destination's open
 * deliveries oldest first — up to `batchSize` per message during a backlog — and keeps draining
 * while there is a backlog (within a time budget); jobs of events such a drain already sent finish
 * in memory. Failures never skip ahead: a transient failure delays the whole destination, a
 * permanent one (400) dead-letters just that event, and 401/403/404 quarantine the destination.
 */
export function createDeliveryEngine(options: DeliveryEngineOptions) {
  const { db, sender, pack, renderers, logger } = options;
  const owner = options.owner ?? `notifier-${randomUUID()}`;
  const batchSize = options.batchSize ?? DefaultDeliveryEngineOptions.batchSize;
  const leaseMs = options.leaseMs ?? DefaultDeliveryEngineOptions.leaseMs;
  const budgetMs = options.drainBudgetMs ?? DefaultDeliveryEngineOptions.drainBudgetMs;
  const retryDelay = options.retryDelay ?? retryDelayMs;
  const scrub = options.scrubPersonalData ?? DefaultDeliveryEngineOptions.scrubPersonalData;
  const mutex = new KeyedMutex<number>();
  const settled = new SettledDeliveries();
  const running = new Set<Promise<Stop>>();
  let stopping = false;

  /**
   * `destinations`: where the event is routed, from the job. Deliveries this process settled are
   * recognised in memory; for the rest the database decides (an unknown one is simply drained).
   */
  async function deliverEvent(eventId: bigint, destinations?: number[]): Promise<DeliverOutcome> {
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
    for (const id of await ledger.owedAmong(db, remaining)) {
      const next = await deliverEvent(id, destinations);
      if (next.kind === 'retry') return next;
    }
    return { kind: 'done' };
  }

  function tracked(work: Promise<Stop>): Promise<Stop> {
    running.add(work);
    void work.finally(() => running.delete(work)).catch(() => undefined);
    return work;
  }

  async function drain(destinationId: number): Promise<Stop> {
    if (stopping) return { stop: 'retry', at: new Date(Date.now() + 1000) };
    if (!(await acquireLease(db, destinationId, owner, leaseMs))) return { stop: 'retry', at: new Date(Date.now() + 500) };
    const stopKeepalive = keepLeaseAlive(db, destinationId, owner, leaseMs, () =>
      logger.error({ destination: destinationId }, 'lost the destination lease while sending (process too slow?); another notifier may take over'),
    );
    try {
      const destination = await ledger.destination(db, destinationId);
      if (destination.status === DestinationStatus.quarantined) return { stop: 'quarantined' };
      if (destination.retryAt && destination.retryAt > new Date()) return { stop: 'retry', at: destination.retryAt };
      const started = performance.now();
      let batch = await ledger.claimNext(db, destinationId, batchSize);
      // The message sent last, not yet recorded: recording it overlaps the next send, and claiming
      // the next batch overlaps this one's. Sends themselves stay strictly one after another.
      let unrecorded: Sent['sent'] | undefined;
      const record = async (sent: Sent['sent']) => {
        await ledger.markDelivered(db, sent.deliveryIds, sent.messageId, scrub);
        failpoint('deliver.after-record');
        settled.settle(sent.settleKeys);
      };
      try {
        while (batch.length > 0) {
          const more = !stopping && performance.now() - started < budgetMs;
          const inFlight = [...batch.map((d) => d.id), ...(unrecorded?.deliveryIds ?? [])];
          const claiming: Promise<ledger.PendingDelivery[]> = more ? ledger.claimNext(db, destinationId, batchSize, inFlight) : Promise.resolve([]);
          claiming.catch(() => undefined); // awaited below; a failure must not also surface as unhandled
          const recording = unrecorded ? record(unrecorded) : Promise.resolve();
          unrecorded = undefined;
          const [outcome] = await Promise.all([sendBatch(destination, batch), recording]);
          const next = await claiming;
          if (outcome !== undefined && !('sent' in outcome)) {
            await ledger.release(db, next.map((d) => d.id));
            return outcome;
          }
          if (outcome) {
            failpoint('deliver.after-send');
            unrecorded = outcome.sent;
          }
          batch = next;
        }
        return undefined;
      } finally {
        if (unrecorded) await record(unrecorded);
      }
    } finally {
      stopKeepalive();
      await releaseLease(db, destinationId, owner).catch((error) => logger.warn({ err: error }, 'could not release destination lease'));
    }
  }

  async function sendBatch(destination: Destination, batch: ledger.PendingDelivery[]): Promise<Stop | Sent> {
    const eventOf = new Map(batch.map((d) => [d.id.toString(), d.eventId]));
    const keysOf = (deliveryIds: bigint[]) => deliveryIds.map((id) => SettledDeliveries.key(eventOf.get(id.toString())!, destination.id));
    const settle = (deliveryIds: bigint[]) => settled.settle(keysOf(deliveryIds));
    const inDoubt = batch.filter((d) => d.status === DeliveryStatus.sending).map((d) => d.id);
    if (inDoubt.length > 0) {
      logger.warn({ destination: destination.id, deliveries: inDoubt.map(String) }, 'resending deliveries whose earlier attempt was interrupted');
      await ledger.noteInDoubt(db, inDoubt);
    }
    const items: PackItem[] = [];
    for (const delivery of batch) {
      try {
        const embeds = renderEvent(renderers, delivery.type, delivery.payload);
        items.push({ key: delivery.id.toString(), embeds, ...(delivery.mentions && { mention: mentionOf(delivery.mentions) }) });
      } catch (error) {
        logger.error({ delivery: String(delivery.id), err: error }, 'event cannot be rendered; dead-lettered');
        await ledger.markDead(db, delivery.id, redact((error as Error).message));
        settle([delivery.id]);
      }
    }
    const messages = destination.kind === 'channel' ? packKeepingNonces(items, batch) : pack(items);
    for (const [index, message] of messages.entries()) {
      const deliveryIds = message.keys.map(BigInt);
      failpoint('deliver.before-send');
      const result = await sendMessage(destination, message);
      if (result.ok) {
        if (destination.failureStreak > 0) {
          await ledger.destinationHealthy(db, destination.id);
          destination.failureStreak = 0;
        }
        if (index === messages.length - 1) return { sent: { deliveryIds, messageId: result.messageId, settleKeys: keysOf(deliveryIds) } };
        failpoint('deliver.after-send');
        await ledger.markDelivered(db, deliveryIds, result.messageId, scrub);
        settle(deliveryIds);
        continue;
      }
      const unsent = messages.slice(index + 1).flatMap((m) => m.keys.map(BigInt));
      if (result.kind === 'invalid' && deliveryIds.length > 1) {
        // One bad event must not take its neighbours down with it: retry this group one at a time.
        await ledger.noteAttempt(db, deliveryIds, AttemptOutcome.retry, describe(result), result.status);
        return sendOneByOne(destination, items.filter((i) => message.keys.includes(i.key) || unsent.includes(BigInt(i.key))), settle);
      }
      return handleFailure(destination, result, deliveryIds, unsent);
    }
    return undefined;
  }

  /**
   * Bot channels get a nonce with enforce_nonce, recorded before the request: if the response is
   * lost, the resend carries the same nonce and Discord returns the first message instead of a copy.
   */
  async function sendMessage(destination: Destination, message: OutgoingMessage): Promise<SendResult> {
    if (destination.kind !== 'channel') return sender.send(destination, message.body);
    let nonce = message.nonce;
    if (nonce === undefined) {
      nonce = randomBytes(12).toString('base64url'); // 16 characters; Discord allows 25
      await ledger.setNonce(db, message.keys.map(BigInt), nonce);
    }
    return sender.send(destination, message.body, { nonce });
  }

  /**
   * Deliveries already sent with a nonce whose outcome is unknown go out again exactly as they were
   * grouped, with that nonce; the rest are packed afresh.
   */
  function packKeepingNonces(items: PackItem[], batch: ledger.PendingDelivery[]): OutgoingMessage[] {
    const nonceOf = new Map(batch.map((d) => [d.id.toString(), d.nonce]));
    const messages: OutgoingMessage[] = [];
    let run: PackItem[] = [];
    let runNonce: string | null = null;
    const flush = () => {
      const packed: OutgoingMessage[] = pack(run);
      if (runNonce !== null && packed[0]) packed[0] = { ...packed[0], nonce: runNonce };
      messages.push(...packed);
      run = [];
    };
    for (const item of items) {
      const nonce = nonceOf.get(item.key) ?? null;
      if (run.length > 0 && nonce !== runNonce) flush();
      runNonce = nonce;
      run.push(item);
    }
    if (run.length > 0) flush();
    return messages;
  }

  async function sendOneByOne(destination: Destination, items: PackItem[], settle: (ids: bigint[]) => void): Promise<Stop> {
    for (const [index, item] of items.entries()) {
      const id = BigInt(item.key);
      for (const message of pack([item])) {
        const result = await sendMessage(destination, message);
        if (result.ok) {
          await ledger.markDelivered(db, [id], result.messageId, scrub);
          settle([id]);
          continue;
        }
        if (result.kind === 'invalid') {
          logger.error({ destination: destination.id, delivery: item.key, status: result.status, error: redact(result.error) }, 'Discord rejected the message; dead-lettered');
          await ledger.markDead(db, id, describe(result), result.status);
          settle([id]);
          break;
        }
        return handleFailure(destination, result, [id], items.slice(index + 1).map((i) => BigInt(i.key)));
      }
    }
    return undefined;
  }

  async function handleFailure(destination: Destination, result: Exclude<SendResult, { ok: true }>, failed: bigint[], unsent: bigint[]): Promise<Stop> {
    const reason = describe(result);
    if (result.kind === 'quarantine') {
      logger.error({ destination: destination.id, status: result.status, error: redact(result.error) }, 'destination quarantined: Discord refused it; fix the configuration, then resume it from the dashboard');
      await ledger.markPending(db, failed, AttemptOutcome.quarantined, reason, result.status);
      await ledger.markPending(db, unsent, AttemptOutcome.quarantined, reason);
      await ledger.quarantine(db, destination.id, reason);
      return { stop: 'quarantined' };
    }
    // Transient (5xx after retries, network error): wait, then try again from the same event.
    await ledger.markPending(db, failed, AttemptOutcome.retry, reason, result.status);
    await ledger.markPending(db, unsent, AttemptOutcome.retry, reason);
    const at = await ledger.destinationFailed(db, destination.id, reason, retryDelay);
    logger.warn({ destination: destination.id, status: result.status, retryAt: at.toISOString(), error: redact(result.error) }, 'delivery failed; will retry');
    return { stop: 'retry', at };
  }

  return {
    deliverEvent,
    deliverEvents,
    owner,
    /** Stops draining between messages and waits for running drains, so shutdown never cuts a send in half. */
    async stop() {
      stopping = true;
      await Promise.allSettled([...running]);
    },
  };
}

function describe(result: Exclude<SendResult, { ok: true }>): string {
  return redact(result.status ? `HTTP ${result.status}: ${result.error}` : result.error).slice(0, 1000);
}

export type DeliveryEngine = ReturnType<typeof createDeliveryEngine>;

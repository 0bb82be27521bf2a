import { randomUUID } from 'node:crypto';
import type { APIEmbed } from 'discord-api-types/v10';
import { AttemptOutcome, DeliveryStatus, DestinationStatus } from '@herald/db/statuses';
import type { SqlPool } from '@herald/db/sql';
import { failpoint, redact, type Logger } from '@herald/logging';
import { retryDelayMs } from './backoff.js';
import { acquireLease, keepLeaseAlive, releaseLease } from './lease.js';
import * as ledger from './ledger.js';
import { KeyedMutex } from './mutex.js';
import { renderEvent, type Renderers } from './renderers.js';
import type { Destination, MessagePacker, MessageSender, SendResult } from './sender.js';

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
  retryDelay?: (streak: number) => number;
  /** Remove e-mail and real name from an event once every destination has it. */
  scrubPersonalData?: boolean;
}

export const DefaultDeliveryEngineOptions = { batchSize: 10, leaseMs: 10_000, scrubPersonalData: true } as const;

/** `retryAt`: nothing may be sent before then (transient failure, or another replica holds the lease). */
export type DeliverOutcome = { kind: 'done' } | { kind: 'retry'; at: Date };

type Stop = { stop: 'retry'; at: Date } | { stop: 'quarantined' } | undefined;

/**
 * Delivers events in order per destination. A job for event N drains its destination's pending
 * deliveries oldest first — grouped up to `batchSize` per message when a backlog has built up —
 * until event N is no longer pending. Failures never skip ahead: a transient failure delays the
 * whole destination, a permanent one (400) dead-letters just that event, and 401/403/404
 * quarantine the destination after the first failure.
 */
export function createDeliveryEngine(options: DeliveryEngineOptions) {
  const { db, sender, pack, renderers, logger } = options;
  const owner = options.owner ?? `notifier-${randomUUID()}`;
  const batchSize = options.batchSize ?? DefaultDeliveryEngineOptions.batchSize;
  const leaseMs = options.leaseMs ?? DefaultDeliveryEngineOptions.leaseMs;
  const retryDelay = options.retryDelay ?? retryDelayMs;
  const scrub = options.scrubPersonalData ?? DefaultDeliveryEngineOptions.scrubPersonalData;
  const mutex = new KeyedMutex<number>();

  async function deliverEvent(eventId: bigint): Promise<DeliverOutcome> {
    const open = await ledger.openDestinationsOf(db, eventId);
    let retryAt: Date | undefined;
    for (const destinationId of open) {
      const stop = await mutex.run(destinationId, () => drainUntilDelivered(destinationId, eventId));
      if (stop?.stop === 'retry' && (!retryAt || stop.at < retryAt)) retryAt = stop.at;
    }
    return retryAt ? { kind: 'retry', at: retryAt } : { kind: 'done' };
  }

  async function drainUntilDelivered(destinationId: number, eventId: bigint): Promise<Stop> {
    if (!(await acquireLease(db, destinationId, owner, leaseMs))) return { stop: 'retry', at: new Date(Date.now() + 500) };
    const stopKeepalive = keepLeaseAlive(db, destinationId, owner, leaseMs, () =>
      logger.error({ destination: destinationId }, 'lost the destination lease while sending (process too slow?); another notifier may take over'),
    );
    try {
      for (;;) {
        const own = await ledger.deliveryStatus(db, eventId, destinationId);
        if (own === undefined || own === DeliveryStatus.delivered || own === DeliveryStatus.dead) return undefined;
        const destination = await ledger.destination(db, destinationId);
        if (destination.status === DestinationStatus.quarantined) return { stop: 'quarantined' };
        if (destination.retryAt && destination.retryAt > new Date()) return { stop: 'retry', at: destination.retryAt };
        const batch = await ledger.nextPending(db, destinationId, batchSize);
        if (batch.length === 0) return undefined;
        const stop = await sendBatch(destination, batch);
        if (stop) return stop;
      }
    } finally {
      stopKeepalive();
      await releaseLease(db, destinationId, owner).catch((error) => logger.warn({ err: error }, 'could not release destination lease'));
    }
  }

  async function sendBatch(destination: Destination, batch: ledger.PendingDelivery[]): Promise<Stop> {
    const inDoubt = batch.filter((d) => d.status === DeliveryStatus.sending).map((d) => d.id);
    if (inDoubt.length > 0) {
      logger.warn({ destination: destination.id, deliveries: inDoubt.map(String) }, 'resending deliveries whose earlier attempt was interrupted');
      await ledger.noteInDoubt(db, inDoubt);
    }
    const items: Array<{ key: string; embeds: APIEmbed[] }> = [];
    for (const delivery of batch) {
      try {
        items.push({ key: delivery.id.toString(), embeds: renderEvent(renderers, delivery.type, delivery.payload) });
      } catch (error) {
        logger.error({ delivery: String(delivery.id), err: error }, 'event cannot be rendered; dead-lettered');
        await ledger.markDead(db, delivery.id, redact((error as Error).message));
      }
    }
    if (items.length === 0) return undefined;
    await ledger.markSending(db, items.map((i) => BigInt(i.key)));
    const messages = pack(items);
    for (const [index, message] of messages.entries()) {
      const ids = message.keys.map(BigInt);
      failpoint('deliver.before-send');
      const result = await sender.send(destination, message.body);
      if (result.ok) {
        failpoint('deliver.after-send');
        await ledger.markDelivered(db, ids, result.messageId, scrub);
        failpoint('deliver.after-record');
        await ledger.destinationHealthy(db, destination.id);
        continue;
      }
      const unsent = messages.slice(index + 1).flatMap((m) => m.keys.map(BigInt));
      if (result.kind === 'invalid' && ids.length > 1) {
        // One bad event must not take its neighbours down with it: put the group back and retry one at a time.
        await ledger.markPending(db, [...ids, ...unsent], AttemptOutcome.retry, describe(result), result.status);
        return sendOneByOne(destination, items.filter((i) => message.keys.includes(i.key) || unsent.includes(BigInt(i.key))));
      }
      return handleFailure(destination, result, ids, unsent);
    }
    return undefined;
  }

  async function sendOneByOne(destination: Destination, items: Array<{ key: string; embeds: APIEmbed[] }>): Promise<Stop> {
    for (const [index, item] of items.entries()) {
      const id = BigInt(item.key);
      await ledger.markSending(db, [id]);
      for (const message of pack([item])) {
        const result = await sender.send(destination, message.body);
        if (result.ok) {
          await ledger.markDelivered(db, [id], result.messageId, scrub);
          continue;
        }
        const unsent = items.slice(index + 1).map((i) => BigInt(i.key));
        if (result.kind === 'invalid') {
          logger.error({ destination: destination.id, delivery: item.key, status: result.status, error: redact(result.error) }, 'Discord rejected the message; dead-lettered');
          await ledger.markDead(db, id, describe(result), result.status);
          break;
        }
        return handleFailure(destination, result, [id], unsent);
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
    // Transient (5xx after retries, network error, or a 400 we could not isolate): wait, then try again in order.
    await ledger.markPending(db, failed, AttemptOutcome.retry, reason, result.status);
    await ledger.markPending(db, unsent, AttemptOutcome.retry, reason);
    const at = await ledger.destinationFailed(db, destination.id, reason, retryDelay);
    logger.warn({ destination: destination.id, status: result.status, retryAt: at.toISOString(), error: redact(result.error) }, 'delivery failed; will retry');
    return { stop: 'retry', at };
  }

  return { deliverEvent, owner };
}

function describe(result: Exclude<SendResult, { ok: true }>): string {
  return redact(result.status ? `HTTP ${result.status}: ${result.error}` : result.error).slice(0, 1000);
}

export type DeliveryEngine = ReturnType<typeof createDeliveryEngine>;

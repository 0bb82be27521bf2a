import { randomBytes } from 'node:crypto';
import { AttemptOutcome } from '@herald/db/statuses';
import { isDatabaseUnavailable, type SqlPool } from '@herald/db/sql';
import { failpoint, redact, type Logger } from '@herald/logging';
import * as ledger from './ledger.js';
import { mentionOf } from './mentions.js';
import { packKeepingNonces, type OutgoingMessage } from './nonces.js';
import { renderEvent, type Renderers } from './renderers.js';
import type { MessagePacker, MessageSender, PackItem, SendResult } from './sender.js';
import { SettledDeliveries } from './settled.js';
import type { UnrecordedOutcomes } from './unrecorded.js';

/** Why a drain stops early: `retry` — nothing may be sent to the destination before `at`. */
export type Stop = { stop: 'retry'; at: Date } | { stop: 'quarantined' } | undefined;

/** The message a drain sent last, not yet recorded: its record rides on the next `beginSend`. */
export interface Sent {
  deliveryIds: bigint[];
  messageId: string;
  settleKeys: string[];
}

/** What one drain carries from message to message. */
export interface DrainState {
  unrecorded?: Sent | undefined;
}

export interface BatchSenderContext {
  db: SqlPool;
  sender: MessageSender;
  pack: MessagePacker;
  renderers: Renderers;
  logger: Logger;
  scrub: boolean;
  retryDelay: (streak: number) => number;
  settled: SettledDeliveries;
  outcomes: UnrecordedOutcomes;
  /** Aborted on shutdown: in-flight requests end at once (their deliveries then are in doubt). */
  signal: AbortSignal;
}

type Failure = Exclude<SendResult, { ok: true }>;

/**
 * Sends one claimed batch of a destination's deliveries, oldest first, as few messages as Discord
 * allows. Every delivery is marked `sending` (committed) right before its request, so after a crash
 * "in doubt" means exactly "a request may have reached Discord". A message Discord refuses as
 * invalid (400, 413, …) is dead-lettered at once — split first when it carried several events, so
 * one bad event never takes its neighbours with it — and never holds back later events; a
 * transient failure stops the batch for a retry later; 401/403/404 quarantine the destination.
 */
export function createBatchSender(ctx: BatchSenderContext) {
  const { db, logger, outcomes } = ctx;

  async function sendBatch(destination: ledger.DestinationRow, batch: ledger.PendingDelivery[], state: DrainState): Promise<Stop> {
    const eventOf = new Map(batch.map((d) => [d.id.toString(), d.eventId]));
    const keysOf = (deliveryIds: bigint[]) => deliveryIds.map((id) => SettledDeliveries.key(eventOf.get(id.toString())!, destination.id));
    const inDoubt = batch.filter((d) => d.status === 'sending').map((d) => d.id);
    if (inDoubt.length > 0) {
      logger.warn({ destination: destination.id, deliveries: inDoubt.map(String) }, 'resending deliveries whose earlier request may have reached Discord without an answer');
      await ledger.noteInDoubt(db, inDoubt);
    }
    const items: PackItem[] = [];
    for (const delivery of batch) {
      try {
        const embeds = renderEvent(ctx.renderers, delivery.type, delivery.payload);
        items.push({ key: delivery.id.toString(), embeds, ...(delivery.mentions && { mention: mentionOf(delivery.mentions) }) });
      } catch (error) {
        logger.error({ delivery: String(delivery.id), err: error }, 'event cannot be rendered; dead-lettered');
        await deadLetter(destination, [delivery.id], redact((error as Error).message), undefined, keysOf);
      }
    }
    const messages = destination.kind === 'channel' ? packKeepingNonces(ctx.pack, items, batch) : ctx.pack(items);
    for (const message of messages) {
      const stop = await sendMessage(destination, message, state, keysOf, items);
      if (stop) return stop;
    }
    return undefined;
  }

  async function sendMessage(
    destination: ledger.DestinationRow,
    message: OutgoingMessage,
    state: DrainState,
    keysOf: (ids: bigint[]) => string[],
    items: PackItem[],
  ): Promise<Stop> {
    const deliveryIds = message.keys.map(BigInt);
    // Bot channels: a nonce with enforce_nonce, committed before the request, so a resend after a lost answer returns the first message.
    const nonce = destination.kind === 'channel' ? (message.nonce ?? randomBytes(12).toString('base64url')) : null;
    failpoint('deliver.before-send');
    try {
      await ledger.beginSend(db, deliveryIds, nonce, state.unrecorded, ctx.scrub);
    } catch (error) {
      // It may have committed before the connection went: make sure these are not taken as in doubt.
      if (isDatabaseUnavailable(error)) await outcomes.attempt(destination.id, () => ledger.returnUnsent(db, deliveryIds));
      throw error;
    }
    if (state.unrecorded) {
      failpoint('deliver.after-record');
      ctx.settled.settle(state.unrecorded.settleKeys);
    }
    state.unrecorded = undefined;
    const result = await ctx.sender.send(destination, message.body, { ...(nonce !== null && { nonce }), signal: ctx.signal });
    if (result.ok) {
      failpoint('deliver.after-send');
      state.unrecorded = { deliveryIds, messageId: result.messageId, settleKeys: keysOf(deliveryIds) };
      if (destination.failureStreak > 0) {
        destination.failureStreak = 0;
        await outcomes.attempt(destination.id, () => ledger.destinationHealthy(db, destination.id));
      }
      return undefined;
    }
    if (result.kind === 'invalid' && deliveryIds.length > 1) {
      // Which event Discord objects to is unknown: send them one by one and judge each.
      await outcomes.attempt(destination.id, () => ledger.noteAttempt(db, deliveryIds, AttemptOutcome.retry, `${describe(result)} (sending the grouped events one by one)`, result.status));
      for (const item of items.filter((i) => message.keys.includes(i.key))) {
        for (const single of ctx.pack([item])) {
          const stop = await sendMessage(destination, single, state, keysOf, items);
          if (stop) return stop;
        }
      }
      return undefined;
    }
    if (result.kind === 'invalid') {
      logger.error({ destination: destination.id, delivery: message.keys[0], status: result.status, error: redact(result.error) }, 'Discord refused the message; dead-lettered');
      await deadLetter(destination, deliveryIds, describe(result), result.status, keysOf);
      return undefined;
    }
    return handleFailure(destination, result, deliveryIds);
  }

  async function deadLetter(destination: ledger.DestinationRow, deliveryIds: bigint[], reason: string, status: number | undefined, keysOf: (ids: bigint[]) => string[]) {
    await outcomes.attempt(destination.id, async () => {
      await ledger.markDead(db, deliveryIds, reason, status);
      ctx.settled.settle(keysOf(deliveryIds));
    });
  }

  async function handleFailure(destination: ledger.DestinationRow, result: Failure, failed: bigint[]): Promise<Stop> {
    const reason = describe(result);
    // An answer (any status) or a request that never left is known; otherwise Discord may have the message.
    const details = { httpStatus: result.status, answered: result.status !== undefined || result.notSent === true };
    if (result.kind === 'quarantine') {
      logger.error({ destination: destination.id, status: result.status, error: redact(result.error) }, 'destination quarantined: Discord refused it; fix the configuration, then resume it from the dashboard');
      await outcomes.attempt(destination.id, async () => {
        await ledger.markPending(db, failed, AttemptOutcome.quarantined, reason, details);
        await ledger.quarantine(db, destination.id, reason);
      });
      return { stop: 'quarantined' };
    }
    if (ctx.signal.aborted) {
      // Shutting down: not the destination's fault, so no failure streak; the request may have arrived.
      await outcomes.attempt(destination.id, () => ledger.markPending(db, failed, AttemptOutcome.retry, 'interrupted by shutdown', details));
      return { stop: 'retry', at: new Date(Date.now() + 1000) };
    }
    // Transient (5xx after retries, network error, timeout): wait, then try again from the same event.
    const at = new Date(Date.now() + ctx.retryDelay(destination.failureStreak + 1));
    await outcomes.attempt(destination.id, async () => {
      await ledger.markPending(db, failed, AttemptOutcome.retry, reason, details);
      await ledger.destinationFailed(db, destination.id, reason, at);
    });
    logger.warn({ destination: destination.id, status: result.status, retryAt: at.toISOString(), error: redact(result.error) }, 'delivery failed; will retry');
    return { stop: 'retry', at };
  }

  return { sendBatch };
}

export function describe(result: Failure): string {
  return redact(result.status ? `HTTP ${result.status}: ${result.error}` : result.error).slice(0, 1000);
}

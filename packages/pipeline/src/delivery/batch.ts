import { randomBytes } from 'node:crypto';
import { AttemptOutcome } from '@herald/db/statuses';
import { isRetryableDatabaseError, type SqlPool } from '@herald/db/sql';
import { failpoint, redact, type Logger } from '@herald/logging';
import { failureReason } from './failure-reason.js';
import { sendInFlight } from './in-flight.js';
import * as ledger from './ledger.js';
import { mentionOf } from './mentions.js';
import { packKeepingNonces, type OutgoingMessage } from './nonces.js';
import { renderEvent, type Renderers } from './renderers.js';
import type { MessagePacker, MessageSender, PackItem, SendResult } from './sender.js';
import { SettledDeliveries } from './settled.js';
import type { UnrecordedOutcomes } from './unrecorded.js';

/**
 * Why a drain stops early: `retry` — nothing may be sent to the destination before `at`;
 * `quarantined` — Discord refused the destination just now; `inactive` — it was already
 * quarantined or paused when the drain began. Only `retry` brings the job back.
 */
export type Stop = { stop: 'retry'; at: Date } | { stop: 'quarantined' } | { stop: 'inactive' } | undefined;

/** The message a drain sent last, not yet recorded: it is recorded while the next message is sent. */
export interface Sent {
  deliveryIds: bigint[];
  messageId: string;
  settleKeys: string[];
}

/** What one drain carries from message to message. */
export interface DrainState {
  unrecorded?: Sent | undefined;
  /** Set by the drain: claim the next batch during the next send (folded into the previous message's record). */
  claimRequest?: { limit: number; except: bigint[] } | undefined;
  /** The claim started for `claimRequest`. */
  claimed?: Promise<ledger.PendingDelivery[]> | undefined;
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
 * allows; each request carries the destination's in-flight marker (see sendInFlight), so after a
 * crash "in doubt" means exactly "a request may have reached Discord and its answer was not
 * recorded". A message Discord refuses as invalid (400, 413, …) is dead-lettered at once — split
 * first when it carried several events, so one bad event never takes its neighbours with it — and
 * never holds back later events; a transient failure stops the batch for a retry later;
 * 401/403/404 quarantine the destination.
 */
export function createBatchSender(ctx: BatchSenderContext) {
  const { db, logger, outcomes } = ctx;

  async function sendBatch(destination: ledger.DestinationRow, batch: ledger.PendingDelivery[], state: DrainState): Promise<Stop> {
    const eventOf = new Map(batch.map((d) => [d.id.toString(), d.eventId]));
    const keysOf = (deliveryIds: bigint[]) => deliveryIds.map((id) => SettledDeliveries.key(eventOf.get(id.toString())!, destination.id));
    // Claimed before and never settled: in doubt only if its request may have left (the in-flight marker).
    const inDoubt = batch.filter((d) => d.status === 'sending' && destination.inFlight.has(d.id.toString())).map((d) => d.id);
    if (inDoubt.length > 0) {
      logger.warn({ destination: destination.id, deliveries: inDoubt.map(String) }, 'resending deliveries whose earlier request may have reached Discord without an answer');
      await ledger.noteInDoubt(db, inDoubt);
    }
    const items: PackItem[] = [];
    for (const delivery of batch) {
      try {
        const { embeds, pings } = renderEvent(ctx.renderers, delivery.type, delivery.payload);
        const mention = mentionOf(delivery.mentions, pings?.users);
        items.push({ key: delivery.id.toString(), embeds, ...(mention && { mention }) });
      } catch (error) {
        logger.error({ delivery: String(delivery.id), err: error }, 'event cannot be rendered; dead-lettered');
        await deadLetter(destination, [delivery.id], failureReason({ error: (error as Error).message }), undefined, keysOf);
      }
    }
    const messages = destination.kind === 'channel' ? packKeepingNonces(ctx.pack, items, batch) : ctx.pack(items);
    for (const [index, message] of messages.entries()) {
      const stop = await sendMessage(destination, message, state, keysOf, items);
      if (stop) {
        // Claimed but never sent: back in line (not in doubt either way, as the marker never listed them).
        const unsent = messages.slice(index + 1).flatMap((m) => m.keys.map(BigInt));
        await outcomes.attempt(destination.id, () => ledger.release(db, unsent));
        return stop;
      }
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
    const previous = state.unrecorded;
    if (nonce !== null && message.nonce === undefined) await ledger.setNonce(db, deliveryIds, nonce);
    // While this message is on its way: the previous one is recorded and the next batch claimed.
    state.unrecorded = undefined;
    const background = recordAndClaim(destination.id, previous, state);
    const result = await sendInFlight(ctx, destination, { body: message.body, nonce, deliveryIds, previousIds: previous?.deliveryIds ?? [] }).catch(async (error: unknown) => {
      await background;
      throw error;
    });
    // Awaited before the next marker is written: every answer it leaves out must be recorded by then.
    const recorded = await background;
    if (result.ok) {
      failpoint('deliver.after-send');
      state.unrecorded = { deliveryIds, messageId: result.messageId, settleKeys: keysOf(deliveryIds) };
      if (destination.failureStreak > 0) {
        destination.failureStreak = 0;
        await outcomes.attempt(destination.id, () => ledger.destinationHealthy(db, destination.id));
      }
      // Postgres is down: an answer waits in memory, and the next marker would not list it. Stop here.
      return recorded ? undefined : { stop: 'retry', at: new Date(Date.now() + 1000) };
    }
    if (result.kind === 'invalid' && deliveryIds.length > 1) {
      // Which event Discord objects to is unknown: send them one by one and judge each.
      await outcomes.attempt(destination.id, () => ledger.noteAttempt(db, deliveryIds, AttemptOutcome.retry, `${failureReason(result)} (sending the grouped events one by one)`, result.status));
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
      await deadLetter(destination, deliveryIds, failureReason(result), result.status, keysOf);
      return undefined;
    }
    return handleFailure(destination, result, deliveryIds);
  }

  /**
   * Records `previous` (if any) and claims the next batch (if the drain asked), in one statement
   * when both are due. False when the record had to be kept for later (Postgres unavailable). The
   * claim's outcome goes to `state.claimed`, where the drain awaits it.
   */
  async function recordAndClaim(destinationId: number, previous: Sent | undefined, state: DrainState): Promise<boolean> {
    const request = state.claimRequest;
    state.claimRequest = undefined;
    if (!request) return previous ? recordSent(destinationId, previous) : true;
    const next = { destinationId, ...request };
    if (!previous) {
      state.claimed = ledger.claimNext(db, destinationId, request.limit, request.except);
      state.claimed.catch(() => undefined); // awaited by the drain
      return true;
    }
    let kept = false;
    state.claimed = ledger.markDeliveredAndClaimNext(db, previous, ctx.scrub, next).then(
      (rows) => {
        failpoint('deliver.after-record');
        ctx.settled.settle(previous.settleKeys);
        return rows;
      },
      async (error: unknown) => {
        // A deadlock undoes the record as an outage does: the answer is kept, never dropped.
        if (isRetryableDatabaseError(error)) kept = !(await recordSent(destinationId, previous));
        throw error;
      },
    );
    return state.claimed.then(
      () => true,
      () => !kept,
    );
  }

  /** Records a message Discord accepted; false when Postgres is down (the answer is then kept for later). */
  function recordSent(destinationId: number, sent: Sent): Promise<boolean> {
    return outcomes.attempt(destinationId, async () => {
      await ledger.markDelivered(db, sent.deliveryIds, sent.messageId, ctx.scrub);
      failpoint('deliver.after-record');
      ctx.settled.settle(sent.settleKeys);
    });
  }

  async function deadLetter(destination: ledger.DestinationRow, deliveryIds: bigint[], reason: string, status: number | undefined, keysOf: (ids: bigint[]) => string[]) {
    await outcomes.attempt(destination.id, async () => {
      await ledger.markDead(db, deliveryIds, reason, status);
      ctx.settled.settle(keysOf(deliveryIds));
    });
  }

  async function handleFailure(destination: ledger.DestinationRow, result: Failure, failed: bigint[]): Promise<Stop> {
    const reason = failureReason(result);
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

  return { sendBatch, recordSent };
}

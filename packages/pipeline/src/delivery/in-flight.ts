import { setMaxListeners } from 'node:events';
import { isDatabaseUnavailable, type SqlPool } from '@herald/db/sql';
import * as ledger from './ledger.js';
import type { MessageBody, MessageSender, SendResult } from './sender.js';
import type { UnrecordedOutcomes } from './unrecorded.js';

export interface InFlightContext {
  db: SqlPool;
  sender: MessageSender;
  outcomes: UnrecordedOutcomes;
  /** Aborted on shutdown. */
  signal: AbortSignal;
}

export interface OutgoingRequest {
  body: MessageBody;
  /** Bot channels: the nonce the message is sent with (already recorded). */
  nonce: string | null;
  deliveryIds: bigint[];
  /** The message sent before, whose record may still be running: listed too until it is. */
  previousIds: bigint[];
}

/**
 * Sends one message. The destination's in-flight marker lists its deliveries (and the previous
 * message's) from the moment its request really leaves — not while it waits in a rate-limit queue
 * or behind a refusal floor — until Discord refuses it with an answer the client retries by itself;
 * so after a crash exactly the deliveries whose request may have reached Discord unanswered are in
 * doubt. If the marker cannot be written (Postgres down), nothing is sent and this throws. One abort
 * controller per send, linked to shutdown, so the REST client's abort listeners go away with it.
 */
export async function sendInFlight(ctx: InFlightContext, destination: ledger.DestinationRow, request: OutgoingRequest): Promise<SendResult> {
  const { db, outcomes } = ctx;
  const { id } = destination;
  const listed = [...request.deliveryIds, ...request.previousIds];
  const hooks = {
    beforeRequest: async () => {
      try {
        await ledger.markInFlight(db, id, listed);
      } catch (error) {
        // It may have committed before the connection went: list only what really may be in flight.
        if (isDatabaseUnavailable(error)) await outcomes.attempt(id, () => ledger.markInFlight(db, id, request.previousIds));
        throw error;
      }
    },
    afterRefusal: async () => void (await outcomes.attempt(id, () => ledger.markInFlight(db, id, request.previousIds))),
  };
  const controller = new AbortController();
  setMaxListeners(0, controller.signal); // the REST client adds one per attempt of a long retry run
  const abort = () => controller.abort();
  ctx.signal.addEventListener('abort', abort, { once: true });
  try {
    return await ctx.sender.send(destination, request.body, { ...(request.nonce !== null && { nonce: request.nonce }), signal: controller.signal, hooks });
  } finally {
    ctx.signal.removeEventListener('abort', abort);
  }
}

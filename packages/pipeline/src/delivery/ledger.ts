import { AttemptOutcome, DeliveryStatus, DestinationStatus } from '@herald/db/statuses';
import { withTransaction, type Queryable, type SqlPool } from '@herald/db/sql';
import type { Mentions } from '../routing.js';

/** State transitions of the delivery ledger. Each function is one statement or one short transaction. */
export interface PendingDelivery {
  id: bigint;
  eventId: bigint;
  status: string;
  type: string;
  payload: unknown;
  /** Who this delivery pings (from its route). */
  mentions: Mentions | null;
  /** Set once sent to a bot channel: a resend must reuse it so Discord can drop the duplicate. */
  nonce: string | null;
}

export interface DestinationRow {
  id: number;
  kind: string;
  target: string;
  status: string;
  retryAt: Date | null;
  /** Consecutive transient failures; 0 when healthy. */
  failureStreak: number;
  /** Deliveries whose request may have been on its way when the last drain ended (see markInFlight). */
  inFlight: Set<string>;
}

const ids = (values: bigint[]) => values.map(String);

export async function openDestinationsOf(db: Queryable, eventId: bigint): Promise<number[]> {
  const { rows } = await db.query<{ destination_id: number }>(
    `SELECT destination_id FROM deliveries WHERE event_id = $1 AND status IN ('pending', 'sending') ORDER BY destination_id`,
    [eventId.toString()],
  );
  return rows.map((r) => r.destination_id);
}

/** Which of these events still have an open delivery, oldest first. */
export async function owedAmong(db: Queryable, eventIds: bigint[]): Promise<bigint[]> {
  if (eventIds.length === 0) return [];
  const { rows } = await db.query<{ event_id: bigint }>(
    `SELECT DISTINCT event_id FROM deliveries WHERE event_id = ANY($1::bigint[]) AND status IN ('pending', 'sending') ORDER BY event_id`,
    [ids(eventIds)],
  );
  return rows.map((r) => r.event_id);
}

export async function destination(db: Queryable, id: number): Promise<DestinationRow> {
  const { rows } = await db.query<{ id: number; kind: string; target: string; status: string; retry_at: Date | null; failure_streak: number; in_flight: string[] }>(
    'SELECT id, kind, target, status, retry_at, failure_streak, in_flight::text[] AS in_flight FROM destinations WHERE id = $1',
    [id],
  );
  const row = rows[0];
  if (!row) throw new Error(`destination ${id} does not exist`);
  return {
    id: row.id,
    kind: row.kind,
    target: row.target,
    status: row.status,
    retryAt: row.retry_at,
    failureStreak: row.failure_streak,
    inFlight: new Set(row.in_flight),
  };
}

// recordDelivered: $1 delivered ids, $2 Discord message id, $3 scrub personal data. Recording the
// same answer twice (its first commit's acknowledgement was lost) changes nothing.
const recordDelivered = `
  delivered AS (
    UPDATE deliveries SET status = 'delivered', discord_message_id = $2, delivered_at = now(), last_error = NULL
    WHERE id = ANY($1::bigint[]) AND status <> 'delivered' RETURNING id, event_id
  ), attempts AS (
    INSERT INTO delivery_attempts (delivery_id, outcome, http_status, discord_message_id)
    SELECT id, 'delivered', 200, $2 FROM delivered
  ), complete AS (
    SELECT e.id FROM events e WHERE e.id IN (SELECT event_id FROM delivered)
      AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id AND d.status <> 'delivered' AND NOT (d.id = ANY($1::bigint[])))
  ), scrubbed AS (
    UPDATE events SET payload = payload - 'email' - 'realName' WHERE $3::boolean AND id IN (SELECT id FROM complete)
  )`;

/**
 * Placeholders: the destination, the batch size, and ids to leave out (the batch being sent).
 * Nothing is claimed once the destination is no longer active, so a pause (or a quarantine by
 * another replica) during a backlog takes effect before the next message.
 */
const claim = (destination: string, limit: string, except: string) => `
  next AS (
    SELECT id, event_id, status, mentions, nonce FROM deliveries
    WHERE destination_id = ${destination} AND status IN ('pending', 'sending') AND NOT (id = ANY(${except}::bigint[]))
      AND EXISTS (SELECT 1 FROM destinations t WHERE t.id = ${destination} AND t.status = 'active')
    ORDER BY event_id LIMIT ${limit}
  ), claimed AS (
    UPDATE deliveries d SET status = 'sending', attempts = d.attempts + 1, last_attempt_at = now() FROM next WHERE d.id = next.id
  )`;
const claimedRows = `SELECT next.id, next.event_id, next.status AS previous, next.mentions, next.nonce, e.type, e.payload
  FROM next JOIN events e ON e.id = next.event_id ORDER BY next.event_id`;
const toPending = (rows: ClaimedRow[]): PendingDelivery[] =>
  rows.map((r) => ({ id: r.id, eventId: r.event_id, status: r.previous, type: r.type, payload: r.payload, mentions: r.mentions, nonce: r.nonce }));

type ClaimedRow = { id: bigint; event_id: bigint; previous: string; mentions: Mentions | null; nonce: string | null; type: string; payload: unknown };

/**
 * Claims the oldest open deliveries of a destination, leaving out `except` (the batch being sent
 * while this one is claimed): marks them `sending` (one more attempt) and returns them with their
 * events. A row that was already `sending` was claimed before and never settled: it is in doubt
 * only if the destination's in-flight marker lists it (see `markInFlight`); otherwise it was
 * claimed but never sent. The destination's lease guarantees one claimer at a time.
 */
export async function claimNext(db: Queryable, destinationId: number, limit: number, except: bigint[] = []): Promise<PendingDelivery[]> {
  const { rows } = await db.query<ClaimedRow>(`WITH ${claim('$1', '$2', '$3')} ${claimedRows}`, [destinationId, limit, ids(except)]);
  return toPending(rows);
}

/**
 * `markDelivered` of the message sent before, and `claimNext`, in one statement: during a backlog
 * the notifier runs it while the next message is on its way, so each message costs one commit
 * besides its in-flight marker.
 */
export async function markDeliveredAndClaimNext(
  db: Queryable,
  delivered: { deliveryIds: bigint[]; messageId: string },
  scrubPersonalData: boolean,
  next: { destinationId: number; limit: number; except: bigint[] },
): Promise<PendingDelivery[]> {
  const { rows } = await db.query<ClaimedRow>(`WITH ${recordDelivered}, ${claim('$4', '$5', '$6')} ${claimedRows}`, [
    ids(delivered.deliveryIds),
    delivered.messageId,
    scrubPersonalData,
    next.destinationId,
    next.limit,
    ids(next.except),
  ]);
  return toPending(rows);
}

/** Gives back claimed rows that were never sent (a failure before their turn, shutdown). */
export async function release(db: Queryable, deliveryIds: bigint[]): Promise<void> {
  if (deliveryIds.length === 0) return;
  await db.query(
    `UPDATE deliveries SET status = 'pending', attempts = greatest(attempts - 1, 0) WHERE id = ANY($1::bigint[]) AND status = 'sending'`,
    [ids(deliveryIds)],
  );
}

/**
 * Records, right before a request goes out, which deliveries of the destination may be on their
 * way to Discord: this message's, plus any sent earlier whose answer is not recorded yet. After a
 * crash, exactly these are in doubt; other `sending` rows were only claimed. One row, no indexed
 * column (a HOT update), and its commit does not wait for the WAL flush (synchronous_commit off,
 * for this statement only): it is on the path of every message, and it only has to outlive the
 * notifier, not Postgres — if Postgres crashes, the notifier still holds Discord's answers and
 * records them (synchronously) once it is back.
 */
export async function markInFlight(db: Queryable, destinationId: number, deliveryIds: bigint[]): Promise<void> {
  await db.query(
    `WITH async AS (SELECT set_config('synchronous_commit', 'off', true))
     UPDATE destinations SET in_flight = $2::bigint[] WHERE id = $1 AND EXISTS (SELECT 1 FROM async)`,
    [destinationId, ids(deliveryIds)],
  );
}

/** Remembers the nonce a bot-channel message is about to be sent with (before sending it). */
export async function setNonce(db: Queryable, deliveryIds: bigint[], nonce: string): Promise<void> {
  await db.query('UPDATE deliveries SET nonce = $2 WHERE id = ANY($1::bigint[])', [ids(deliveryIds), nonce]);
}

/**
 * Records deliveries Discord accepted and their attempts, and (data minimisation) drops e-mail and
 * real name from events every destination now has — in one statement, so it is all or nothing.
 */
export async function markDelivered(db: Queryable, deliveryIds: bigint[], messageId: string, scrubPersonalData: boolean): Promise<void> {
  await db.query(`WITH ${recordDelivered} SELECT count(*) FROM delivered`, [ids(deliveryIds), messageId, scrubPersonalData]);
}

/**
 * Puts rows back in line after a failed attempt (transient failure, quarantine) and logs it.
 * `answered: false` (a timeout, a cut connection: the request may have reached Discord) keeps them
 * `sending`, so the next attempt is known to be in doubt; with an answer they become `pending`.
 */
export async function markPending(
  pool: SqlPool,
  deliveryIds: bigint[],
  outcome: AttemptOutcome,
  error: string,
  details: { httpStatus?: number | undefined; answered: boolean },
): Promise<void> {
  if (deliveryIds.length === 0) return;
  const httpStatus = details.httpStatus;
  const status = details.answered ? DeliveryStatus.pending : DeliveryStatus.sending;
  await withTransaction(pool, async (tx) => {
    await tx.query('UPDATE deliveries SET status = $2, last_error = $3 WHERE id = ANY($1::bigint[])', [ids(deliveryIds), status, error]);
    await logAttempts(tx, deliveryIds, outcome, { error, ...(httpStatus === undefined ? {} : { httpStatus }) });
  });
}

/** Dead-letters deliveries no retry can fix (Discord refused the message itself); the dashboard shows `error`. */
export async function markDead(pool: SqlPool, deliveryIds: bigint[], error: string, httpStatus?: number): Promise<void> {
  await withTransaction(pool, async (tx) => {
    await tx.query('UPDATE deliveries SET status = $2, last_error = $3 WHERE id = ANY($1::bigint[])', [ids(deliveryIds), DeliveryStatus.dead, error]);
    await logAttempts(tx, deliveryIds, AttemptOutcome.dead, { error, ...(httpStatus === undefined ? {} : { httpStatus }) });
  });
}

/** Logs an attempt without changing the deliveries' status. */
export async function noteAttempt(db: Queryable, deliveryIds: bigint[], outcome: AttemptOutcome, error: string, httpStatus?: number): Promise<void> {
  await logAttempts(db, deliveryIds, outcome, { error, ...(httpStatus === undefined ? {} : { httpStatus }) });
}

/** Logs that these deliveries' last request may have reached Discord without Herald learning the answer. */
export async function noteInDoubt(db: Queryable, deliveryIds: bigint[]): Promise<void> {
  await logAttempts(db, deliveryIds, AttemptOutcome.inDoubt, {
    error: 'a request for this delivery may have reached Discord, but its answer was never received; sending again',
  });
}

async function logAttempts(
  db: Queryable,
  deliveryIds: bigint[],
  outcome: AttemptOutcome,
  details: { error?: string; httpStatus?: number; messageId?: string },
): Promise<void> {
  await db.query(
    `INSERT INTO delivery_attempts (delivery_id, outcome, error, http_status, discord_message_id)
     SELECT id, $2, $3, $4, $5 FROM unnest($1::bigint[]) AS id`,
    [ids(deliveryIds), outcome, details.error ?? null, details.httpStatus ?? null, details.messageId ?? null],
  );
}

export async function destinationHealthy(db: Queryable, destinationId: number): Promise<void> {
  await db.query(
    `UPDATE destinations SET failure_streak = 0, retry_at = NULL, last_error = NULL, updated_at = now()
     WHERE id = $1 AND (failure_streak > 0 OR retry_at IS NOT NULL OR last_error IS NOT NULL)`,
    [destinationId],
  );
}

/** Records a transient failure: one more in the streak, and no attempt before `retryAt` (shared by every replica). */
export async function destinationFailed(db: Queryable, destinationId: number, error: string, retryAt: Date): Promise<void> {
  await db.query(
    'UPDATE destinations SET failure_streak = failure_streak + 1, last_error = $2, retry_at = $3, updated_at = now() WHERE id = $1',
    [destinationId, error, retryAt],
  );
}

export async function quarantine(db: Queryable, destinationId: number, reason: string): Promise<void> {
  await db.query(
    `UPDATE destinations SET status = $2, quarantine_reason = $3, quarantined_at = now(), last_error = $3, updated_at = now() WHERE id = $1`,
    [destinationId, DestinationStatus.quarantined, reason],
  );
}

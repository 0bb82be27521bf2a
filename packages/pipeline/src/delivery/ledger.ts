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
  const { rows } = await db.query<{ id: number; kind: string; target: string; status: string; retry_at: Date | null; failure_streak: number }>(
    'SELECT id, kind, target, status, retry_at, failure_streak FROM destinations WHERE id = $1',
    [id],
  );
  const row = rows[0];
  if (!row) throw new Error(`destination ${id} does not exist`);
  return { id: row.id, kind: row.kind, target: row.target, status: row.status, retryAt: row.retry_at, failureStreak: row.failure_streak };
}

// Statement fragments shared by the single-purpose and the combined statements below.
// recordDelivered: $1 delivered ids, $2 Discord message id, $3 scrub personal data.
const recordDelivered = `
  delivered AS (
    UPDATE deliveries SET status = 'delivered', discord_message_id = $2, delivered_at = now(), last_error = NULL
    WHERE id = ANY($1::bigint[]) RETURNING id, event_id
  ), attempts AS (
    INSERT INTO delivery_attempts (delivery_id, outcome, http_status, discord_message_id)
    SELECT id, 'delivered', 200, $2 FROM delivered
  ), complete AS (
    SELECT e.id FROM events e WHERE e.id IN (SELECT event_id FROM delivered)
      AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id AND d.status <> 'delivered' AND NOT (d.id = ANY($1::bigint[])))
  ), scrubbed AS (
    UPDATE events SET payload = payload - 'email' - 'realName' WHERE $3::boolean AND id IN (SELECT id FROM complete)
  )`;
/** `$1` ids to leave out (just delivered), then the destination and batch-size placeholders. */
const claim = (destination: string, limit: string) => `
  next AS (
    SELECT id, event_id, status, mentions, nonce FROM deliveries
    WHERE destination_id = ${destination} AND status IN ('pending', 'sending') AND NOT (id = ANY($1::bigint[]))
    ORDER BY event_id LIMIT ${limit}
  ), claimed AS (
    UPDATE deliveries d SET status = 'sending', attempts = d.attempts + 1, last_attempt_at = now() FROM next WHERE d.id = next.id
  )`;
const claimedRows = `SELECT next.id, next.event_id, next.status AS previous, next.mentions, next.nonce, e.type, e.payload
  FROM next JOIN events e ON e.id = next.event_id ORDER BY next.event_id`;

type ClaimedRow = { id: bigint; event_id: bigint; previous: string; mentions: Mentions | null; nonce: string | null; type: string; payload: unknown };
const toPending = (rows: ClaimedRow[]): PendingDelivery[] =>
  rows.map((r) => ({ id: r.id, eventId: r.event_id, status: r.previous, type: r.type, payload: r.payload, mentions: r.mentions, nonce: r.nonce }));

/**
 * Claims the oldest open deliveries of a destination: marks them `sending` (one more attempt) and
 * returns them with their events. A row that was already `sending` had its last attempt
 * interrupted (the process died mid-request): its outcome is in doubt. The destination's lease
 * guarantees one claimer at a time.
 */
export async function claimNext(db: Queryable, destinationId: number, limit: number, except: bigint[] = []): Promise<PendingDelivery[]> {
  const { rows } = await db.query<ClaimedRow>(`WITH ${claim('$2', '$3')} ${claimedRows}`, [ids(except), destinationId, limit]);
  return toPending(rows);
}

/** Remembers the nonce a bot-channel message is about to be sent with (before sending it). */
export async function setNonce(db: Queryable, deliveryIds: bigint[], nonce: string): Promise<void> {
  await db.query('UPDATE deliveries SET nonce = $2 WHERE id = ANY($1::bigint[])', [ids(deliveryIds), nonce]);
}

/** Gives back claimed rows that were never sent (shutdown, or a failure before their turn). */
export async function release(db: Queryable, deliveryIds: bigint[]): Promise<void> {
  if (deliveryIds.length === 0) return;
  await db.query(
    `UPDATE deliveries SET status = 'pending', attempts = greatest(attempts - 1, 0) WHERE id = ANY($1::bigint[]) AND status = 'sending'`,
    [ids(deliveryIds)],
  );
}

/**
 * Records deliveries Discord accepted and their attempts, and (data minimisation) drops e-mail and
 * real name from events every destination now has — in one statement, so it is all or nothing.
 */
export async function markDelivered(db: Queryable, deliveryIds: bigint[], messageId: string, scrubPersonalData: boolean): Promise<void> {
  await db.query(`WITH ${recordDelivered} SELECT count(*) FROM delivered`, [ids(deliveryIds), messageId, scrubPersonalData]);
}

/** markDelivered and claimNext in one statement: during a backlog each message costs one round trip. */
export async function markDeliveredAndClaimNext(
  db: Queryable,
  delivered: { deliveryIds: bigint[]; messageId: string },
  scrubPersonalData: boolean,
  destinationId: number,
  limit: number,
): Promise<PendingDelivery[]> {
  const { rows } = await db.query<ClaimedRow>(`WITH ${recordDelivered}, ${claim('$4', '$5')} ${claimedRows}`, [
    ids(delivered.deliveryIds),
    delivered.messageId,
    scrubPersonalData,
    destinationId,
    limit,
  ]);
  return toPending(rows);
}

/** Puts rows back in line (transient failure, quarantine) and logs the attempt. */
export async function markPending(pool: SqlPool, deliveryIds: bigint[], outcome: AttemptOutcome, error: string, httpStatus?: number): Promise<void> {
  if (deliveryIds.length === 0) return;
  await withTransaction(pool, async (tx) => {
    await tx.query('UPDATE deliveries SET status = $2, last_error = $3 WHERE id = ANY($1::bigint[])', [ids(deliveryIds), DeliveryStatus.pending, error]);
    await logAttempts(tx, deliveryIds, outcome, { error, ...(httpStatus === undefined ? {} : { httpStatus }) });
  });
}

export async function markDead(pool: SqlPool, deliveryId: bigint, error: string, httpStatus?: number): Promise<void> {
  await withTransaction(pool, async (tx) => {
    await tx.query('UPDATE deliveries SET status = $2, last_error = $3 WHERE id = $1', [deliveryId.toString(), DeliveryStatus.dead, error]);
    await logAttempts(tx, [deliveryId], AttemptOutcome.dead, { error, ...(httpStatus === undefined ? {} : { httpStatus }) });
  });
}

/** Logs an attempt without changing the deliveries' status. */
export async function noteAttempt(db: Queryable, deliveryIds: bigint[], outcome: AttemptOutcome, error: string, httpStatus?: number): Promise<void> {
  await logAttempts(db, deliveryIds, outcome, { error, ...(httpStatus === undefined ? {} : { httpStatus }) });
}

export async function noteInDoubt(db: Queryable, deliveryIds: bigint[]): Promise<void> {
  await logAttempts(db, deliveryIds, AttemptOutcome.inDoubt, {
    error: 'a previous attempt was interrupted before its outcome was recorded; sending again',
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

/** Records a transient failure and returns when the destination may be tried again. */
export async function destinationFailed(db: Queryable, destinationId: number, error: string, delayMs: (streak: number) => number): Promise<Date> {
  const { rows } = await db.query<{ failure_streak: number }>(
    'UPDATE destinations SET failure_streak = failure_streak + 1, last_error = $2, updated_at = now() WHERE id = $1 RETURNING failure_streak',
    [destinationId, error],
  );
  const retryAt = new Date(Date.now() + delayMs(rows[0]!.failure_streak));
  await db.query('UPDATE destinations SET retry_at = $2 WHERE id = $1', [destinationId, retryAt]);
  return retryAt;
}

export async function quarantine(db: Queryable, destinationId: number, reason: string): Promise<void> {
  await db.query(
    `UPDATE destinations SET status = $2, quarantine_reason = $3, quarantined_at = now(), last_error = $3, updated_at = now() WHERE id = $1`,
    [destinationId, DestinationStatus.quarantined, reason],
  );
}

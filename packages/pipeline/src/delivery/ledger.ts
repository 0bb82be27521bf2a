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

// recordDelivered: $1 delivered ids, $2 Discord message id, $3 scrub personal data. Shared by
// markDelivered and beginSend (which folds the previous message's record into the next send).
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

type ClaimedRow = { id: bigint; event_id: bigint; status: string; mentions: Mentions | null; nonce: string | null; type: string; payload: unknown };

/**
 * The oldest open deliveries of a destination with their events, oldest first, leaving out
 * `except` (the batch being sent while this one is fetched). Reading changes nothing: a delivery
 * becomes `sending` only in `beginSend`, right before its request, so `sending` always means "a
 * request for it may have reached Discord". The destination's lease guarantees one reader at a time.
 */
export async function claimNext(db: Queryable, destinationId: number, limit: number, except: bigint[] = []): Promise<PendingDelivery[]> {
  const { rows } = await db.query<ClaimedRow>(
    `SELECT d.id, d.event_id, d.status, d.mentions, d.nonce, e.type, e.payload FROM deliveries d JOIN events e ON e.id = d.event_id
     WHERE d.destination_id = $1 AND d.status IN ('pending', 'sending') AND NOT (d.id = ANY($3::bigint[]))
     ORDER BY d.event_id LIMIT $2`,
    [destinationId, limit, ids(except)],
  );
  return rows.map((r) => ({ id: r.id, eventId: r.event_id, status: r.status, type: r.type, payload: r.payload, mentions: r.mentions, nonce: r.nonce }));
}

/**
 * Marks deliveries `sending` (one more attempt) right before their request goes out, with the
 * bot-channel nonce the request carries; and, in the same statement, records the previous message
 * of the drain as delivered (so a backlog costs one round trip per message). Committed before the
 * request, so after a crash `sending` rows are exactly those whose outcome is in doubt.
 */
export async function beginSend(
  db: Queryable,
  deliveryIds: bigint[],
  nonce: string | null,
  previous: { deliveryIds: bigint[]; messageId: string } | undefined,
  scrubPersonalData: boolean,
): Promise<void> {
  await db.query(
    `WITH ${recordDelivered}, sending AS (
       UPDATE deliveries SET status = 'sending', attempts = attempts + 1, last_attempt_at = now(), nonce = coalesce($5, nonce)
       WHERE id = ANY($4::bigint[]) RETURNING id
     ) SELECT (SELECT count(*) FROM sending) AS sending`,
    [ids(previous?.deliveryIds ?? []), previous?.messageId ?? '', scrubPersonalData, ids(deliveryIds), nonce],
  );
}

/**
 * Undoes `beginSend` for deliveries whose request was never sent: used when Postgres went away
 * while `beginSend` ran, so it may have committed without us learning it. Without this they would
 * wrongly be resent as "in doubt".
 */
export async function returnUnsent(db: Queryable, deliveryIds: bigint[]): Promise<void> {
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

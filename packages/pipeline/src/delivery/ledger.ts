import { AttemptOutcome, DeliveryStatus, DestinationStatus } from '@herald/db/statuses';
import { withTransaction, type Queryable, type SqlPool } from '@herald/db/sql';

/** State transitions of the delivery ledger. Each function is one statement or one short transaction. */
export interface PendingDelivery {
  id: bigint;
  eventId: bigint;
  status: string;
  type: string;
  payload: unknown;
}

export interface DestinationRow {
  id: number;
  kind: string;
  target: string;
  status: string;
  retryAt: Date | null;
}

const ids = (values: bigint[]) => values.map(String);

export async function openDestinationsOf(db: Queryable, eventId: bigint): Promise<number[]> {
  const { rows } = await db.query<{ destination_id: number }>(
    `SELECT destination_id FROM deliveries WHERE event_id = $1 AND status IN ('pending', 'sending') ORDER BY destination_id`,
    [eventId.toString()],
  );
  return rows.map((r) => r.destination_id);
}

export async function deliveryStatus(db: Queryable, eventId: bigint, destinationId: number): Promise<string | undefined> {
  const { rows } = await db.query<{ status: string }>('SELECT status FROM deliveries WHERE event_id = $1 AND destination_id = $2', [eventId.toString(), destinationId]);
  return rows[0]?.status;
}

export async function destination(db: Queryable, id: number): Promise<DestinationRow> {
  const { rows } = await db.query<{ id: number; kind: string; target: string; status: string; retry_at: Date | null }>(
    'SELECT id, kind, target, status, retry_at FROM destinations WHERE id = $1',
    [id],
  );
  const row = rows[0];
  if (!row) throw new Error(`destination ${id} does not exist`);
  return { id: row.id, kind: row.kind, target: row.target, status: row.status, retryAt: row.retry_at };
}

export async function nextPending(db: Queryable, destinationId: number, limit: number): Promise<PendingDelivery[]> {
  const { rows } = await db.query<{ id: bigint; event_id: bigint; status: string; type: string; payload: unknown }>(
    `SELECT d.id, d.event_id, d.status, e.type, e.payload FROM deliveries d JOIN events e ON e.id = d.event_id
     WHERE d.destination_id = $1 AND d.status IN ('pending', 'sending') ORDER BY d.event_id LIMIT $2`,
    [destinationId, limit],
  );
  return rows.map((r) => ({ id: r.id, eventId: r.event_id, status: r.status, type: r.type, payload: r.payload }));
}

/**
 * Marks rows as being sent before the request leaves. If the process dies mid-request, the row
 * stays `sending` and the next attempt knows the outcome is in doubt.
 */
export async function markSending(db: Queryable, deliveryIds: bigint[]): Promise<void> {
  await db.query(
    `UPDATE deliveries SET status = $2, attempts = attempts + 1, last_attempt_at = now() WHERE id = ANY($1::bigint[])`,
    [ids(deliveryIds), DeliveryStatus.sending],
  );
}

export async function markDelivered(pool: SqlPool, deliveryIds: bigint[], messageId: string, scrubPersonalData: boolean): Promise<void> {
  await withTransaction(pool, async (tx) => {
    await tx.query(
      `UPDATE deliveries SET status = $2, discord_message_id = $3, delivered_at = now(), last_error = NULL WHERE id = ANY($1::bigint[])`,
      [ids(deliveryIds), DeliveryStatus.delivered, messageId],
    );
    await logAttempts(tx, deliveryIds, AttemptOutcome.delivered, { httpStatus: 200, messageId });
    // Data minimisation: once every destination has an event, its e-mail and real name are not needed again.
    if (scrubPersonalData) {
      await tx.query(
        `UPDATE events e SET payload = e.payload - 'email' - 'realName'
         WHERE e.id IN (SELECT event_id FROM deliveries WHERE id = ANY($1::bigint[]))
           AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id AND d.status <> 'delivered')`,
        [ids(deliveryIds)],
      );
    }
  });
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

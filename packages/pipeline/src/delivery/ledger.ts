import { AttemptOutcome, DeliveryStatus, DestinationStatus, type Db } from '@herald/db';

/** State transitions of the delivery ledger. Each function is one short transaction. */
export interface PendingDelivery {
  id: bigint;
  eventId: bigint;
  status: string;
  type: string;
  payload: unknown;
}

export async function nextPending(db: Db, destinationId: number, limit: number): Promise<PendingDelivery[]> {
  const rows = await db.delivery.findMany({
    where: { destinationId, status: { in: [DeliveryStatus.pending, DeliveryStatus.sending] } },
    orderBy: { eventId: 'asc' },
    take: limit,
    select: { id: true, eventId: true, status: true, event: { select: { type: true, payload: true } } },
  });
  return rows.map((r) => ({ id: r.id, eventId: r.eventId, status: r.status, type: r.event.type, payload: r.event.payload }));
}

/**
 * Marks rows as being sent before the request leaves. If the process dies mid-request, the row
 * stays `sending` and the next attempt knows the outcome is in doubt.
 */
export async function markSending(db: Db, ids: bigint[]): Promise<void> {
  await db.delivery.updateMany({
    where: { id: { in: ids } },
    data: { status: DeliveryStatus.sending, attempts: { increment: 1 }, lastAttemptAt: new Date() },
  });
}

export async function markDelivered(db: Db, ids: bigint[], messageId: string, scrubPersonalData: boolean): Promise<void> {
  const now = new Date();
  await db.$transaction([
    db.delivery.updateMany({
      where: { id: { in: ids } },
      data: { status: DeliveryStatus.delivered, discordMessageId: messageId, deliveredAt: now, lastError: null },
    }),
    db.deliveryAttempt.createMany({
      data: ids.map((deliveryId) => ({ deliveryId, at: now, outcome: AttemptOutcome.delivered, httpStatus: 200, discordMessageId: messageId })),
    }),
    // Data minimisation: once every destination has an event, its e-mail and real name are not needed again.
    ...(scrubPersonalData
      ? [
          db.$executeRaw`
            UPDATE events e SET payload = e.payload - 'email' - 'realName'
            WHERE e.id IN (SELECT event_id FROM deliveries WHERE id = ANY(${ids}::bigint[]))
              AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id AND d.status <> 'delivered')`,
        ]
      : []),
  ]);
}

/** Puts rows back in line (transient failure, quarantine) and logs the attempt. */
export async function markPending(db: Db, ids: bigint[], outcome: AttemptOutcome, error: string, httpStatus?: number): Promise<void> {
  if (ids.length === 0) return;
  await db.$transaction([
    db.delivery.updateMany({ where: { id: { in: ids } }, data: { status: DeliveryStatus.pending, lastError: error } }),
    db.deliveryAttempt.createMany({ data: ids.map((deliveryId) => ({ deliveryId, outcome, error, httpStatus: httpStatus ?? null })) }),
  ]);
}

export async function markDead(db: Db, id: bigint, error: string, httpStatus?: number): Promise<void> {
  await db.$transaction([
    db.delivery.update({ where: { id }, data: { status: DeliveryStatus.dead, lastError: error } }),
    db.deliveryAttempt.create({ data: { deliveryId: id, outcome: AttemptOutcome.dead, error, httpStatus: httpStatus ?? null } }),
  ]);
}

export async function noteInDoubt(db: Db, ids: bigint[]): Promise<void> {
  await db.deliveryAttempt.createMany({
    data: ids.map((deliveryId) => ({
      deliveryId,
      outcome: AttemptOutcome.inDoubt,
      error: 'a previous attempt was interrupted before its outcome was recorded; sending again',
    })),
  });
}

export async function destinationHealthy(db: Db, destinationId: number): Promise<void> {
  await db.destination.updateMany({
    where: { id: destinationId, OR: [{ failureStreak: { gt: 0 } }, { retryAt: { not: null } }, { lastError: { not: null } }] },
    data: { failureStreak: 0, retryAt: null, lastError: null },
  });
}

/** Records a transient failure and returns when the destination may be tried again. */
export async function destinationFailed(db: Db, destinationId: number, error: string, delayMs: (streak: number) => number): Promise<Date> {
  const dest = await db.destination.update({ where: { id: destinationId }, data: { failureStreak: { increment: 1 }, lastError: error } });
  const retryAt = new Date(Date.now() + delayMs(dest.failureStreak));
  await db.destination.update({ where: { id: destinationId }, data: { retryAt } });
  return retryAt;
}

export async function quarantine(db: Db, destinationId: number, reason: string): Promise<void> {
  await db.destination.update({
    where: { id: destinationId },
    data: { status: DestinationStatus.quarantined, quarantineReason: reason, quarantinedAt: new Date(), lastError: reason },
  });
}

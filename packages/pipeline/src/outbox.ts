import { Prisma, type Db } from '@herald/db';
import type { CursorState, NewEvent, OutboxStore, PollTransaction, RecordedEvent } from './types.js';

export interface OutboxOptions {
  db: Db;
  /** Destination ids every recorded event is routed to (one delivery row per event and destination). */
  routeTo: (event: NewEvent) => number[];
  /** Long polls (a big backlog) may hold the transaction a while. */
  transactionTimeoutMs?: number;
}

/** The outbox: events, their deliveries and the source cursor are written in one transaction. */
export function createOutboxStore(options: OutboxOptions): OutboxStore {
  const { db } = options;
  return {
    poll(sourceKey, fn) {
      return db.$transaction(
        async (tx) => {
          // A transaction-scoped advisory lock: released by commit or rollback, even if the process dies.
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${'herald-source:' + sourceKey}))`;
          const pollTx: PollTransaction = {
            async cursor() {
              const row = await tx.sourceCursor.findUnique({ where: { sourceKey } });
              return row ? { position: row.position, gapSince: row.gapSince, createdAt: row.createdAt } : null;
            },
            async record(events) {
              if (events.length === 0) return [];
              const created = await tx.event.createManyAndReturn({
                data: events.map((e) => ({
                  fingerprint: e.fingerprint,
                  type: e.type,
                  sourceKey,
                  subject: e.subject,
                  occurredAt: e.occurredAt,
                  payload: e.payload as Prisma.InputJsonObject,
                })),
                skipDuplicates: true,
                select: { id: true, fingerprint: true },
              });
              const byFingerprint = new Map(events.map((e) => [e.fingerprint, e]));
              const deliveries = created.flatMap((row) =>
                options.routeTo(byFingerprint.get(row.fingerprint)!).map((destinationId) => ({ eventId: row.id, destinationId })),
              );
              if (deliveries.length > 0) await tx.delivery.createMany({ data: deliveries, skipDuplicates: true });
              // Postgres returns inserted rows in insertion order, but do not rely on it: order is by id.
              return created.sort((a, b) => (a.id < b.id ? -1 : 1)) as RecordedEvent[];
            },
            async saveCursor(cursor: CursorState) {
              await tx.sourceCursor.upsert({
                where: { sourceKey },
                create: { sourceKey, position: cursor.position, gapSince: cursor.gapSince },
                update: { position: cursor.position, gapSince: cursor.gapSince },
              });
            },
          };
          return fn(pollTx);
        },
        { timeout: options.transactionTimeoutMs ?? 60_000, maxWait: 10_000 },
      );
    },
    async notePoll(sourceKey, outcome) {
      const now = new Date();
      const fields = outcome.error === undefined
        ? { lastPollAt: now, lastSuccessAt: now, lastPollMs: Math.round(outcome.durationMs), lastError: null }
        : { lastPollAt: now, lastPollMs: Math.round(outcome.durationMs), lastError: outcome.error.slice(0, 2000) };
      // Only touch an existing cursor: a failed first poll must not look like a baseline.
      await db.sourceCursor.updateMany({ where: { sourceKey }, data: fields });
    },
  };
}

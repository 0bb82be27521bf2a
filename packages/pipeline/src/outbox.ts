import { withTransaction, type Queryable, type SqlPool } from '@herald/db/sql';
import { defaultSeverity } from '@herald/contracts';
import { truncate } from '@herald/discord/text';
import type { RouteTarget, Router } from './routing.js';
import { readGaps, saveGaps } from './gaps.js';
import type { CursorState, NewEvent, OutboxStore, PollTransaction, RecordedEvent, StoredCursor } from './types.js';

export interface OutboxOptions {
  pool: SqlPool;
  /** Where each recorded event goes (one delivery row per event and destination). See compileRouter. */
  routeTo: Router;
}

/** The longest poll error kept for the dashboard (`source_cursors.last_error`), in UTF-16 code units; longer ones end in `…`. */
const MaxPollErrorLength = 2000;

/** The outbox: events, their deliveries, the source cursor and its gaps are written in one transaction. */
export function createOutboxStore(options: OutboxOptions): OutboxStore {
  const { pool } = options;
  return {
    poll(sourceKey, fn) {
      return withTransaction(pool, async (client) => {
        // A transaction-scoped advisory lock: released by commit or rollback, even if the process dies.
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`herald-source:${sourceKey}`]);
        const tx: PollTransaction = {
          sql: client,
          cursor: () => readCursor(client, sourceKey),
          record: (events) => recordEvents(client, sourceKey, events, options.routeTo),
          async saveCursor(cursor: CursorState) {
            // A row written by notePoll before the baseline has no position: the baseline is its real start.
            await client.query(
              `INSERT INTO source_cursors (source_key, position, gap_since, updated_at) VALUES ($1, $2, $3::timestamptz, now())
               ON CONFLICT (source_key) DO UPDATE SET position = excluded.position, gap_since = excluded.gap_since, updated_at = now(),
                 created_at = CASE WHEN source_cursors.position IS NULL THEN now() ELSE source_cursors.created_at END`,
              [sourceKey, cursor.position.toString(), cursor.gapSince?.toISOString() ?? null],
            );
          },
          gaps: () => readGaps(client, sourceKey),
          saveGaps: (gaps) => saveGaps(client, sourceKey, gaps),
        };
        return fn(tx);
      });
    },
    async notePoll(sourceKey, outcome) {
      // Upserts: a source that has never polled successfully has no cursor yet, and must still show
      // as failing. The row it creates has no position, which readCursor reads as "no baseline yet".
      await pool.query(
        `INSERT INTO source_cursors (source_key, position, last_poll_at, last_poll_ms, last_error, last_success_at, failing_since, updated_at)
         VALUES ($1, NULL, now(), $2, $3, CASE WHEN $3::text IS NULL THEN now() END, CASE WHEN $3::text IS NOT NULL THEN now() END, now())
         ON CONFLICT (source_key) DO UPDATE SET last_poll_at = now(), last_poll_ms = $2, last_error = $3,
           last_success_at = CASE WHEN $3::text IS NULL THEN now() ELSE source_cursors.last_success_at END,
           failing_since = CASE WHEN $3::text IS NULL THEN NULL ELSE COALESCE(source_cursors.failing_since, now()) END,
           updated_at = now()`,
        [sourceKey, Math.round(outcome.durationMs), outcome.error === undefined ? null : truncate(outcome.error, MaxPollErrorLength)],
      );
    },
  };
}

export async function readCursor(db: Queryable, sourceKey: string): Promise<StoredCursor | null> {
  const { rows } = await db.query<{ position: bigint; gap_since: Date | null; created_at: Date }>(
    'SELECT position, gap_since, created_at FROM source_cursors WHERE source_key = $1 AND position IS NOT NULL',
    [sourceKey],
  );
  const row = rows[0];
  return row ? { position: row.position, gapSince: row.gap_since, createdAt: row.created_at } : null;
}

async function recordEvents(db: Queryable, sourceKey: string, events: NewEvent[], routeTo: Router): Promise<RecordedEvent[]> {
  if (events.length === 0) return [];
  const severityOf = (e: NewEvent) => e.severity ?? defaultSeverity[e.type];
  const { rows } = await db.query<{ id: bigint; fingerprint: string }>(
    `INSERT INTO events (fingerprint, type, source_key, subject, occurred_at, payload, severity)
     SELECT f, t, $3, s, o, p, v FROM unnest($1::text[], $2::text[], $4::text[], $5::timestamp[], $6::jsonb[], $7::text[]) AS x(f, t, s, o, p, v)
     ON CONFLICT (fingerprint) DO NOTHING
     RETURNING id, fingerprint`,
    [
      events.map((e) => e.fingerprint),
      events.map((e) => e.type),
      sourceKey,
      events.map((e) => e.subject),
      events.map((e) => e.occurredAt),
      events.map((e) => JSON.stringify(e.payload)),
      events.map(severityOf),
    ],
  );
  const byFingerprint = new Map(events.map((e) => [e.fingerprint, e]));
  const eventIds: string[] = [];
  const destinationIds: number[] = [];
  const mentions: Array<string | null> = [];
  const recorded = rows.map((row): RecordedEvent => {
    const event = byFingerprint.get(row.fingerprint)!;
    const targets: RouteTarget[] = routeTo({ type: event.type, severity: severityOf(event) });
    for (const target of targets) {
      eventIds.push(row.id.toString());
      destinationIds.push(target.destinationId);
      mentions.push(target.mentions ? JSON.stringify(target.mentions) : null);
    }
    return { ...row, destinations: targets.map((t) => t.destinationId) };
  });
  if (eventIds.length > 0) {
    await db.query(
      `INSERT INTO deliveries (event_id, destination_id, mentions) SELECT * FROM unnest($1::bigint[], $2::int[], $3::jsonb[]) ON CONFLICT DO NOTHING`,
      [eventIds, destinationIds, mentions],
    );
  }
  return recorded.sort((a, b) => (a.id < b.id ? -1 : 1));
}

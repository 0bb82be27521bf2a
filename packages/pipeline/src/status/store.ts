import type { Queryable } from '@herald/db/sql';
import type { Destination } from '../delivery/sender.js';

/** Where a status message lives and the message Discord gave it, if one was posted. */
export interface StatusTarget extends Destination {
  status: string;
  /** The message to edit; null when none was posted yet (or it was deleted in Discord). */
  messageId: string | null;
  /** When the message was last posted or edited by any notifier (ms since epoch), null without one. */
  updatedAt: number | null;
}

/** The destinations asked for (unknown ids are left out), with the message each holds for `key`. */
export async function loadStatusTargets(db: Queryable, key: string, destinationIds: number[]): Promise<StatusTarget[]> {
  const { rows } = await db.query<{ id: number; kind: string; target: string; status: string; message_id: string | null; updated_at: Date | null }>(
    `SELECT d.id, d.kind, d.target, d.status, s.message_id, s.updated_at
       FROM destinations d LEFT JOIN status_messages s ON s.destination_id = d.id AND s.key = $1
      WHERE d.id = ANY($2::int[]) ORDER BY d.id`,
    [key, destinationIds],
  );
  return rows.map((r) => ({ id: r.id, kind: r.kind, target: r.target, status: r.status, messageId: r.message_id, updatedAt: r.updated_at?.getTime() ?? null }));
}

/** Remembers the message now showing `key` in a destination (a new post replaces a deleted one); returns the row's `updated_at` (ms). */
export async function saveStatusMessage(db: Queryable, key: string, destinationId: number, messageId: string): Promise<number | null> {
  const { rows } = await db.query<{ updated_at: Date }>(
    `INSERT INTO status_messages (key, destination_id, message_id, updated_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (key, destination_id) DO UPDATE SET message_id = excluded.message_id, updated_at = now()
     RETURNING updated_at`,
    [key, destinationId, messageId],
  );
  return rows[0]?.updated_at.getTime() ?? null;
}

/** Notes that the message was edited (who edited last, and when the status last changed); returns the new `updated_at` (ms). */
export async function touchStatusMessage(db: Queryable, key: string, destinationId: number): Promise<number | null> {
  const { rows } = await db.query<{ updated_at: Date }>(
    'UPDATE status_messages SET updated_at = now() WHERE key = $1 AND destination_id = $2 RETURNING updated_at',
    [key, destinationId],
  );
  return rows[0]?.updated_at.getTime() ?? null;
}

/** Forgets a message Discord no longer has (deleted by a moderator). */
export async function forgetStatusMessage(db: Queryable, key: string, destinationId: number): Promise<void> {
  await db.query('DELETE FROM status_messages WHERE key = $1 AND destination_id = $2', [key, destinationId]);
}

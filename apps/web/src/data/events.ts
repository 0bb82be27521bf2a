import type { Queryable } from '@herald/db/sql';
import { shown } from '../views/format.js';
import { pingsOf, readDiscordNames, type Ping } from './discord-names.js';
import type { EventCursor, EventFilter } from './event-filter.js';
import { findEventIds } from './event-search.js';

/**
 * What pages and the JSON API show about an event. Every query names its columns, so the
 * payload (which may hold an e-mail address or a real name) is never even read, and a
 * destination's secret `target` never leaves the database.
 */
export interface AttemptView {
  at: string;
  outcome: string;
  httpStatus: number | null;
  error: string | null;
}

export interface DeliveryView {
  id: string;
  destination: { id: number; label: string; kind: string };
  /** Who the route pinged there (ids), or null. */
  mentions: { users: string[]; roles: string[] } | null;
  /** The same pings with the names the notifier's bot has seen (null name: unknown, show the id). */
  pings: Ping[];
  status: string;
  attempts: number;
  discordMessageId: string | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  /** Empty in the dashboard's list (it shows no attempts); full on the event page and in the API. */
  attemptLog: AttemptView[];
}

export interface EventView {
  id: string;
  type: string;
  sourceKey: string;
  subject: string;
  severity: string;
  createdAt: string;
  deliveries: DeliveryView[];
}

export interface EventPage {
  events: EventView[];
  /** Pass as `before` to get the next (older) page; null on the last page. */
  nextBefore: string | null;
  /** Pass as `after` to get the previous (newer) page; null on the first page. */
  prevAfter: string | null;
  /**
   * Set when the page ended because the scan budget ran out before it filled (a filter that matches
   * little): the id the scan reached. `nextBefore` (or `prevAfter`) then continues from there.
   */
  scannedTo: string | null;
}

export const EventsPerPage = 50;

interface EventRow {
  id: bigint;
  type: string;
  source_key: string;
  subject: string;
  severity: string;
  created_at: Date;
}

interface DeliveryRow {
  id: bigint;
  event_id: bigint;
  status: string;
  mentions: { users: string[]; roles: string[] } | null;
  attempts: number;
  discord_message_id: string | null;
  last_error: string | null;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
  destination_id: number;
  destination_label: string;
  destination_kind: string;
}

interface AttemptRow {
  delivery_id: bigint;
  at: Date;
  outcome: string;
  http_status: number | null;
  error: string | null;
}

/** The listed columns of some events (never `payload`), newest first. */
function findEventRows(db: Queryable, ids: bigint[]) {
  return db.query<EventRow>(
    `SELECT id, type, source_key, subject, severity, created_at FROM events WHERE id = ANY($1::bigint[]) ORDER BY id DESC`,
    [ids.map(String)],
  );
}

/** The deliveries (with their destination's public fields) and attempts of some events: two queries in all. */
async function findDeliveries(db: Queryable, eventIds: bigint[], withAttempts: boolean) {
  if (eventIds.length === 0) return { deliveries: [], attempts: [] };
  const ids = eventIds.map(String);
  const [deliveries, attempts] = await Promise.all([
    db.query<DeliveryRow>(
      `SELECT d.id, d.event_id, d.status, d.mentions, d.attempts, d.discord_message_id, d.last_error, d.last_attempt_at, d.delivered_at,
              dest.id AS destination_id, dest.label AS destination_label, dest.kind AS destination_kind
       FROM deliveries d JOIN destinations dest ON dest.id = d.destination_id
       WHERE d.event_id = ANY($1::bigint[]) ORDER BY d.id`,
      [ids],
    ),
    withAttempts
      ? db.query<AttemptRow>(
      `SELECT a.delivery_id, a.at, a.outcome, a.http_status, a.error
       FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
       WHERE d.event_id = ANY($1::bigint[]) ORDER BY a.id`,
      [ids],
    )
      : { rows: [] as AttemptRow[] },
  ]);
  return { deliveries: deliveries.rows, attempts: attempts.rows };
}

function groupBy<T>(rows: T[], key: (row: T) => bigint): Map<bigint, T[]> {
  const groups = new Map<bigint, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

function toAttemptView(a: AttemptRow): AttemptView {
  return { at: a.at.toISOString(), outcome: a.outcome, httpStatus: a.http_status, error: shown(a.error) };
}

function toDeliveryView(d: DeliveryRow, attempts: AttemptRow[], names: Map<string, string>): DeliveryView {
  return {
    id: d.id.toString(),
    destination: { id: d.destination_id, label: shown(d.destination_label) ?? '', kind: d.destination_kind },
    mentions: d.mentions,
    pings: pingsOf(d.mentions, names),
    status: d.status,
    attempts: d.attempts,
    discordMessageId: d.discord_message_id,
    lastError: shown(d.last_error),
    lastAttemptAt: d.last_attempt_at?.toISOString() ?? null,
    deliveredAt: d.delivered_at?.toISOString() ?? null,
    attemptLog: attempts.map(toAttemptView),
  };
}

/** Attaches each event's deliveries, their pings' names and (optionally) their attempts: three queries for the whole page. */
async function withDeliveries(db: Queryable, rows: EventRow[], withAttempts: boolean): Promise<EventView[]> {
  const { deliveries, attempts } = await findDeliveries(db, rows.map((r) => r.id), withAttempts);
  const names = await readDiscordNames(db, deliveries.map((d) => d.mentions));
  const deliveriesByEvent = groupBy(deliveries, (d) => d.event_id);
  const attemptsByDelivery = groupBy(attempts, (a) => a.delivery_id);
  return rows.map((row) => ({
    id: row.id.toString(),
    type: row.type,
    sourceKey: row.source_key,
    // An account name is public, but one that is itself an e-mail address must not be shown.
    subject: shown(row.subject) ?? '',
    severity: row.severity,
    createdAt: row.created_at.toISOString(),
    deliveries: (deliveriesByEvent.get(row.id) ?? []).map((d) => toDeliveryView(d, attemptsByDelivery.get(d.id) ?? [], names)),
  }));
}

/**
 * One page of events, newest first, with every filter combined and keyset paging both ways (see
 * findEventIds). `withAttempts` adds each delivery's attempt log (the API and the event page).
 */
export async function listEvents(
  db: Queryable,
  options: { filter?: EventFilter; cursor?: EventCursor; limit?: number; withAttempts?: boolean } = {},
): Promise<EventPage> {
  const limit = options.limit ?? EventsPerPage;
  const found = await findEventIds(db, options.filter ?? {}, options.cursor ?? {}, limit);
  const { rows } = found.ids.length > 0 ? await findEventRows(db, found.ids) : { rows: [] };
  const events = await withDeliveries(db, rows, options.withAttempts ?? true);
  const scannedTo = found.partial?.scannedTo.toString() ?? null;
  const older = found.partial?.direction === 'older' ? scannedTo : (events.at(-1)?.id ?? null);
  const newer = found.partial?.direction === 'newer' ? scannedTo : (events[0]?.id ?? null);
  return {
    events,
    nextBefore: found.hasOlder ? older : null,
    prevAfter: found.hasNewer ? (newer ?? (options.cursor && 'before' in options.cursor ? options.cursor.before.toString() : null)) : null,
    scannedTo,
  };
}

export async function getEvent(db: Queryable, id: string): Promise<EventView | null> {
  const { rows } = await findEventRows(db, [BigInt(id)]);
  const [event] = await withDeliveries(db, rows, true);
  return event ?? null;
}

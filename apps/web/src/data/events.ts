import type { Queryable } from '@herald/db/sql';
import { shown } from '../views/format.js';

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
  /** Who the route pinged there (ids only), or null. */
  mentions: { users: string[]; roles: string[] } | null;
  status: string;
  attempts: number;
  discordMessageId: string | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
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

interface EventFilter {
  q?: string | undefined;
  before?: bigint | undefined;
  id?: bigint | undefined;
}

/** Escapes LIKE's wildcards (and its escape character) so the search is literal. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function findEventRows(db: Queryable, filter: EventFilter, limit: number) {
  // Only fixed SQL fragments are joined; every value goes in as a parameter.
  const conditions: string[] = [];
  const values: unknown[] = [];
  const param = (value: unknown) => `$${values.push(value)}`;
  if (filter.q !== undefined) conditions.push(`subject ILIKE ${param(`%${likeLiteral(filter.q)}%`)} ESCAPE '\\'`);
  if (filter.before !== undefined) conditions.push(`id < ${param(filter.before)}`);
  if (filter.id !== undefined) conditions.push(`id = ${param(filter.id)}`);
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  return db.query<EventRow>(
    `SELECT id, type, source_key, subject, severity, created_at FROM events ${where} ORDER BY id DESC LIMIT ${param(limit)}`,
    values,
  );
}

/** The deliveries (with their destination's public fields) and attempts of some events: two queries in all. */
async function findDeliveries(db: Queryable, eventIds: bigint[]) {
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
    db.query<AttemptRow>(
      `SELECT a.delivery_id, a.at, a.outcome, a.http_status, a.error
       FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
       WHERE d.event_id = ANY($1::bigint[]) ORDER BY a.id`,
      [ids],
    ),
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

function toDeliveryView(d: DeliveryRow, attempts: AttemptRow[]): DeliveryView {
  return {
    id: d.id.toString(),
    destination: { id: d.destination_id, label: shown(d.destination_label) ?? '', kind: d.destination_kind },
    mentions: d.mentions,
    status: d.status,
    attempts: d.attempts,
    discordMessageId: d.discord_message_id,
    lastError: shown(d.last_error),
    lastAttemptAt: d.last_attempt_at?.toISOString() ?? null,
    deliveredAt: d.delivered_at?.toISOString() ?? null,
    attemptLog: attempts.map(toAttemptView),
  };
}

/** Attaches each event's deliveries and their attempts (two queries for the whole page, not two per event). */
async function withDeliveries(db: Queryable, rows: EventRow[]): Promise<EventView[]> {
  const { deliveries, attempts } = await findDeliveries(db, rows.map((r) => r.id));
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
    deliveries: (deliveriesByEvent.get(row.id) ?? []).map((d) => toDeliveryView(d, attemptsByDelivery.get(d.id) ?? [])),
  }));
}

/** Newest first. `q` matches the subject case-insensitively (Postgres ILIKE); `before` pages by id. */
export async function listEvents(db: Queryable, options: { q?: string | undefined; before?: string | undefined; limit?: number }): Promise<EventPage> {
  const limit = options.limit ?? EventsPerPage;
  const filter = { q: options.q || undefined, before: options.before ? BigInt(options.before) : undefined };
  // One extra row says whether there is an older page, without a count query.
  const { rows } = await findEventRows(db, filter, limit + 1);
  const page = rows.slice(0, limit);
  return { events: await withDeliveries(db, page), nextBefore: rows.length > limit ? (page.at(-1)?.id.toString() ?? null) : null };
}

export async function getEvent(db: Queryable, id: string): Promise<EventView | null> {
  const { rows } = await findEventRows(db, { id: BigInt(id) }, 1);
  const [event] = await withDeliveries(db, rows);
  return event ?? null;
}

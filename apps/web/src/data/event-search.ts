import type { Queryable } from '@herald/db/sql';
import { statusesOf, type EventCursor, type EventFilter } from './event-filter.js';

/**
 * Finds one page of event ids for the list, by keyset on `events.id` (no OFFSET), in either
 * direction, with every filter combined — and never reads more than a bounded number of rows, so a
 * filter that matches little in a long history costs the same as one that matches much.
 *
 * How: ids come from an index in order (the primary key, `(source_key, id)`, or the deliveries'
 * `(status, event_id)` / `(destination_id, status, event_id)` indexes), in growing chunks; the
 * filters that no index orders (search text, time range, a source combined with a delivery filter)
 * are checked on each chunk. When `ScanBudget` ids have been read without filling the page, the
 * page ends early and says where it stopped (`partial`), so "older" continues from there.
 * The planner is not left to choose here: on 1,000,000 events it picked hash joins and full sorts
 * of every delivery for the same filters (seconds), which these per-index LIMITs rule out.
 */
export interface IdPage {
  /** Newest first. */
  ids: bigint[];
  /** More matches may be older than the last id (or the scan stopped at `scannedTo`). */
  hasOlder: boolean;
  /** More matches may be newer than the first id. */
  hasNewer: boolean;
  /** Set when the scan budget ran out first: the id the scan reached (continue from there). */
  partial: { scannedTo: bigint; direction: 'older' | 'newer' } | null;
}

/** Ids read at most per request once a filter needs checking row by row. */
export const ScanBudget = 20_000;

/**
 * The ids read by the `index`-th chunk of a scan that wants `want` matches: twice the page at first
 * (a filter that matches most rows fills it in one small read), then four times more each round, so
 * a filter that matches little reaches the budget in a few round trips. (A first chunk of 1,000 for
 * a 51-row page made bench/dashboard.ts's "dead + source" page miss its p99 goal.)
 */
function chunkSize(index: number, want: number, scanned: number): number {
  return Math.min(Math.max(2 * want, 100) * 4 ** index, ScanBudget - scanned);
}

/**
 * An event is recorded with its transaction's start time and takes its id during that transaction, so
 * ids and times agree except across polls that overlap by milliseconds. A time bound becomes an id
 * bound widened by this many ids (the exact time test still applies to every row).
 */
const TimeBoundSlackIds = 1_000n;

type Direction = 'older' | 'newer';

interface Bounds {
  /** Only ids above this (the oldest end of the time range), or null. */
  low: bigint | null;
  /** Only ids below this (the newest end of the time range), or null. */
  high: bigint | null;
}

class Sql {
  readonly values: unknown[] = [];
  param(value: unknown): string {
    return `$${this.values.push(value)}`;
  }
}

/** Escapes LIKE's wildcards (and its escape character) so the search is literal. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The filters that are checked row by row (never by the index that supplies the ids); `alias`: `e.` in a join. */
function rowConditions(sql: Sql, filter: EventFilter, alias = ''): string[] {
  const conditions: string[] = [];
  if (filter.source !== undefined) conditions.push(`${alias}source_key = ${sql.param(filter.source)}`);
  if (filter.q !== undefined) conditions.push(`${alias}subject ILIKE ${sql.param(`%${likeLiteral(filter.q)}%`)} ESCAPE '\\'`);
  if (filter.from !== undefined) conditions.push(`${alias}created_at >= ${sql.param(filter.from)}`);
  if (filter.to !== undefined) conditions.push(`${alias}created_at < ${sql.param(filter.to)}`);
  return conditions;
}

function rangeConditions(sql: Sql, column: string, direction: Direction, from: bigint | null, bounds: Bounds): string[] {
  const conditions: string[] = [];
  if (from !== null) conditions.push(`${column} ${direction === 'older' ? '<' : '>'} ${sql.param(from)}`);
  if (bounds.low !== null) conditions.push(`${column} > ${sql.param(bounds.low)}`);
  if (bounds.high !== null) conditions.push(`${column} < ${sql.param(bounds.high)}`);
  return conditions;
}

/** Turns the time range into id bounds (two index lookups on `events.created_at`). */
async function timeBounds(db: Queryable, filter: EventFilter): Promise<Pick<Bounds, 'low' | 'high'>> {
  const [low, high] = await Promise.all([
    filter.from === undefined
      ? null
      : db.query<{ id: bigint }>('SELECT id FROM events WHERE created_at < $1 ORDER BY created_at DESC LIMIT 1', [filter.from]),
    filter.to === undefined ? null : db.query<{ id: bigint }>('SELECT id FROM events WHERE created_at >= $1 ORDER BY created_at LIMIT 1', [filter.to]),
  ]);
  const lowId = low?.rows[0]?.id;
  const highId = high?.rows[0]?.id;
  return {
    low: lowId === undefined ? null : lowId - TimeBoundSlackIds,
    high: highId === undefined ? null : highId + TimeBoundSlackIds,
  };
}

/** The candidates' SQL: event ids with a matching delivery, in order, one LIMITed index scan per status. */
function deliveryCandidates(sql: Sql, filter: EventFilter, direction: Direction, from: bigint | null, bounds: Bounds, size: number): string {
  const order = direction === 'older' ? 'DESC' : 'ASC';
  const branches = statusesOf(filter.status).map((status) => {
    const conditions = [`status = ${sql.param(status)}`, ...rangeConditions(sql, 'event_id', direction, from, bounds)];
    if (filter.destination !== undefined) conditions.push(`destination_id = ${sql.param(filter.destination)}`);
    // DISTINCT: an event delivered to several destinations has one entry per delivery (a Unique over the index scan).
    return `(SELECT DISTINCT event_id FROM deliveries WHERE ${conditions.join(' AND ')} ORDER BY event_id ${order} LIMIT ${sql.param(size)})`;
  });
  return `SELECT DISTINCT event_id FROM (${branches.join(' UNION ALL ')}) candidates ORDER BY event_id ${order} LIMIT ${sql.param(size)}`;
}

/** Event ids with a matching delivery (every filter but the events' own). */
async function deliveryChunk(db: Queryable, filter: EventFilter, direction: Direction, from: bigint | null, bounds: Bounds, size: number) {
  const sql = new Sql();
  const { rows } = await db.query<{ event_id: bigint }>(deliveryCandidates(sql, filter, direction, from, bounds, size), sql.values);
  return rows.map((r) => r.event_id);
}

/**
 * One chunk of candidates from the deliveries, checked against the events' own filters in the same
 * statement: the matches, how many candidates were read, and the last one (where the next chunk starts).
 */
async function filteredDeliveryChunk(db: Queryable, filter: EventFilter, direction: Direction, from: bigint | null, bounds: Bounds, size: number) {
  const sql = new Sql();
  const candidates = deliveryCandidates(sql, filter, direction, from, bounds, size);
  const conditions = rowConditions(sql, filter, 'e.');
  // OFFSET 0 keeps the lateral lookup a primary-key probe per candidate: flattened into a join, the
  // planner merged the candidates with every row of the source's index instead (50,000 for 1,000).
  const { rows } = await db.query<{ read: bigint; last: bigint | null; hits: bigint[] }>(
    `WITH c AS MATERIALIZED (${candidates})
     SELECT (SELECT count(*) FROM c) AS read, (SELECT ${direction === 'older' ? 'min' : 'max'}(event_id) FROM c) AS last,
            ARRAY(SELECT m.id FROM c CROSS JOIN LATERAL
                    (SELECT e.id FROM events e WHERE e.id = c.event_id AND ${conditions.join(' AND ')} OFFSET 0) m
                  ORDER BY m.id ${direction === 'older' ? 'DESC' : 'ASC'}) AS hits`,
    sql.values,
  );
  const row = rows[0]!;
  return { read: Number(row.read), last: row.last, hits: row.hits.map(BigInt) };
}

/** Events straight from the primary key or `(source_key, id)`, the row filters checked on a window of `span` ids. */
async function eventChunk(db: Queryable, filter: EventFilter, direction: Direction, from: bigint | null, bounds: Bounds, want: number, span: number | null) {
  const sql = new Sql();
  const order = direction === 'older' ? 'DESC' : 'ASC';
  const conditions = [...rangeConditions(sql, 'id', direction, from, bounds), ...rowConditions(sql, filter)];
  if (span !== null && from !== null) {
    // The window's far end: the scan reads at most `span` ids of the index whatever matches.
    conditions.push(direction === 'older' ? `id >= ${sql.param(from - BigInt(span))}` : `id <= ${sql.param(from + BigInt(span))}`);
  }
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const { rows } = await db.query<{ id: bigint }>(`SELECT id FROM events ${where} ORDER BY id ${order} LIMIT ${sql.param(want)}`, sql.values);
  return rows.map((r) => r.id);
}

async function edge(db: Queryable, direction: Direction): Promise<bigint | null> {
  // Where an unbounded scan starts: just past the newest (older) or oldest (newer) id.
  const { rows } = await db.query<{ id: bigint | null }>(`SELECT ${direction === 'older' ? 'max(id) + 1' : 'min(id) - 1'} AS id FROM events`);
  return rows[0]?.id ?? null;
}

/** Scans in one direction until `want` matches, the end, or the budget. */
async function scan(db: Queryable, filter: EventFilter, direction: Direction, start: bigint | null, bounds: Bounds, want: number) {
  const byDeliveries = filter.status !== undefined || filter.destination !== undefined;
  const rowFiltered = filter.q !== undefined || filter.from !== undefined || filter.to !== undefined || (byDeliveries && filter.source !== undefined);
  const found: bigint[] = [];
  let position = start;
  if (!rowFiltered) {
    // Every id the index gives matches: one exact LIMITed read.
    const ids = byDeliveries
      ? await deliveryChunk(db, filter, direction, position, bounds, want)
      : await eventChunk(db, filter, direction, position, bounds, want, null);
    return { ids, exhausted: ids.length < want, scannedTo: null };
  }
  if (!byDeliveries) {
    // Start at the cursor, the time range's end, or the newest (oldest) event, whichever is nearest.
    const rangeEnd = direction === 'older' ? bounds.high : bounds.low;
    position ??= rangeEnd ?? (await edge(db, direction));
    if (position !== null && rangeEnd !== null && (direction === 'older' ? rangeEnd < position : rangeEnd > position)) position = rangeEnd;
    if (position === null) return { ids: [], exhausted: true, scannedTo: null }; // no events at all
  }
  let scanned = 0;
  for (let i = 0; scanned < ScanBudget; i++) {
    const size = chunkSize(i, want, scanned);
    if (byDeliveries) {
      const chunk = await filteredDeliveryChunk(db, filter, direction, position, bounds, size);
      for (const id of chunk.hits) {
        found.push(id);
        if (found.length === want) return { ids: found, exhausted: false, scannedTo: null };
      }
      scanned += size;
      if (chunk.read < size || chunk.last === null) return { ids: found, exhausted: true, scannedTo: null };
      position = chunk.last;
    } else {
      const ids = await eventChunk(db, filter, direction, position, bounds, want - found.length, size);
      found.push(...ids);
      if (found.length === want) return { ids: found, exhausted: false, scannedTo: null };
      scanned += size;
      position = direction === 'older' ? position! - BigInt(size) : position! + BigInt(size);
      const end = direction === 'older' ? (bounds.low ?? 0n) : bounds.high;
      if (direction === 'older' ? position <= end! : end !== null && position >= end) return { ids: found, exhausted: true, scannedTo: null };
      if (direction === 'newer' && end === null && (await edge(db, 'older'))! <= position) return { ids: found, exhausted: true, scannedTo: null };
    }
  }
  return { ids: found, exhausted: false, scannedTo: position };
}

/**
 * One page of matching event ids: the newest `limit` (no cursor), those older than `before`, or those
 * newer than `after`. A `newer` page that reaches the newest match is the first page (a full page,
 * not the last few).
 */
export async function findEventIds(db: Queryable, filter: EventFilter, cursor: EventCursor, limit: number): Promise<IdPage> {
  const range = filter.from !== undefined || filter.to !== undefined ? await timeBounds(db, filter) : { low: null, high: null };
  if ('after' in cursor) {
    const newer = await scan(db, filter, 'newer', cursor.after, range, limit + 1);
    if (newer.scannedTo === null && newer.ids.length <= limit) return findEventIds(db, filter, {}, limit);
    const ids = newer.ids.slice(0, limit).reverse();
    return {
      ids,
      hasOlder: true,
      hasNewer: true,
      partial: newer.scannedTo === null ? null : { scannedTo: newer.scannedTo, direction: 'newer' },
    };
  }
  const start = 'before' in cursor ? cursor.before : null;
  const older = await scan(db, filter, 'older', start, range, limit + 1);
  return {
    ids: older.ids.slice(0, limit),
    hasOlder: older.scannedTo !== null || older.ids.length > limit,
    hasNewer: start !== null,
    partial: older.scannedTo === null ? null : { scannedTo: older.scannedTo, direction: 'older' },
  };
}

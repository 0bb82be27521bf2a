import { EventStatusFilters, type EventCursor, type EventFilter, type EventStatusFilter } from '../data/event-filter.js';
import { ParameterError, quoted } from './validation.js';

/**
 * The event list's query string, shared by the dashboard and the JSON API; validated by Fastify
 * (this schema) before handlers run, so a bad value, or a parameter not listed here, is a 400 that
 * names the parameter and says what it expects (each field's `description`, see validation.ts). An
 * empty value (an HTML form's blank field) means "not set".
 */
export interface EventsQuery {
  q?: string;
  source?: string;
  status?: string;
  destination?: string;
  from?: string;
  to?: string;
  before?: string;
  after?: string;
}

/**
 * A positive id of a Postgres `bigint` column: up to 18 digits, so every value that passes fits in a
 * bigint (max 9223372036854775807); a 19-digit one would pass a digits-only check and fail in SQL (500).
 */
export const BigintIdPattern = '^[1-9][0-9]{0,17}$';
const id = `^$|${BigintIdPattern}`;
/** Postgres refuses a NUL character in text (22021): refused here as a 400 instead. */
const plainText = '^[^\\u0000]*$';
// `2026-11-30`, or `2026-11-30T12:00` (an HTML datetime-local field) with optional seconds; UTC.
const time = '^$|^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?)?Z?$';
/** What `from` and `to` expect, in the words of the 400 page. */
const TimeExpected = 'a date and time such as 2026-11-30T12:00 (UTC), or a date such as 2026-11-30';
const EventNumber = 'an event number such as 1234 (from the Older and Newer links)';

export const eventsQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    q: { type: 'string', maxLength: 200, pattern: plainText, description: 'search text of at most 200 characters, without NUL characters' },
    source: { type: 'string', pattern: '^[A-Za-z0-9:._-]{0,100}$', description: 'a source key such as servatrice:default (letters, digits and : . _ -)' },
    status: { type: 'string', enum: ['', ...EventStatusFilters] },
    destination: { type: 'string', pattern: '^$|^[1-9][0-9]{0,8}$', description: 'a destination number such as 3 (from the Destination list)' },
    from: { type: 'string', pattern: time, description: TimeExpected },
    to: { type: 'string', pattern: time, description: TimeExpected },
    before: { type: 'string', pattern: id, description: EventNumber },
    after: { type: 'string', pattern: id, description: EventNumber },
  },
} as const;

export interface EventParams {
  id: string;
}

export const eventParamsSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: BigintIdPattern, description: 'an event number such as 1234' } },
} as const;

/** A request error Fastify's error handler answers with 400 and this message (ParameterError when it is about one parameter). */
export class BadQueryError extends Error {
  readonly statusCode = 400;
}

function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** `2026-11-30` or `2026-11-30T12:00[:00]` as UTC; a date that does not exist (Feb 31) is refused. */
function parseTime(name: string, value: string | undefined): Date | undefined {
  const text = present(value)?.replace(' ', 'T').replace(/Z$/, '');
  if (text === undefined) return undefined;
  const full = text.length === 10 ? `${text}T00:00:00` : text.length === 16 ? `${text}:00` : text;
  const date = new Date(`${full}Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 19) !== full) {
    throw new ParameterError(name, `${name}: expected a real date and time such as 2026-11-30T12:00 (UTC), not ${quoted(value)}`);
  }
  return date;
}

/** The typed filter and cursor of a validated query. */
export function parseEventsQuery(query: EventsQuery): { filter: EventFilter; cursor: EventCursor } {
  const filter: EventFilter = {
    q: present(query.q),
    source: present(query.source),
    status: present(query.status) as EventStatusFilter | undefined,
    destination: present(query.destination) === undefined ? undefined : Number(query.destination),
    from: parseTime('from', query.from),
    to: parseTime('to', query.to),
  };
  if (filter.from && filter.to && filter.from >= filter.to) throw new ParameterError('from', `from: expected a time before to (${query.to?.trim()}), not ${quoted(query.from?.trim())}`);
  const before = present(query.before);
  const after = present(query.after);
  if (before && after) throw new ParameterError('after', 'before, after: give one of them, not both');
  const cursor: EventCursor = before ? { before: BigInt(before) } : after ? { after: BigInt(after) } : {};
  return { filter, cursor };
}

/** The query's filters (not its cursor) as they were given, for links that keep them. */
export function filterParams(query: EventsQuery): Record<string, string | undefined> {
  const { q, source, status, destination, from, to } = query;
  return Object.fromEntries(Object.entries({ q, source, status, destination, from, to }).map(([k, v]) => [k, present(v)]));
}

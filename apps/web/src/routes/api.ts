import type { FastifyInstance } from 'fastify';
import { listEvents } from '../data/events.js';
import { unknownFilterValues } from '../data/filter-values.js';
import type { RoutePluginOptions } from '../deps.js';
import { eventsQuerySchema, parseEventsQuery, type EventsQuery } from './events-query.js';
import { ParameterError } from './validation.js';

const nullableString = { type: ['string', 'null'] } as const;

const attemptSchema = {
  type: 'object',
  required: ['at', 'outcome', 'httpStatus', 'error'],
  properties: { at: { type: 'string' }, outcome: { type: 'string' }, httpStatus: { type: ['integer', 'null'] }, error: nullableString },
} as const;

const deliverySchema = {
  type: 'object',
  required: ['id', 'destination', 'mentions', 'pings', 'status', 'attempts', 'discordMessageId', 'lastError', 'lastAttemptAt', 'deliveredAt', 'attemptLog'],
  properties: {
    id: { type: 'string' },
    // Only id, label and kind: the serializer drops anything else, so a target could never leak here.
    destination: {
      type: 'object',
      required: ['id', 'label', 'kind'],
      properties: { id: { type: 'integer' }, label: { type: 'string' }, kind: { type: 'string' } },
    },
    mentions: {
      type: ['object', 'null'],
      required: ['users', 'roles'],
      properties: { users: { type: 'array', items: { type: 'string' } }, roles: { type: 'array', items: { type: 'string' } } },
    },
    // The same ids with the names the notifier's bot has seen (name null: unknown).
    pings: {
      type: 'array',
      items: { type: 'object', required: ['kind', 'id', 'name'], properties: { kind: { type: 'string' }, id: { type: 'string' }, name: nullableString } },
    },
    status: { type: 'string' },
    attempts: { type: 'integer' },
    discordMessageId: nullableString,
    lastError: nullableString,
    lastAttemptAt: nullableString,
    deliveredAt: nullableString,
    attemptLog: { type: 'array', items: attemptSchema },
  },
} as const;

const eventSchema = {
  type: 'object',
  required: ['id', 'type', 'sourceKey', 'subject', 'severity', 'createdAt', 'deliveries'],
  properties: {
    id: { type: 'string' },
    type: { type: 'string' },
    sourceKey: { type: 'string' },
    subject: { type: 'string' },
    severity: { type: 'string' },
    createdAt: { type: 'string' },
    deliveries: { type: 'array', items: deliverySchema },
  },
} as const;

/** See EventPage: `nextBefore` / `prevAfter` are the cursors of the older / newer page. */
export const eventPageSchema = {
  type: 'object',
  required: ['events', 'nextBefore', 'prevAfter', 'scannedTo'],
  properties: { events: { type: 'array', items: eventSchema }, nextBefore: nullableString, prevAfter: nullableString, scannedTo: nullableString },
} as const;

export async function apiRoutes(app: FastifyInstance, options: RoutePluginOptions): Promise<void> {
  app.get<{ Querystring: EventsQuery }>(
    '/api/events',
    { schema: { querystring: eventsQuerySchema, response: { 200: eventPageSchema } } },
    // The dashboard's filters and keyset paging (see routes/events-query.ts), with each delivery's attempts.
    async (request) => {
      const query = parseEventsQuery(request.query);
      // A source or destination that does not exist is a 400 naming it: a script's typo must not read as "no events".
      const [unknown] = await unknownFilterValues(options.deps.db, query.filter);
      if (unknown) throw new ParameterError(unknown.parameter, unknown.message);
      return listEvents(options.deps.db, { ...query, withAttempts: true });
    },
  );
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createActivityReader, type ActivityReader } from '../data/activity.js';
import { getEvent, listEvents } from '../data/events.js';
import { unknownFilterValues } from '../data/filter-values.js';
import { listDestinations, listSources, readDiscordBudget } from '../data/overview.js';
import { readSummary } from '../data/summary.js';
import type { RoutePluginOptions } from '../deps.js';
import { dashboardPage, dashboardPartial, eventPage, type DashboardData } from '../views/dashboard.js';
import { notFoundPage } from '../views/errors.js';
import { liveScript } from '../views/live-script.js';
import { eventParamsSchema, eventsQuerySchema, filterParams, parseEventsQuery, type EventParams, type EventsQuery } from './events-query.js';

/** Everything the dashboard shows for one query: about ten indexed queries, none reading the whole history. */
async function loadDashboard(options: RoutePluginOptions, activityOf: ActivityReader, query: EventsQuery): Promise<DashboardData> {
  const { db, queues } = options.deps;
  const { filter, cursor } = parseEventsQuery(query);
  const now = new Date();
  // Redis down must not take the page down: the budget line then says it is unknown.
  const budget = readDiscordBudget(queues).catch(() => undefined);
  const [sources, destinations, page, activity, discordBudget, unknownFilters] = await Promise.all([
    listSources(db, now),
    listDestinations(db),
    listEvents(db, { filter, cursor, withAttempts: false }),
    activityOf(now),
    budget,
    // Said next to the filters (the page stays usable to fix them); /api/events answers 400 instead.
    unknownFilterValues(db, filter),
  ]);
  const summary = await readSummary(db, { activity, sources, destinations, now });
  const onFirstPage = Object.keys(cursor).length === 0;
  return { summary, activity, sources, destinations, page, params: filterParams(query), unknownFilters, onFirstPage, discordBudget, now };
}

function queryPart(request: FastifyRequest): string {
  const index = request.url.indexOf('?');
  return index === -1 ? '' : request.url.slice(index);
}

export async function dashboardRoutes(app: FastifyInstance, options: RoutePluginOptions): Promise<void> {
  const { db } = options.deps;
  const activityOf = createActivityReader(db);
  const html = 'text/html; charset=utf-8';

  app.get<{ Querystring: EventsQuery }>('/', { schema: { querystring: eventsQuerySchema } }, async (request, reply) => {
    const data = await loadDashboard(options, activityOf, request.query);
    return reply.type(html).send(dashboardPage(data, options.nav, `/partials/dashboard${queryPart(request)}`).value);
  });

  // The live refresh's fragment: the same data as `/` for the same query, without the page around it.
  app.get<{ Querystring: EventsQuery }>('/partials/dashboard', { schema: { querystring: eventsQuerySchema } }, async (request, reply) => {
    const data = await loadDashboard(options, activityOf, request.query);
    return reply.type(html).header('cache-control', 'no-store').send(dashboardPartial(data, options.nav).value);
  });

  app.get('/assets/live.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').send(liveScript),
  );

  app.get<{ Params: EventParams }>('/events/:id', { schema: { params: eventParamsSchema } }, async (request, reply) => {
    const event = await getEvent(db, request.params.id);
    if (!event) return reply.code(404).type(html).send(notFoundPage(`Event #${request.params.id}`, options.nav).value);
    return reply.type(html).send(eventPage(event, options.nav).value);
  });
}

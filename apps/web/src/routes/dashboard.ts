import type { FastifyInstance } from 'fastify';
import { getEvent, listEvents } from '../data/events.js';
import { listDestinations, listSources, readDiscordBudget } from '../data/overview.js';
import type { RoutePluginOptions } from '../deps.js';
import { dashboardPage, eventPage, notFoundPage } from '../views/dashboard.js';
import { eventParamsSchema, eventsQuerySchema, searchTerm, type EventParams, type EventsQuery } from './events-query.js';

export async function dashboardRoutes(app: FastifyInstance, options: RoutePluginOptions): Promise<void> {
  const { db } = options.deps;

  app.get<{ Querystring: EventsQuery }>('/', { schema: { querystring: eventsQuerySchema } }, async (request, reply) => {
    const q = searchTerm(request.query.q);
    const before = request.query.before;
    // Redis down must not take the page down: the budget line then says it is unknown.
    const budget = readDiscordBudget(options.deps.queues).catch(() => undefined);
    const [sources, destinations, page, discordBudget] = await Promise.all([listSources(db), listDestinations(db), listEvents(db, { q, before }), budget]);
    return reply.type('text/html; charset=utf-8').send(dashboardPage({ sources, destinations, page, q, before, discordBudget }, options.nav).value);
  });

  app.get<{ Params: EventParams }>('/events/:id', { schema: { params: eventParamsSchema } }, async (request, reply) => {
    const event = await getEvent(db, request.params.id);
    const page = event ? eventPage(event, options.nav) : notFoundPage(`Event #${request.params.id}`, options.nav);
    return reply
      .code(event ? 200 : 404)
      .type('text/html; charset=utf-8')
      .send(page.value);
  });
}

import type { FastifyInstance } from 'fastify';
import { readRedditOverview } from '@herald/reddit/read-model';
import type { RoutePluginOptions } from '../deps.js';
import { redditSummaryApiSchema, redditSummaryJson, redditUsersApiSchema, redditUsersJson } from './api.js';
import { readRedditBudget } from './budget.js';
import { listRedditUsers } from './data.js';
import { listParams, parseRedditUsersQuery, redditUsersQuerySchema, type RedditUsersQuery } from './query.js';
import { redditPage } from './view.js';

/**
 * `GET /reddit` (the page), `GET /api/reddit/users` (its list as JSON) and `GET /api/reddit` (its
 * summary and budget as JSON). Read from Postgres and Redis only, never from Reddit. Read-only
 * pages (routes/auth.ts): behind the login unless `web.public`, and then without hidden users.
 */
export async function redditRoutes(app: FastifyInstance, options: RoutePluginOptions): Promise<void> {
  const { db, queues } = options.deps;
  const clientId = options.deps.reddit?.clientId;
  // Hidden users are left out of the reports, which the seed served publicly: public pages leave them out too.
  const withoutHidden = options.deps.admin?.publicPages === true;

  const list = (query: RedditUsersQuery, now: Date) => listRedditUsers(db, { ...parseRedditUsersQuery(query), withoutHidden, now });

  app.get<{ Querystring: RedditUsersQuery }>('/reddit', { schema: { querystring: redditUsersQuerySchema } }, async (request, reply) => {
    const now = new Date();
    const [overview, budget, page] = await Promise.all([readRedditOverview(db, now), readRedditBudget(queues, clientId), list(request.query, now)]);
    const onFirstPage = !request.query.after && !request.query.before;
    const body = redditPage({ overview, budget, page, params: listParams(request.query), onFirstPage, withoutHidden, now }, options.nav);
    return reply.type('text/html; charset=utf-8').send(body.value);
  });

  app.get<{ Querystring: RedditUsersQuery }>(
    '/api/reddit/users',
    { schema: { querystring: redditUsersQuerySchema, response: { 200: redditUsersApiSchema } } },
    async (request) => redditUsersJson(await list(request.query, new Date())),
  );

  app.get('/api/reddit', { schema: { response: { 200: redditSummaryApiSchema } } }, async () => {
    const [overview, budget] = await Promise.all([readRedditOverview(db), readRedditBudget(queues, clientId)]);
    return redditSummaryJson(overview, budget);
  });
}

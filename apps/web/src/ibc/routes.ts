import type { FastifyInstance } from 'fastify';
import type { RoutePluginOptions } from '../deps.js';
import { ibcApiSchema, ibcJson } from './api.js';
import { readIbcOverview } from './data.js';
import { ibcPage } from './view.js';

/** `GET /ibc` (the page) and `GET /api/ibc` (the same data as JSON): read from Postgres only, never from a chain. */
export async function ibcRoutes(app: FastifyInstance, options: RoutePluginOptions): Promise<void> {
  const { db } = options.deps;
  app.get('/ibc', async (_request, reply) => {
    const data = await readIbcOverview(db);
    return reply.type('text/html; charset=utf-8').send(ibcPage(data, options.nav).value);
  });
  app.get('/api/ibc', { schema: { response: { 200: ibcApiSchema } } }, async () => ibcJson(await readIbcOverview(db)));
}

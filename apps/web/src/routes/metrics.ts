import type { FastifyInstance } from 'fastify';
import type { RouteOptions } from '../deps.js';
import { createMetricsRegistry } from '../metrics/registry.js';

export async function metricsRoutes(app: FastifyInstance, options: RouteOptions): Promise<void> {
  const registry = createMetricsRegistry(options.deps);
  app.get('/metrics', async (_request, reply) => {
    const body = await registry.metrics();
    return reply.type(registry.contentType).send(body);
  });
}

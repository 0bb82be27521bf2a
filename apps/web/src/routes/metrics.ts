import type { FastifyInstance } from 'fastify';
import type { RoutePluginOptions } from '../deps.js';
import { createMetricsRegistry } from '../metrics/registry.js';

export async function metricsRoutes(app: FastifyInstance, options: RoutePluginOptions): Promise<void> {
  const registry = createMetricsRegistry(options.deps);
  app.get('/metrics', async (_request, reply) => {
    const body = await registry.metrics();
    return reply.type(registry.contentType).send(body);
  });
}

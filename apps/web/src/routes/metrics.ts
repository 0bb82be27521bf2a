import type { FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import type { RoutePluginOptions } from '../deps.js';
import { createMetricsRegistry } from '../metrics/registry.js';
import { createServiceMetrics } from '../metrics/services.js';

/** Herald's series (from Postgres and Redis) and every service process's own metrics, in one scrape. */
export async function metricsRoutes(app: FastifyInstance, options: RoutePluginOptions): Promise<void> {
  const herald = createMetricsRegistry(options.deps);
  const services = createServiceMetrics(options.deps);
  app.addHook('onClose', () => services.close());
  app.get('/metrics', async (_request, reply) => {
    // merge refuses two metrics of one name: Herald's series and the processes' never share names.
    const registry = Registry.merge([herald, await services.registry()]);
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}

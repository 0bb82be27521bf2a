import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { RoutePluginOptions, WebDeps } from './deps.js';
import { ibcRoutes } from './ibc/routes.js';
import { QuietRequestLogController } from './log-controller.js';
import { adminRoutes } from './routes/admin.js';
import { apiRoutes } from './routes/api.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { demoRoutes } from './routes/demo.js';
import { healthRoutes } from './routes/health.js';
import { metricsRoutes } from './routes/metrics.js';

export type { AdminCredentials, WebDeps } from './deps.js';

export const AdminDisabledMessage = 'admin routes disabled: set HERALD_ADMIN_USER and HERALD_ADMIN_PASSWORD';

/** Builds the web app from its dependencies; the caller listens (main) or injects requests (tests). */
export async function buildApp(deps: WebDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    logController: new QuietRequestLogController(),
  });

  const pluginOptions: RoutePluginOptions = { deps, nav: { adminEnabled: deps.admin !== undefined, demoEnabled: deps.demoDiscordUrl !== undefined } };
  await app.register(healthRoutes, pluginOptions);
  await app.register(metricsRoutes, pluginOptions);
  await app.register(dashboardRoutes, pluginOptions);
  await app.register(apiRoutes, pluginOptions);
  await app.register(ibcRoutes, pluginOptions);
  if (deps.demoDiscordUrl !== undefined) await app.register(demoRoutes, { ...pluginOptions, demoDiscordUrl: deps.demoDiscordUrl });
  if (deps.admin) await app.register(adminRoutes, { ...pluginOptions, admin: deps.admin });
  else deps.logger.warn(AdminDisabledMessage);
  return app;
}

import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { RoutePluginOptions, WebDeps } from './deps.js';
import { ibcRoutes } from './ibc/routes.js';
import { QuietRequestLogController } from './log-controller.js';
import { redditRoutes } from './reddit/routes.js';
import { adminRoutes } from './routes/admin.js';
import { apiRoutes } from './routes/api.js';
import { registerAccessControl } from './routes/auth.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { registerErrorPages } from './routes/errors.js';
import { demoRoutes } from './routes/demo.js';
import { healthRoutes } from './routes/health.js';
import { LoginThrottle } from './routes/login-throttle.js';
import { metricsRoutes } from './routes/metrics.js';

export type { AdminCredentials, WebDeps } from './deps.js';

export const AdminDisabledMessage = 'admin routes disabled: set HERALD_ADMIN_USER and HERALD_ADMIN_PASSWORD';

/** Builds the web app from its dependencies; the caller listens (main) or injects requests (tests). */
export async function buildApp(deps: WebDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    logController: new QuietRequestLogController(),
  });

  // Before any route: the login, its throttle and the CSRF check cover every route, present and future.
  await registerAccessControl(app, { admin: deps.admin, throttle: new LoginThrottle(deps.loginThrottle), logger: deps.logger });
  const pluginOptions: RoutePluginOptions = { deps, nav: { adminEnabled: deps.admin !== undefined, demoEnabled: deps.demoDiscordUrl !== undefined } };
  registerErrorPages(app, pluginOptions.nav); // HTML 404/400 pages for browsers, JSON for /api and JSON clients (before the routes)
  await app.register(healthRoutes, pluginOptions);
  await app.register(metricsRoutes, pluginOptions);
  await app.register(dashboardRoutes, pluginOptions);
  await app.register(apiRoutes, pluginOptions);
  await app.register(ibcRoutes, pluginOptions);
  await app.register(redditRoutes, pluginOptions);
  if (deps.demoDiscordUrl !== undefined) await app.register(demoRoutes, { ...pluginOptions, demoDiscordUrl: deps.demoDiscordUrl });
  if (deps.admin) await app.register(adminRoutes, pluginOptions);
  else deps.logger.warn(AdminDisabledMessage);
  return app;
}

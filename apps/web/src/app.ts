import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { exportRoutes, PublicExportRoutes } from './backup/export-routes.js';
import { backupRoutes } from './backup/routes.js';
import { compendiumRoutes } from './compendium/routes.js';
import type { RoutePluginOptions, WebDeps } from './deps.js';
import { ibcRoutes } from './ibc/routes.js';
import { QuietRequestLogController } from './log-controller.js';
import { redditRoutes } from './reddit/routes.js';
import { reportRoutes } from './reports/routes.js';
import { adminRoutes } from './routes/admin.js';
import { apiRoutes } from './routes/api.js';
import { registerAccessControl } from './routes/auth.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { frameworkErrorHandler, registerErrorPages } from './routes/errors.js';
import { faviconRoute } from './routes/favicon.js';
import { demoRoutes } from './routes/demo.js';
import { healthRoutes } from './routes/health.js';
import { LoginThrottle } from './routes/login-throttle.js';
import { metricsRoutes } from './routes/metrics.js';
import { staticRoot } from './routes/static-root.js';
import { ajvOptions, schemaErrorFormatter } from './routes/validation.js';
import type { NavOptions } from './views/layout.js';

export type { AdminCredentials, WebDeps } from './deps.js';

export const AdminDisabledMessage = 'admin routes disabled: set HERALD_ADMIN_USER and HERALD_ADMIN_PASSWORD';

/** Builds the web app from its dependencies; the caller listens (main) or injects requests (tests). */
export async function buildApp(deps: WebDeps): Promise<FastifyInstance> {
  const nav: NavOptions = { adminEnabled: deps.admin !== undefined, demoEnabled: deps.demoDiscordUrl !== undefined };
  const app = Fastify({
    // A malformed URL (`/%zz`) is refused before routing: as a page for browsers, not Fastify's raw JSON.
    frameworkErrors: frameworkErrorHandler(nav),
    // Every route's invalid parameter is named with what it expects (routes/validation.ts).
    schemaErrorFormatter,
    ajv: { customOptions: ajvOptions },
    loggerInstance: deps.logger as FastifyBaseLogger,
    logController: new QuietRequestLogController(),
    // web.ipHeader (DAB's web.ip_header): the client address is the one the reverse proxy in front
    // appended to X-Forwarded-For (one trusted hop): entries before it are the client's own writing,
    // and trusting them would let anyone dodge the login throttle.
    // (A function: Fastify's numeric form answered the socket's address in our tests.)
    trustProxy: deps.trustProxy === true ? (_address: string, hop: number) => hop === 0 : false,
  });

  // Before any route: the login, its throttle and the CSRF check cover every route, present and future.
  const publicExport = deps.backup?.publicExport === true;
  await registerAccessControl(app, {
    admin: deps.admin,
    throttle: new LoginThrottle(deps.loginThrottle),
    logger: deps.logger,
    nav,
    ...(publicExport ? { alwaysOpen: PublicExportRoutes } : {}),
  });
  const pluginOptions: RoutePluginOptions = { deps, nav };
  registerErrorPages(app, pluginOptions.nav); // HTML 404/400 pages for browsers, JSON for /api and JSON clients (before the routes)
  // The icon browsers ask for on their own; a web.root_dir with its own favicon.ico keeps it.
  if (deps.rootDir === undefined || !existsSync(join(deps.rootDir, 'favicon.ico'))) await app.register(faviconRoute);
  await app.register(healthRoutes, pluginOptions);
  await app.register(metricsRoutes, pluginOptions);
  await app.register(dashboardRoutes, pluginOptions);
  await app.register(apiRoutes, pluginOptions);
  await app.register(ibcRoutes, pluginOptions);
  await app.register(redditRoutes, pluginOptions);
  await app.register(reportRoutes, pluginOptions);
  await app.register(compendiumRoutes, pluginOptions);
  if (deps.backup) await app.register(backupRoutes, { ...pluginOptions, backup: deps.backup });
  if (deps.backup && publicExport) await app.register(exportRoutes, { ...pluginOptions, backup: deps.backup });
  if (deps.demoDiscordUrl !== undefined) await app.register(demoRoutes, { ...pluginOptions, demoDiscordUrl: deps.demoDiscordUrl });
  if (deps.admin) await app.register(adminRoutes, pluginOptions);
  else deps.logger.warn(AdminDisabledMessage);
  // Last: DAB's web.root_dir, files for the paths no page answers (pages keep their routes).
  if (deps.rootDir !== undefined) await app.register(staticRoot, { root: deps.rootDir });
  return app;
}

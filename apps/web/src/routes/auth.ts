import { createHash, timingSafeEqual } from 'node:crypto';
import basicAuth from '@fastify/basic-auth';
import ipaddr from 'ipaddr.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from '@herald/logging';
import type { AdminCredentials } from '../deps.js';
import type { NavOptions } from '../views/layout.js';
import { sendProblem } from './errors.js';
import { clientKey, type LoginThrottle } from './login-throttle.js';

/**
 * Routes anyone may call even when a login is configured: container and load-balancer health checks,
 * and the icon browsers fetch on their own (routes/favicon.ts; it shows nothing).
 */
export const AlwaysOpenRoutes: readonly string[] = ['/healthz', '/favicon.ico'];

/**
 * What `web.public` opens (GET and HEAD only): the read-only pages, their live-refresh partials and
 * scripts, and /metrics, by route pattern (a prefix covers the routes under it). Admin routes are
 * never public. A route left out of this list, e.g. a new page, asks for the login: protected
 * unless opened on purpose here.
 */
export const PublicReadOnlyRoutes: readonly string[] = [
  '/',
  '/events',
  '/partials',
  '/assets',
  '/api',
  '/ibc',
  '/reddit',
  '/reports',
  '/compendium',
  '/demo',
  '/metrics',
  // web.rootDir's static files (routes/static-root.ts)
  '/*',
];

const ReadOnlyMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

const matches = (route: string, prefix: string) => route === prefix || (prefix !== '/' && route.startsWith(`${prefix}/`));

/**
 * Whether a request needs the login. `route` is the matched route's pattern (`/events/:id`), not
 * the raw URL, so no spelling of a path can dodge the rule. Undefined is no route (the not-found
 * page): it needs the login unless the read-only pages are public, as it shows nothing anyway.
 */
export function needsLogin(method: string, route: string | undefined, publicPages: boolean, alwaysOpen: readonly string[] = AlwaysOpenRoutes): boolean {
  if (route !== undefined && alwaysOpen.includes(route)) return false;
  if (!publicPages || !ReadOnlyMethods.has(method)) return true;
  if (route === undefined) return false;
  return route.startsWith('/admin') || !PublicReadOnlyRoutes.some((prefix) => matches(route, prefix));
}

/** Compares digests (equal length) in constant time, so timing reveals nothing about the secret. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Browsers say where a request comes from in Sec-Fetch-Site; older ones only send Origin, which
 * is compared with the host the browser addressed (a reverse proxy may pass it as X-Forwarded-Host).
 */
export function isCrossSite(headers: FastifyRequest['headers']): boolean {
  const site = headers['sec-fetch-site'];
  if (site !== undefined) return site === 'cross-site';
  const origin = headers.origin;
  if (origin === undefined) return false;
  try {
    const host = new URL(origin).host;
    return host !== headers.host && host !== headers['x-forwarded-host'];
  } catch {
    return true; // "null" or garbage: an opaque origin is never our own page
  }
}

export interface AccessOptions {
  /** Without credentials every route is open (and the admin routes are not registered). */
  admin: AdminCredentials | undefined;
  throttle: LoginThrottle;
  logger: Logger;
  /** Routes opened to everyone on purpose besides AlwaysOpenRoutes (`backup.publicExport`'s export). */
  alwaysOpen?: readonly string[];
  /** The header links of the pages that refusals (401, 403, 429) show to browsers. */
  nav: NavOptions;
}

/** The 401 page's words: what the login is and, after a refused one, that it was refused. */
export function loginRequiredMessage(refused: boolean): string {
  const what = "This page is behind Herald's admin login (the HERALD_ADMIN_USER and HERALD_ADMIN_PASSWORD settings).";
  return refused ? `${what} The user name or password was not accepted: reload the page to enter them again.` : `${what} Reload the page and enter them when the browser asks.`;
}

/**
 * One place decides who may call what, for every route, present and future (hooks on the root
 * instance, registered before the routes):
 * - with admin credentials, every route asks for the basic-auth login except /healthz, and, with
 *   `web.public`, the read-only pages (see needsLogin);
 * - a client with too many failed logins gets 429 and Retry-After, its password unchecked (LoginThrottle);
 * - state changes another site triggers are refused (CSRF: a browser resends basic-auth credentials);
 * - without credentials on an address other machines can reach, a warning says the pages are open.
 */
export async function registerAccessControl(app: FastifyInstance, options: AccessOptions): Promise<void> {
  const { admin, throttle, logger, nav } = options;
  if (admin) {
    await app.register(basicAuth, {
      authenticate: { realm: 'Herald admin' },
      async validate(user, password, request) {
        // Both comparisons always run: no early exit that would tell a right user name apart.
        const userOk = sameSecret(user, admin.user);
        const passwordOk = sameSecret(password, admin.password);
        if (userOk && passwordOk) return;
        // The route pattern, not the URL: a query string may hold an account name or an e-mail address.
        const where = { client: request.ip, route: request.routeOptions.url };
        const client = clientKey(request.ip);
        if (!throttle.recordFailure(client)) logger.info(where, 'failed admin login');
        else logger.warn({ ...where, lockedSeconds: Math.ceil(throttle.lockedFor(client) / 1000) }, 'too many failed admin logins: this address is locked out');
        throw new Error('Unauthorized');
      },
    });
    const publicPages = admin.publicPages === true;
    const alwaysOpen = [...AlwaysOpenRoutes, ...(options.alwaysOpen ?? [])];
    app.addHook('onRequest', (request, reply, done) => {
      if (!needsLogin(request.method, request.routeOptions.url, publicPages, alwaysOpen)) return done();
      const lockedMs = throttle.lockedFor(clientKey(request.ip));
      if (lockedMs > 0) {
        const seconds = Math.ceil(lockedMs / 1000);
        const error = 'too many failed logins from this address; try again later';
        reply.header('retry-after', String(seconds));
        void sendProblem(request, reply, nav, {
          statusCode: 429,
          title: 'Too many failed logins',
          message: `Too many failed logins from this address: it is locked out for ${seconds} s. Try again after that.`,
          json: { error },
        });
        return;
      }
      // The refusal is answered here, not by the route's error handler: Bull Board's own handler would
      // turn it into `{"error":{"key":"ERRORS.INTERNAL_SERVER_ERROR"}}`. basicAuth has set WWW-Authenticate.
      app.basicAuth(request, reply, (error?: Error & { statusCode?: number }) => {
        if (error === undefined) return done();
        if (error.statusCode !== 401) return done(error);
        const refused = request.headers.authorization !== undefined;
        void sendProblem(request, reply, nav, { statusCode: 401, title: 'Login required', message: loginRequiredMessage(refused) });
      });
    });
  } else {
    app.addHook('onListen', async () => {
      // A string is a Unix socket path: local by nature.
      const exposed = app.addresses().flatMap((a) => (typeof a === 'string' || isLoopback(a.address) ? [] : [a.address]));
      if (exposed.length > 0) {
        logger.warn(
          { addresses: exposed },
          'no admin login configured and listening on a non-loopback address: anyone who can reach this port sees the dashboard, the API and the demo page; set HERALD_ADMIN_USER and HERALD_ADMIN_PASSWORD, or HERALD_WEB_HOST=127.0.0.1 (under docker compose, HERALD_WEB_BIND decides who can reach the port)',
        );
      }
    });
  }

  app.addHook('onRequest', async (request, reply) => {
    if (ReadOnlyMethods.has(request.method)) return;
    if (isCrossSite(request.headers)) {
      const error = 'cross-site requests are not allowed';
      return sendProblem(request, reply, nav, {
        statusCode: 403,
        title: 'Refused',
        message: 'Refused: this request came from another site. Use the buttons on Herald\'s own pages.',
        json: { error },
      });
    }
  });
}

/** Whether a listen address accepts connections from this machine only (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  return ipaddr.isValid(host) && ipaddr.process(host).range() === 'loopback';
}

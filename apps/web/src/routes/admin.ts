import { createHash, timingSafeEqual } from 'node:crypto';
import basicAuth from '@fastify/basic-auth';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AdminCredentials, RoutePluginOptions } from '../deps.js';
import { adminActionRoutes } from './admin-actions.js';

export const BullBoardPath = '/admin/queues';

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

/**
 * Everything under basic auth, in one encapsulated plugin so the auth hook applies only here.
 * Registered only when credentials are configured.
 */
export async function adminRoutes(app: FastifyInstance, options: RoutePluginOptions & { admin: AdminCredentials }): Promise<void> {
  const { admin } = options;
  await app.register(basicAuth, {
    authenticate: { realm: 'Herald admin' },
    async validate(user, password) {
      // Both comparisons always run: no early exit that would tell a right user name apart.
      const userOk = sameSecret(user, admin.user);
      const passwordOk = sameSecret(password, admin.password);
      if (!(userOk && passwordOk)) throw new Error('Unauthorized');
    },
  });
  app.addHook('onRequest', app.basicAuth);

  // A browser keeps basic-auth credentials, so refuse state changes that another site triggers (CSRF).
  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD') return;
    if (isCrossSite(request.headers)) return reply.code(403).send({ error: 'cross-site requests are not allowed' });
  });

  // The dashboard's forms post url-encoded bodies; the actions need no body, so accept and ignore it.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, _body, done) => done(null, {}));

  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(BullBoardPath);
  createBullBoard({
    queues: Object.values(options.deps.queues).map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Herald' } },
  });
  await app.register(serverAdapter.registerPlugin(), { prefix: BullBoardPath });
  await app.register(adminActionRoutes, options);
}

import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import type { RoutePluginOptions } from '../deps.js';
import { adminActionRoutes } from './admin-actions.js';

// Kept for the demo page's import; the check itself lives with the rest of access control.
export { isCrossSite } from './auth.js';

export const BullBoardPath = '/admin/queues';

/**
 * Bull Board and the operator actions, registered only when credentials are configured. The login,
 * its throttle and the CSRF check are not here: registerAccessControl applies them to every route.
 */
export async function adminRoutes(app: FastifyInstance, options: RoutePluginOptions): Promise<void> {
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

import type { FastifyInstance } from 'fastify';
import { fetchDemoMessages } from '../data/demo-messages.js';
import type { RoutePluginOptions } from '../deps.js';
import { demoPage } from '../views/demo.js';

/** Registered only in demo mode (when a demo Discord URL is configured). */
export async function demoRoutes(app: FastifyInstance, options: RoutePluginOptions & { demoDiscordUrl: string }): Promise<void> {
  app.get('/demo/discord', async (_request, reply) => {
    let result: Parameters<typeof demoPage>[0];
    try {
      result = { messages: await fetchDemoMessages(options.demoDiscordUrl) };
    } catch (error) {
      options.deps.logger.warn({ err: error }, 'demo page: could not fetch messages from the demo Discord');
      result = { error: (error as Error).message };
    }
    return reply.type('text/html; charset=utf-8').send(demoPage(result, options.nav).value);
  });
}

import type { FastifyInstance } from 'fastify';
import type { RoutePluginOptions } from '../deps.js';

const CheckTimeoutMs = 2000;

type CheckResult = 'ok' | 'error';

const healthSchema = {
  type: 'object',
  required: ['status', 'postgres', 'redis'],
  properties: {
    status: { type: 'string', enum: ['ok', 'error'] },
    postgres: { type: 'string', enum: ['ok', 'error'] },
    redis: { type: 'string', enum: ['ok', 'error'] },
  },
} as const;

/** Runs a check with a deadline, so a hung connection makes the probe fail instead of hang. */
async function check(name: string, run: () => Promise<unknown>, options: RoutePluginOptions): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} check timed out after ${CheckTimeoutMs}ms`)), CheckTimeoutMs);
  });
  const running = run();
  running.catch(() => undefined); // if the deadline wins, a late failure must not go unhandled
  try {
    await Promise.race([running, deadline]);
    return 'ok';
  } catch (error) {
    options.deps.logger.warn({ err: error, check: name }, 'health check failed');
    return 'error';
  } finally {
    clearTimeout(timer);
  }
}

export async function healthRoutes(app: FastifyInstance, options: RoutePluginOptions): Promise<void> {
  const { db, queues } = options.deps;
  app.get('/healthz', { schema: { response: { 200: healthSchema, 503: healthSchema } } }, async (_request, reply) => {
    const [postgres, redis] = await Promise.all([
      check('postgres', () => db.query('SELECT 1'), options),
      // A real queue read (one HEXISTS), through the same connection the admin actions use.
      check('redis', () => queues.maintenance.isPaused(), options),
    ]);
    const status: CheckResult = postgres === 'ok' && redis === 'ok' ? 'ok' : 'error';
    return reply.code(status === 'ok' ? 200 : 503).send({ status, postgres, redis });
  });
}

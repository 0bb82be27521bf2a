import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DeliveryStatus, DestinationStatus } from '@herald/db/statuses';
import { pauseDestination, resumeDestination, type DestinationChange } from '@herald/pipeline';
import { addJob } from '@herald/queue';
import type { RoutePluginOptions } from '../deps.js';
import { BigintIdPattern } from './events-query.js';

interface IdParams {
  id: string;
}

const idParamsSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: BigintIdPattern } },
} as const;

/**
 * Operator actions behind basic auth. Each changes Postgres (the truth); those that make deliveries
 * owed again (retry, resume) then ask the maintenance worker to reconcile at once, instead of
 * waiting for its next scheduled run.
 */
export async function adminActionRoutes(app: FastifyInstance, options: RoutePluginOptions): Promise<void> {
  const { db, queues, logger } = options.deps;

  const kickReconcile = async (): Promise<boolean> => {
    try {
      await addJob(queues.maintenance, 'outbox.reconcile', {}, { jobId: `reconcile-now-${Date.now()}` });
      return true;
    } catch (error) {
      // The change is committed; the scheduled reconcile will still pick it up.
      logger.warn({ err: error }, 'admin: could not queue an immediate reconcile; the scheduled one will follow');
      return false;
    }
  };

  // The dashboard's buttons are plain HTML forms: send the browser back to a page, answer scripts with JSON.
  const done = (request: FastifyRequest, reply: FastifyReply, body: Record<string, unknown>, page: string) =>
    request.headers['content-type']?.startsWith('application/x-www-form-urlencoded') ? reply.redirect(page, 303) : reply.send(body);

  app.post<{ Params: IdParams }>('/admin/deliveries/:id/retry', { schema: { params: idParamsSchema } }, async (request, reply) => {
    const id = BigInt(request.params.id);
    // Attempts and the last error are kept: they are the history of why it died.
    const updated = await db.query<{ event_id: bigint }>('UPDATE deliveries SET status = $2 WHERE id = $1 AND status = $3 RETURNING event_id', [
      id,
      DeliveryStatus.pending,
      DeliveryStatus.dead,
    ]);
    const changed = updated.rows[0];
    if (!changed) {
      const { rows } = await db.query<{ status: string }>('SELECT status FROM deliveries WHERE id = $1', [id]);
      const row = rows[0];
      if (!row) return reply.code(404).send({ error: 'delivery not found' });
      return reply.code(409).send({ error: `delivery is ${row.status}, not dead` });
    }
    logger.info({ deliveryId: id.toString() }, 'admin: dead delivery set back to pending');
    const reconcileQueued = await kickReconcile();
    return done(request, reply, { id: id.toString(), status: DeliveryStatus.pending, reconcileQueued }, `/events/${changed.event_id}`);
  });

  /** Ids are Postgres `integer`s: anything larger names no destination. */
  const destinationId = (request: FastifyRequest<{ Params: IdParams }>): number | undefined => {
    const id = Number(request.params.id);
    return Number.isSafeInteger(id) && id <= 2_147_483_647 ? id : undefined;
  };
  const refused = (reply: FastifyReply, change: Exclude<DestinationChange, { kind: 'changed' }>, expected: string) =>
    change.kind === 'not-found'
      ? reply.code(404).send({ error: 'destination not found' })
      : reply.code(409).send({ error: `destination is ${change.status}, not ${expected}` });

  // Nothing is sent to a paused destination; its deliveries wait, in order, for resume.
  app.post<{ Params: IdParams }>('/admin/destinations/:id/pause', { schema: { params: idParamsSchema } }, async (request, reply) => {
    const id = destinationId(request);
    if (id === undefined) return reply.code(404).send({ error: 'destination not found' });
    const change = await pauseDestination(db, id);
    if (change.kind !== 'changed') return refused(reply, change, DestinationStatus.active);
    logger.info({ destinationId: id }, 'admin: destination paused');
    return done(request, reply, { id, status: DestinationStatus.paused }, '/');
  });

  app.post<{ Params: IdParams }>('/admin/destinations/:id/resume', { schema: { params: idParamsSchema } }, async (request, reply) => {
    const id = destinationId(request);
    if (id === undefined) return reply.code(404).send({ error: 'destination not found' });
    const change = await resumeDestination(db, id);
    if (change.kind !== 'changed') return refused(reply, change, 'paused or quarantined');
    logger.info({ destinationId: id }, 'admin: destination resumed');
    // Its waiting deliveries have no live job (a paused or quarantined destination's jobs finish): reconcile re-enqueues them.
    const reconcileQueued = await kickReconcile();
    return done(request, reply, { id, status: DestinationStatus.active, reconcileQueued }, '/');
  });
}

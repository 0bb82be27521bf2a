import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DeliveryStatus, DestinationStatus } from '@herald/db/statuses';
import { pauseDestination, resumeDestination, type DestinationChange } from '@herald/pipeline';
import { addJob } from '@herald/queue';
import type { RoutePluginOptions } from '../deps.js';
import type { WayBack } from '../views/errors.js';
import { sendProblem, wantsHtml } from './errors.js';
import { BigintIdPattern } from './events-query.js';

interface IdParams {
  id: string;
}

const idParams = (description: string) =>
  ({
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'string', pattern: BigintIdPattern, description } },
  }) as const;
const deliveryIdSchema = idParams('a delivery number such as 42 (from an event page)');
const destinationIdSchema = idParams('a destination number such as 3 (from the dashboard)');

const dashboard: WayBack = { href: '/', label: 'Dashboard' };

/**
 * Operator actions behind basic auth. Each changes Postgres (the truth); those that make deliveries
 * owed again (retry, resume) then ask the maintenance worker to reconcile at once, instead of
 * waiting for its next scheduled run.
 */
export async function adminActionRoutes(app: FastifyInstance, options: RoutePluginOptions): Promise<void> {
  const { db, queues, logger } = options.deps;
  const { nav } = options;

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
    wantsHtml(request) ? reply.redirect(page, 303) : reply.send(body);
  /** A refused action: a page saying what happened and leading back for the dashboard's forms, `{ error }` for scripts. */
  const refuse = (request: FastifyRequest, reply: FastifyReply, statusCode: number, title: string, error: string, message: string, back: WayBack = dashboard) =>
    sendProblem(request, reply, nav, { statusCode, title, message, back, json: { error } });

  app.post<{ Params: IdParams }>('/admin/deliveries/:id/retry', { schema: { params: deliveryIdSchema } }, async (request, reply) => {
    const id = BigInt(request.params.id);
    // Attempts and the last error are kept: they are the history of why it died.
    // An event whose personal data retention removed has nothing left to send (its name is "(removed)").
    const updated = await db.query<{ event_id: bigint }>(
      `UPDATE deliveries d SET status = $2 FROM events e
       WHERE d.id = $1 AND d.status = $3 AND e.id = d.event_id AND e.redacted_at IS NULL RETURNING d.event_id`,
      [id, DeliveryStatus.pending, DeliveryStatus.dead],
    );
    const changed = updated.rows[0];
    if (!changed) {
      const { rows } = await db.query<{ status: string; redacted: boolean; event_id: bigint }>(
        'SELECT d.status, e.redacted_at IS NOT NULL AS redacted, d.event_id FROM deliveries d JOIN events e ON e.id = d.event_id WHERE d.id = $1',
        [id],
      );
      const row = rows[0];
      const title = 'Not retried';
      if (!row) return refuse(request, reply, 404, title, 'delivery not found', `Delivery ${id} was not found (retention may have removed it). Nothing was changed.`);
      const event: WayBack = { href: `/events/${row.event_id}`, label: `Event #${row.event_id}` };
      if (row.status !== DeliveryStatus.dead) {
        const error = `delivery is ${row.status}, not dead`;
        return refuse(request, reply, 409, title, error, `Delivery ${id} is ${row.status}, not dead: only a dead delivery can be retried. Nothing was changed.`, event);
      }
      const error = "the event's personal data was removed by retention (retention.personalData): there is nothing left to send";
      return refuse(request, reply, 409, title, error, `Delivery ${id} was not retried: ${error}.`, event);
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
  const notFound = (request: FastifyRequest<{ Params: IdParams }>, reply: FastifyReply, title: string) =>
    refuse(request, reply, 404, title, 'destination not found', `Destination ${request.params.id} was not found. Nothing was changed.`);
  const refused = (
    request: FastifyRequest<{ Params: IdParams }>,
    reply: FastifyReply,
    change: Exclude<DestinationChange, { kind: 'changed' }>,
    title: string,
    expected: string,
  ) => {
    if (change.kind === 'not-found') return notFound(request, reply, title);
    const error = `destination is ${change.status}, not ${expected}`;
    return refuse(request, reply, 409, title, error, `Destination ${request.params.id} is ${change.status}, not ${expected}. Nothing was changed.`);
  };

  // Nothing is sent to a paused destination; its deliveries wait, in order, for resume.
  app.post<{ Params: IdParams }>('/admin/destinations/:id/pause', { schema: { params: destinationIdSchema } }, async (request, reply) => {
    const id = destinationId(request);
    if (id === undefined) return notFound(request, reply, 'Not paused');
    const change = await pauseDestination(db, id);
    if (change.kind !== 'changed') return refused(request, reply, change, 'Not paused', DestinationStatus.active);
    logger.info({ destinationId: id }, 'admin: destination paused');
    return done(request, reply, { id, status: DestinationStatus.paused }, '/');
  });

  app.post<{ Params: IdParams }>('/admin/destinations/:id/resume', { schema: { params: destinationIdSchema } }, async (request, reply) => {
    const id = destinationId(request);
    if (id === undefined) return notFound(request, reply, 'Not resumed');
    const change = await resumeDestination(db, id);
    if (change.kind !== 'changed') return refused(request, reply, change, 'Not resumed', 'paused or quarantined');
    logger.info({ destinationId: id }, 'admin: destination resumed');
    // Its waiting deliveries have no live job (a paused or quarantined destination's jobs finish): reconcile re-enqueues them.
    const reconcileQueued = await kickReconcile();
    return done(request, reply, { id, status: DestinationStatus.active, reconcileQueued }, '/');
  });
}

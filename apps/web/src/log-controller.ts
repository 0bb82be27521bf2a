import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * Probes and scrapes hit this service constantly, so successful requests are logged at debug
 * only (one line, no "incoming request" line). Errors keep Fastify's default logging.
 */
export class QuietRequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = { method: request.method, route: request.routeOptions.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.debug(line, 'request completed');
  }
}

import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequestPage, errorPage, missingPage, notFoundPage, wayBackFrom } from '../views/errors.js';
import type { NavOptions } from '../views/layout.js';

/**
 * A page that does not exist for these parameters (`User "x" doesn't exist.`, seed-behaviour §3.8):
 * thrown by a route, answered 404 with its message (HTML or JSON like every error here).
 */
export class NotFoundError extends Error {
  readonly statusCode = 404;
}

/**
 * JSON for the API and for clients that ask for JSON (an `Accept` with application/json and not
 * text/html); an HTML page for everyone else (browsers, and curl's `*∕*`).
 */
export function wantsJson(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

function sendJson(reply: FastifyReply, statusCode: number, message: string, code?: string) {
  return reply.code(statusCode).send({ statusCode, ...(code && { code }), error: STATUS_CODES[statusCode] ?? 'Error', message });
}

/**
 * Unknown routes (404), invalid parameters (400: Fastify's schema validation names the parameter,
 * e.g. `params/id must match pattern …`) and failures answer as pages for browsers, as JSON for the
 * API. A server error's message stays in the log, never on a page. Call on the root instance before
 * the routes are registered (routes keep the error handler present when they are added).
 */
export function registerErrorPages(app: FastifyInstance, nav: NavOptions): void {
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    if (wantsJson(request)) return sendJson(reply, 404, `Route ${request.method}:${path} not found`);
    return reply.code(404).type('text/html; charset=utf-8').send(notFoundPage(`The page ${path}`, nav, wayBackFrom(path)).value);
  });

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const statusCode = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (statusCode >= 500) request.log.error({ err: error }, 'request failed');
    const message = statusCode >= 500 ? 'Internal Server Error' : error.message;
    if (wantsJson(request)) return sendJson(reply, statusCode, message, error.code);
    const path = request.url.split('?')[0] ?? request.url;
    const back = wayBackFrom(path);
    const page =
      statusCode === 400
        ? badRequestPage(message, nav, back)
        : statusCode === 404
          ? error instanceof NotFoundError
            ? missingPage(message, nav, back)
            : notFoundPage(`The page ${path}`, nav, back)
          : errorPage(statusCode, nav, back);
    return reply.code(statusCode).type('text/html; charset=utf-8').send(page.value);
  });
}

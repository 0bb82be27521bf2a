import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequestPage, errorPage, missingPage, notFoundPage, problemPage, wayBackFrom, type WayBack } from '../views/errors.js';
import type { NavOptions } from '../views/layout.js';
import { ParameterError, quoted } from './validation.js';

/**
 * A page that does not exist for these parameters (`User "x" doesn't exist.`, seed-behaviour §3.8):
 * thrown by a route, answered 404 with its message (HTML or JSON like every error here).
 */
export class NotFoundError extends Error {
  readonly statusCode = 404;
}

const ReadMethods = new Set(['GET', 'HEAD']);

/**
 * Whether the client gets an HTML page rather than JSON. Never for /api. For a page (GET, HEAD): yes
 * unless it asks for JSON only (an `Accept` with application/json and not text/html), so browsers
 * and curl's `*∕*` get pages. For a state change (POST…): only for a browser, i.e. an HTML form post
 * (url-encoded body) or an `Accept` naming text/html; scripts (curl -X POST) keep JSON.
 */
export function wantsHtml(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return false;
  const accept = request.headers.accept ?? '';
  if (ReadMethods.has(request.method)) return !(accept.includes('application/json') && !accept.includes('text/html'));
  return accept.includes('text/html') || (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

/** The opposite of wantsHtml: the API, JSON clients and scripts. */
export const wantsJson = (request: FastifyRequest): boolean => !wantsHtml(request);

const htmlType = 'text/html; charset=utf-8';

function sendJson(reply: FastifyReply, statusCode: number, message: string, extra: { code?: string | undefined; parameter?: string | undefined } = {}) {
  const { code, parameter } = extra;
  return reply.code(statusCode).send({ statusCode, ...(code && { code }), error: STATUS_CODES[statusCode] ?? 'Error', message, ...(parameter && { parameter }) });
}

/**
 * Answers a refused request the way its client reads: a page with a title, what happened and the way
 * back for a browser (wantsHtml), else `json` (default `{ statusCode, error, message }`), so scripts
 * keep the body they parse. Headers set before (WWW-Authenticate, Retry-After) are kept.
 */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  nav: NavOptions,
  problem: { statusCode: number; title: string; message: string; back?: WayBack; json?: Record<string, unknown> },
) {
  const { statusCode, title, message } = problem;
  reply.code(statusCode);
  if (wantsHtml(request)) {
    const back = problem.back ?? wayBackFrom(pathOf(request));
    return reply.type(htmlType).send(problemPage(title, message, nav, back).value);
  }
  return problem.json ? reply.send(problem.json) : sendJson(reply, statusCode, message);
}

const pathOf = (request: FastifyRequest) => request.url.split('?')[0] ?? request.url;

/**
 * Fastify's `frameworkErrors`: requests refused before routing, chiefly a malformed URL (`/%zz`,
 * FST_ERR_BAD_URL), which Fastify would answer with raw JSON. Browsers get a 400 page, JSON clients
 * Fastify's JSON. No route ran, so no login was asked: the page shows the navigation only.
 */
export function frameworkErrorHandler(nav: NavOptions) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const statusCode = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 400;
    const badUrl = error.code === 'FST_ERR_BAD_URL';
    const message = badUrl
      ? `The address ${quoted(pathOf(request))} is not a valid URL: a % must be followed by two hexadecimal digits (%20 is a space, %25 a % sign).`
      : `The request could not be routed (${error.message}).`;
    if (!wantsHtml(request)) {
      void sendJson(reply, statusCode, badUrl ? `'${pathOf(request)}' is not a valid url component` : error.message, { code: error.code });
      return;
    }
    void reply.code(statusCode).type(htmlType).send(problemPage(badUrl ? 'Bad address' : 'Bad request', message, nav).value);
  };
}

/**
 * Unknown routes (404), invalid parameters (400: the message names the parameter and what it expects,
 * see validation.ts) and failures answer as pages for browsers, as JSON for the API. A server error's
 * message stays in the log, never on a page. Call on the root instance before the routes are
 * registered (routes keep the error handler present when they are added).
 */
export function registerErrorPages(app: FastifyInstance, nav: NavOptions): void {
  app.setNotFoundHandler(async (request, reply) => {
    const path = pathOf(request);
    if (wantsJson(request)) return sendJson(reply, 404, `Route ${request.method}:${path} not found`);
    return reply.code(404).type(htmlType).send(notFoundPage(`The page ${path}`, nav, wayBackFrom(path)).value);
  });

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const statusCode = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (statusCode >= 500) request.log.error({ err: error }, 'request failed');
    const message = statusCode >= 500 ? 'Internal Server Error' : error.message;
    const parameter = error instanceof ParameterError ? error.parameter : undefined;
    if (wantsJson(request)) return sendJson(reply, statusCode, message, { code: error.code, parameter });
    const path = pathOf(request);
    const back = wayBackFrom(path);
    const page =
      statusCode === 400
        ? badRequestPage(message, nav, back)
        : statusCode === 404
          ? error instanceof NotFoundError
            ? missingPage(message, nav, back)
            : notFoundPage(`The page ${path}`, nav, back)
          : errorPage(statusCode, nav, back);
    return reply.code(statusCode).type(htmlType).send(page.value);
  });
}

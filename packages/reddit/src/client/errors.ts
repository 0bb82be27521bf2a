import { RedditHttpError } from './types.js';

/**
 * A request that got no answer (refused connection, reset, DNS, `requestTimeout` passed). Carries
 * the Node error code (`ECONNREFUSED`, `ESOCKETTIMEDOUT`…) and the path only: the library's own
 * error holds the request options (client secret, password, bearer token) and must not be logged.
 */
export class RedditNetworkError extends Error {
  override name = 'RedditNetworkError';
  constructor(
    readonly path: string,
    readonly code: string | undefined,
    detail: string,
  ) {
    super(`no answer from Reddit to ${path}: ${detail}`);
  }
}

interface RequestPromiseError {
  name?: unknown;
  statusCode?: unknown;
  cause?: { code?: unknown; message?: unknown };
  message?: unknown;
}

/** The HTTP status of a request-promise StatusCodeError (snoowrap's `instanceof` does not work, dependency-notes §4b). */
export function statusOf(error: unknown): number | undefined {
  const status = (error as RequestPromiseError | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Turns request-promise's errors (which hold the request options: client secret, password, bearer
 * token) into Herald's: an HTTP status → RedditHttpError(status, path); a RequestError (no answer) →
 * RedditNetworkError; a TransformError → a plain Error. Any other error (Herald's own, the gate's,
 * an abort) passes through unchanged.
 */
export function sanitize(error: unknown, path: string): unknown {
  const status = statusOf(error);
  if (status !== undefined) return new RedditHttpError(status, path);
  const candidate = error as RequestPromiseError | null;
  if (candidate?.name === 'RequestError') {
    const code = typeof candidate.cause?.code === 'string' ? candidate.cause.code : undefined;
    const detail = typeof candidate.cause?.message === 'string' ? candidate.cause.message : (code ?? 'request failed');
    return new RedditNetworkError(path, code, detail);
  }
  if (candidate?.name === 'TransformError' || candidate?.name === 'StatusCodeError') return new Error(`Reddit request to ${path} failed`);
  return error;
}

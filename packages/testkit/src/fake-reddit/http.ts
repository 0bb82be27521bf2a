import type { ServerResponse } from 'node:http';

/** A response decided by the routing code, written by the server. */
export interface Answer {
  status: number;
  headers?: Record<string, string>;
  /** Written as JSON unless `text` is set. */
  body?: unknown;
  /** A non-JSON body (e.g. an edge proxy's HTML error page). */
  text?: string;
}

export { readBody } from '../read-body.js';

export function write(res: ServerResponse, answer: Answer): void {
  if (res.destroyed || res.writableEnded) return; // the client gave up (e.g. its timeout)
  const headers: Record<string, string> = { ...answer.headers };
  let text = answer.text;
  if (text === undefined) {
    text = JSON.stringify(answer.body ?? {});
    headers['Content-Type'] = 'application/json; charset=UTF-8';
  }
  res.writeHead(answer.status, headers);
  res.end(text);
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 429: 'Too Many Requests' };

/** Reddit's JSON error body, e.g. `{"message": "Forbidden", "error": 403}`. */
export function redditError(status: number, headers: Record<string, string> = {}): Answer {
  return { status, headers, body: { message: REASONS[status] ?? 'Error', error: status } };
}

/** A 5xx as Reddit's CDN sends it: an HTML page, not JSON. */
export function edgeError(status: number): Answer {
  return { status, headers: { 'Content-Type': 'text/html; charset=UTF-8' }, text: `<html><body><h1>${status}</h1>Our CDN was unable to reach our servers.</body></html>` };
}

/** The HTML escaping Reddit applies to text fields unless the request has `raw_json=1`. */
export function htmlEscape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

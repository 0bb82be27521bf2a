import type { ServerResponse } from 'node:http';

export type HeaderMap = Record<string, string>;

/** A response decided by the routing code but not yet written (so it can be held). */
export interface PlannedResponse {
  status: number;
  headers: HeaderMap;
  /** undefined → no body (204). Written as JSON unless `text` is set. */
  body?: unknown;
  /** A non-JSON body written as it is (e.g. a proxy's `error code: 1015`); its Content-Type comes from `headers`. */
  text?: string;
}

export { readBody } from '../read-body.js';

export function writeResponse(res: ServerResponse, planned: PlannedResponse): void {
  // The client may have given up (e.g. on a held response); writing then would throw.
  if (res.destroyed || res.writableEnded) return;
  const headers: HeaderMap = { ...planned.headers };
  let text = planned.text;
  if (text === undefined && planned.body !== undefined) {
    text = JSON.stringify(planned.body);
    headers['Content-Type'] = 'application/json';
  }
  res.writeHead(planned.status, headers);
  res.end(text);
}

export function json(status: number, body: unknown, headers: HeaderMap = {}): PlannedResponse {
  return { status, headers, body };
}

/** A plain-text answer, as a proxy or Cloudflare's edge gives instead of Discord's JSON. */
export function plainText(status: number, text: string, headers: HeaderMap = {}): PlannedResponse {
  return { status, headers: { 'Content-Type': 'text/plain; charset=UTF-8', ...headers }, text };
}

/** Discord's generic error bodies, by status. */
export function discordError(status: number): { message: string; code: number } {
  switch (status) {
    case 400: return { message: '400: Bad Request', code: 0 };
    case 401: return { message: '401: Unauthorized', code: 0 };
    case 403: return { message: 'Missing Permissions', code: 50013 };
    case 404: return { message: '404: Not Found', code: 0 };
    case 405: return { message: '405: Method Not Allowed', code: 0 };
    case 502: return { message: '502: Bad Gateway', code: 0 };
    case 503: return { message: '503: Service Unavailable', code: 0 };
    default: return { message: `${status}: Internal Server Error`, code: 0 };
  }
}

export const UNKNOWN_WEBHOOK = { message: 'Unknown Webhook', code: 10015 };
export const UNKNOWN_CHANNEL = { message: 'Unknown Channel', code: 10003 };

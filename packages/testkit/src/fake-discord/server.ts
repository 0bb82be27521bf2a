import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Controllable } from './control.js';
import { routeControlRequest } from './control.js';
import type { HeldResponses } from './held.js';
import { discordError, json, readBody, writeResponse } from './http.js';
import { routeDiscordRequest, type FakeState } from './routes.js';

const API_PREFIX = '/api/v10';
const CONTROL_PREFIX = '/_fake';

/** Webhook tokens are secrets in real life; keep them out of recordings. */
export function redactPath(pathAndQuery: string): string {
  return pathAndQuery
    .replace(/(\/webhooks\/\d+\/)[^/?]+/, '$1[token]')
    .replace(/(\/interactions\/\d+\/)[^/?]+/, '$1[token]');
}

/** discord.js URL-encodes header values such as the audit-log reason; a raw value stays as sent. */
function decodeHeader(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function parseControlBody(raw: string): Record<string, unknown> | undefined {
  if (raw.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

async function handle(
  state: FakeState,
  control: Controllable,
  held: HeldResponses,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const time = Date.now();
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://fake.invalid');
  const rawBody = await readBody(req);

  if (url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
    const body = parseControlBody(rawBody);
    const path = url.pathname.slice(CONTROL_PREFIX.length);
    const response = body === undefined
      ? json(400, { error: 'body must be a JSON object' })
      : await routeControlRequest(control, method, path, url.searchParams, body);
    writeResponse(res, response);
    return;
  }
  if (!url.pathname.startsWith(`${API_PREFIX}/`)) {
    writeResponse(res, json(404, discordError(404)));
    return;
  }

  const reason = req.headers['x-audit-log-reason'];
  const { outcome, webhookId, channelId } = routeDiscordRequest(state, {
    method,
    path: url.pathname.slice(API_PREFIX.length),
    query: url.searchParams,
    authorization: req.headers.authorization,
    rawBody,
    ...(typeof reason === 'string' && { auditLogReason: decodeHeader(reason) }),
  });
  state.store.recordRequest({
    method,
    path: redactPath(url.pathname + url.search),
    status: outcome.action === 'drop' ? 0 : outcome.response.status,
    time,
    ...(webhookId !== undefined && { webhookId }),
    ...(channelId !== undefined && { channelId }),
    ...(outcome.action === 'hold' && { held: true }),
  });
  switch (outcome.action) {
    case 'respond':
      writeResponse(res, outcome.response);
      return;
    case 'hold':
      held.add(res, outcome.response);
      return;
    case 'drop':
      // reset → TCP RST (client sees ECONNRESET); otherwise a plain close ("other side closed").
      if (outcome.reset) req.socket.resetAndDestroy();
      else req.socket.destroy();
      return;
  }
}

export function createFakeServer(state: FakeState, control: Controllable, held: HeldResponses): Server {
  return createServer((req, res) => {
    handle(state, control, held, req, res).catch((error: unknown) => {
      // A bug in the fake must be visible to the test, not hang it.
      writeResponse(res, json(500, { message: `fake Discord error: ${String(error)}`, code: 0 }));
    });
  });
}

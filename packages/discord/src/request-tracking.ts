import { AsyncLocalStorage } from 'node:async_hooks';
import { DefaultRestOptions, type RESTOptions } from '@discordjs/rest';

/**
 * Callbacks a caller hangs on one client call, run at the moment its HTTP requests really leave or
 * come back — not when the call is queued: a call can wait seconds for a rate-limit bucket or a
 * refusal floor before anything is sent. The delivery engine uses them to record exactly which
 * deliveries may be on their way to Discord.
 */
export interface RequestHooks {
  /** Runs before a request of the call leaves (again after a refusal). If it throws, nothing is sent and the call throws its error. */
  beforeRequest?: () => Promise<void>;
  /** Runs when Discord answered a request with a refusal the library will retry by itself (429, 5xx). */
  afterRefusal?: () => Promise<void>;
}

/** A hook's own failure: the client call rethrows its cause instead of reporting a Discord failure. */
export class RequestHookError extends Error {
  override name = 'RequestHookError';
}

/** What one client call's requests did (set by the tracked makeRequest). */
interface CallMarker {
  /** Some request of the call left this process. */
  sent: boolean;
  /** A request left and no answer has come back yet. */
  inFlight: boolean;
  hooks: RequestHooks;
}

const calls = new AsyncLocalStorage<CallMarker>();

// Connection failures that happen before a single byte of the request is written.
const notConnectedCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** `POST /webhooks/:id/:token`: creates a message and has no idempotency key (unlike bot messages' nonce). */
const webhookExecute = /\/webhooks\/\d+\/[^/?]+(\?|$)/;

/**
 * The request of a webhook execute ended without an answer (timeout, reset): Discord may have
 * stored the message. Not named AbortError and without an ECONNRESET code, so @discordjs/rest does
 * not resend it on its own — a blind resend would post the message twice without anyone knowing;
 * the delivery engine resends it instead, recorded as "in doubt".
 */
export class UnansweredRequestError extends Error {
  override name = 'UnansweredRequestError';
}

function codeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * Wraps a `makeRequest` so that (1) each call made through `trackCall` learns whether its request
 * was sent at all, and (2) unanswered webhook executes are not retried by the library.
 */
export function trackedMakeRequest(base: RESTOptions['makeRequest'] = DefaultRestOptions.makeRequest): RESTOptions['makeRequest'] {
  return async (url, init) => {
    const marker = calls.getStore();
    // Aborted while it waited in the library's queue: the library still calls us, but nothing is sent.
    if (init.signal?.aborted) throw Object.assign(new Error('aborted before it was sent'), { name: 'AbortError' });
    if (marker && !marker.inFlight) await runHook(marker.hooks.beforeRequest);
    if (marker) (marker.sent = true), (marker.inFlight = true);
    try {
      const res = await base(url, init);
      if (marker && (res.status === 429 || res.status >= 500)) {
        marker.inFlight = false;
        await runHook(marker.hooks.afterRefusal);
      }
      return res;
    } catch (error) {
      const code = codeOf(error);
      if (marker && code !== undefined && notConnectedCodes.has(code)) marker.sent = false;
      // What @discordjs/rest 2.6's shouldRetry() resends without asking (timeouts and resets).
      const retryable = error instanceof Error && (error.name === 'AbortError' || code === 'ECONNRESET' || error.message.includes('ECONNRESET'));
      if (retryable && (init.method ?? 'GET').toUpperCase() === 'POST' && webhookExecute.test(url)) {
        // The message must not contain "ECONNRESET" either: the library matches on it (the cause keeps the details).
        const what = (error as Error).name === 'AbortError' ? 'timed out or aborted' : 'connection reset';
        throw new UnansweredRequestError(`no answer to the webhook post (${what}); Discord may have stored it`, { cause: error });
      }
      throw error;
    }
  };
}

async function runHook(hook: (() => Promise<void>) | undefined): Promise<void> {
  try {
    await hook?.();
  } catch (error) {
    throw new RequestHookError('a request hook failed', { cause: error });
  }
}

/** Runs one client call; `sent()` tells afterwards whether any of its HTTP requests left the process. */
export function trackCall<T>(run: () => Promise<T>, hooks: RequestHooks = {}): { result: Promise<T>; sent: () => boolean } {
  const marker: CallMarker = { sent: false, inFlight: false, hooks };
  const result = calls.run(marker, run);
  result.catch(() => undefined);
  return { result, sent: () => marker.sent };
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { DefaultRestOptions, type RESTOptions } from '@discordjs/rest';

/** Whether the HTTP request of one client call left this process (set by the tracked makeRequest). */
interface CallMarker {
  sent: boolean;
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
    if (marker) marker.sent = true;
    try {
      return await base(url, init);
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

/** Runs one client call; `sent()` tells afterwards whether any of its HTTP requests left the process. */
export function trackCall<T>(run: () => Promise<T>): { result: Promise<T>; sent: () => boolean } {
  const marker: CallMarker = { sent: false };
  const result = calls.run(marker, run);
  result.catch(() => undefined);
  return { result, sent: () => marker.sent };
}

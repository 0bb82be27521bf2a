import { DiscordAPIError, HTTPError, RateLimitError } from '@discordjs/rest';
import { redact } from '@herald/logging';
import { truncate } from './fit.js';

/**
 * What the caller should do with a failed delivery:
 * - `transient`: try again later (5xx after the REST client's own retries, network errors, timeouts, rate limits);
 * - `invalid`: this body can never succeed (400, 413, other 4xx) → dead letter;
 * - `quarantine`: the destination is broken (401, 403, 404: deleted webhook, bad token, missing permission) →
 *   stop sending to it. Retrying these in a loop counts towards Discord's 10,000 invalid requests per
 *   10 minutes, after which the whole IP is banned.
 */
export type FailureKind = 'transient' | 'invalid' | 'quarantine';

export interface DeliveryFailure {
  ok: false;
  kind: FailureKind;
  /** HTTP status, when Discord answered. */
  status?: number;
  /** Discord's JSON error code (e.g. 10015 Unknown Webhook), when it sent one. */
  code?: number;
  /** Human-readable, with tokens and other secrets removed. */
  error: string;
  /**
   * No request ever left the process (aborted while queued, connection refused): Discord certainly
   * has nothing. Without a `status` and without this, Discord may have acted on the request.
   */
  notSent?: boolean;
}

const MAX_ERROR_LENGTH = 2000;

/** Which failure kind an HTTP status means. */
export function kindForStatus(status: number): FailureKind {
  if (status === 401 || status === 403 || status === 404) return 'quarantine';
  // 408 Request Timeout and 429 Too Many Requests are worth another try; every other 4xx is about the request.
  if (status === 408 || status === 429) return 'transient';
  if (status >= 400 && status < 500) return 'invalid';
  return 'transient';
}

/** Removes secrets: everything `redact()` knows, plus the given literal strings (the target's token). */
export function scrub(text: string, secrets: readonly string[] = []): string {
  let out = redact(text);
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('***');
  return truncate(out, MAX_ERROR_LENGTH);
}

/** `name: message`, followed by the causes undici hides network details in (e.g. `fetch failed` ← ECONNREFUSED). */
function describe(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth++) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      const suffix = typeof code === 'string' && !current.message.includes(code) ? ` (${code})` : '';
      parts.push(`${current.name}: ${current.message}${suffix}`);
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join(' ← ');
}

/**
 * 4xx answers whose JSON error code blames the destination, not the message: every message to it
 * would be refused the same way, so it is quarantined instead of dead-lettering each event.
 * Codes from Discord's "JSON Error Codes" table: 10003 Unknown Channel, 50083 archived thread,
 * 220001-220003 forum webhooks needing (only one of) thread_name / thread_id.
 */
const destinationErrorCodes = new Set([10003, 50083, 220001, 220002, 220003]);

/**
 * Discord's JSON error code for a message that does not exist (deleted by someone, or never
 * existed): an edit of it fails with 404 and this code. It is about the message, not the
 * destination, so it is classified `invalid` (never quarantine); callers re-post instead.
 */
export const UNKNOWN_MESSAGE_CODE = 10008;

/** Turns anything @discordjs/rest can throw into a delivery failure. `secrets` are scrubbed from the text. */
export function classifyError(error: unknown, secrets: readonly string[] = []): DeliveryFailure {
  if (error instanceof DiscordAPIError) {
    const blamesDestination = typeof error.code === 'number' && destinationErrorCodes.has(error.code);
    const kind = blamesDestination ? 'quarantine' : error.code === UNKNOWN_MESSAGE_CODE ? 'invalid' : kindForStatus(error.status);
    const failure: DeliveryFailure = {
      ok: false,
      kind,
      status: error.status,
      error: scrub(`Discord answered ${error.status}: ${error.message}`, secrets),
    };
    if (typeof error.code === 'number') failure.code = error.code;
    return failure;
  }
  if (error instanceof HTTPError) {
    return { ok: false, kind: kindForStatus(error.status), status: error.status, error: scrub(`Discord answered ${error.status} ${error.message}`, secrets) };
  }
  if (error instanceof RateLimitError) {
    const text = `Rate limited${error.global ? ' (global)' : ''}; retry after ${error.retryAfter} ms`;
    return { ok: false, kind: 'transient', status: 429, error: scrub(text, secrets) };
  }
  // Network errors (ECONNREFUSED, ECONNRESET, "other side closed", "fetch failed"), AbortError on timeout, and
  // anything unexpected: the message may or may not have been delivered, so another attempt is the safe choice.
  return { ok: false, kind: 'transient', error: scrub(describe(error), secrets) };
}

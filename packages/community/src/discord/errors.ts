/**
 * A failed chore's answer (issue 11: "a failing chore answers with an error and leaves the bot
 * connected"; the seed disconnected, seed-behaviour §3.14.3): what Discord said, in words a
 * moderator can act on.
 */

/**
 * What @discordjs/rest's DiscordAPIError carries. Recognised by shape, not `instanceof`: discord.js
 * (CommonJS) and the notifier's REST client (ES module) load separate copies of @discordjs/rest, so
 * an error of one is not an instance of the other's class.
 */
interface DiscordApiErrorLike extends Error {
  readonly code: number | string;
  readonly status: number;
  readonly rawError: unknown;
}

const isDiscordApiError = (error: unknown): error is DiscordApiErrorLike =>
  error instanceof Error && typeof (error as Partial<DiscordApiErrorLike>).status === 'number' && 'rawError' in error && 'code' in error;

/** @discordjs/rest's HTTPError: an answer that was not JSON from Discord (5xx from a proxy or Cloudflare). */
const isHttpError = (error: unknown): error is Error & { readonly status: number } =>
  error instanceof Error && error.name === 'HTTPError' && typeof (error as { status?: unknown }).status === 'number';

/** Discord's JSON error codes the chores meet (https://discord.com/developers/docs/topics/opcodes-and-status-codes#json). */
const MISSING_ACCESS = 50001;
const MISSING_PERMISSIONS = 50013;

/**
 * The text of a Discord failure, or undefined when `error` is not one (a bug or a database error:
 * let the dispatcher log it and answer its generic error). `permission` is what the bot needs for
 * the chore, named as in Discord's settings ("Ban Members").
 *
 * - 403 Missing Permissions → `Discord refused: Missing Permissions (the bot needs Ban Members)`;
 * - 403 Missing Access → `Discord refused: Missing Access (the bot cannot see that channel)`;
 * - another API error → `Discord refused: <Discord's message>`;
 * - 5xx, a timeout or the network → `Discord could not be reached (…); try again later`.
 */
export function describeDiscordFailure(error: unknown, permission: string): string | undefined {
  if (isDiscordApiError(error)) {
    const said = firstLine(error.message) || `HTTP ${error.status}`;
    if (error.code === MISSING_PERMISSIONS) return `Discord refused: ${said} (the bot needs ${permission})`;
    if (error.code === MISSING_ACCESS) return `Discord refused: ${said} (the bot cannot see that channel)`;
    return `Discord refused: ${said}`;
  }
  if (isHttpError(error)) return `Discord could not be reached (HTTP ${error.status}); try again later`;
  if (error instanceof Error && error.name === 'AbortError') return 'Discord could not be reached (timed out); try again later';
  const code = networkCode(error);
  if (code !== undefined) return `Discord could not be reached (${code}); try again later`;
  return undefined;
}

/** Runs a Discord request of a chore; a Discord failure becomes `{ failed: text }`, anything else is rethrown. */
export async function attempt<T>(permission: string, work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; failed: string; error: unknown }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    const failed = describeDiscordFailure(error, permission);
    if (failed === undefined) throw error;
    return { ok: false, failed, error };
  }
}

/** A Node or undici network error's code (`ECONNRESET`, `UND_ERR_SOCKET`); the cause is looked at too (fetch wraps it). */
function networkCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 3; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR)/.test(code)) return code;
  }
  return undefined;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}

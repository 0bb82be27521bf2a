/**
 * Scrubs secrets and personal data before they are logged or shown on a page (issue 9): by value in
 * any text (Discord webhook and bot tokens, Authorization credentials, passwords inside URLs/DSNs,
 * e-mail addresses) and by key in any object, at any depth (a key naming a secret hides its whole
 * value, whatever its type or spelling: `password`, `dbPassword`, `DB_PASSWORD`, `accessToken`…).
 */
const webhookToken = /(\/webhooks\/\d+\/)[A-Za-z0-9._-]+/g;
const urlPassword = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@/\s]+@/gi;
const authorization = /\b(Bot|Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{10,}/g;
// A Discord bot token on its own: base64 of the bot's id, a 6–7 character timestamp and an HMAC
// (https://discord.com/developers/docs/reference#authentication), e.g. in a pasted config.
const discordToken = /\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}\b/g;
// The lookbehind makes a match start only where a run of address characters starts: without it a
// long run with no @ is rescanned from every position (quadratic; 50,000 characters took 1.7 s).
// A backslash may sit in the local part: Discord text escapes Markdown (`player\_1@example.org`), and
// the whole address must go, not the part after the escape.
const email = /(?<![A-Za-z0-9._%+\\-])[A-Za-z0-9._%+\\-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

export function redact(text: string): string {
  return text
    .replace(webhookToken, '$1***')
    .replace(urlPassword, '$1***@')
    .replace(authorization, '$1 ***')
    .replace(discordToken, '***')
    .replace(email, '[email]');
}

/**
 * Parts of a key (lower-cased, `_` and `-` removed) that mark its value as secret or personal:
 * the value is replaced whole, whatever its type. `url`-like keys are not here: a URL is kept with
 * its password and tokens scrubbed by {@link redact}.
 */
export const secretKeyParts = ['password', 'passwd', 'secret', 'token', 'authorization', 'apikey', 'credential', 'cookie', 'webhook', 'email', 'realname', 'privatekey', 'mnemonic'];

export function isSecretKey(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[_-]/g, '');
  return secretKeyParts.some((part) => normalized.includes(part));
}

/** Deeper than this, a value is dropped rather than walked (a log line never needs it; a cycle is caught before). */
const MaxDepth = 64;

/** `value` with every secret removed (see the module comment); never throws, handles cycles. */
export function redactValue(value: unknown): unknown {
  return walk(value, 0, new WeakSet());
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redact(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > MaxDepth) return '[deeper than 64 levels]';
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  try {
    if (value instanceof Error) {
      const own = walkEntries(Object.entries(value), depth, seen);
      // `cause` (ES2022) and AggregateError's `errors` are not enumerable, yet they hold the reason.
      const cause = value.cause === undefined ? {} : { cause: walk(value.cause, depth + 1, seen) };
      const errors = value instanceof AggregateError ? { errors: walk(value.errors, depth + 1, seen) } : {};
      return { ...own, type: value.name, message: redact(value.message), ...(value.stack && { stack: redact(value.stack) }), ...cause, ...errors };
    }
    if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1, seen));
    if (value instanceof Date) return value;
    return walkEntries(Object.entries(value), depth, seen);
  } finally {
    seen.delete(value);
  }
}

function walkEntries(entries: Array<[string, unknown]>, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of entries) out[key] = isSecretKey(key) && v !== null && v !== undefined && v !== '' ? '***' : walk(v, depth + 1, seen);
  return out;
}

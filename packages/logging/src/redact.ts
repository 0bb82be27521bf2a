/**
 * Scrubs secrets and personal data before they are logged or shown on a page (issue 9), in two ways:
 *
 * - by value, in any text ({@link redact}): Discord webhook tokens, bare Discord bot tokens,
 *   `Bot`/`Bearer`/`Basic` credentials (any case), passwords in a URL's userinfo (`scheme://user:pw@`),
 *   `key=value` and `"key": "value"` pairs whose key names a secret (a URL's `?password=`, libpq's
 *   `host=h password=pw`, `DB_PASS=…` lines, JSON text), `Authorization:`/`Cookie:` header values,
 *   and e-mail addresses;
 * - by key, in any object at any depth ({@link redactValue}): a key naming a secret hides its whole
 *   value, whatever its type ({@link isSecretKey}); every other string is scrubbed by value.
 *
 * Every pattern is anchored where a match can start (a word start, `scheme://`, a key), so each
 * costs time linear in the text's length: redaction runs on every log line.
 */

/** What a redacted value is replaced with (an e-mail address becomes `[email]`). */
export const redactionMarker = '***';

const webhookToken = /(\/webhooks\/\d+\/)[A-Za-z0-9._-]+/gi;
// `scheme://[user]:password@`. The password runs to the last `@` before a space or a quote, so an
// unencoded `/`, `?`, `#` or `@` in it is hidden too; the price is that `https://host:8080/x?to=a@b`
// loses its path, which a log reader can spare. Every part is bounded (scheme 32, user and password
// 512 characters), so text full of `x://` costs linear time, not a rescan to the end from each one.
const urlPassword = /(\b[a-z][a-z0-9+.-]{0,31}:\/\/[^\s:/?#@"'`<>]{0,512}:)[^\s"'`<>]{0,512}@/gi;
// An Authorization scheme and what follows it, in any case; {@link looksLikeCredential} decides
// whether that is a credential or prose ("bot started", "basic setup").
const authScheme = /\b(bot|bearer|basic)(\s+)([A-Za-z0-9._~+/=-]+)/gi;
// A Discord bot token on its own: base64 of the bot's id, a 6–7 character timestamp and an HMAC
// (https://discord.com/developers/docs/reference#authentication), e.g. in a pasted config.
const discordToken = /\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}\b/g;
// The lookbehind makes a match start only where a run of address characters starts: without it a
// long run with no @ is rescanned from every position (quadratic; 50,000 characters took 1.7 s).
// A backslash may sit in the local part: Discord text escapes Markdown (`player\_1@example.org`), and
// the whole address must go, not the part after the escape.
// Not right after `//`: `postgresql://herald@db.example.com` is a URL's user and host (the host is
// what an operator needs), not an address; a password there is scrubbed by the URL rule.
const email = /(?<![A-Za-z0-9._%+\\-])(?<!\/\/)[A-Za-z0-9._%+\\-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Text none of the patterns can match (no `/ @ : = .`, no scheme word) is returned as it is.
const mayHoldSecret = /[/@:=.]|b(?:ot|earer|asic)\s/i;

/** `text` with every secret value replaced (see the module comment). */
export function redact(text: string): string {
  if (!mayHoldSecret.test(text)) return text;
  return redactKeyValues(
    text
      .replace(webhookToken, `$1${redactionMarker}`)
      .replace(urlPassword, `$1${redactionMarker}@`)
      .replace(authScheme, (match, scheme: string, space: string, credential: string) =>
        looksLikeCredential(scheme, credential) ? `${scheme}${space}${redactionMarker}` : match,
      )
      .replace(discordToken, redactionMarker),
  ).replace(email, '[email]');
}

/**
 * Whether the word after `Bot`/`Bearer`/`Basic` is a credential rather than prose: a Basic
 * credential that decodes to `user:password` (however short), or 8+ characters with a digit, one of
 * `+/=._~` or a capital inside (base64, JWTs and Discord tokens all have one; English words do not).
 */
function looksLikeCredential(scheme: string, credential: string): boolean {
  if (credential === redactionMarker) return false;
  if (credential.length >= 8 && (/[0-9+/=._~]/.test(credential) || /[a-z][A-Z]/.test(credential))) return true;
  return (
    scheme.toLowerCase() === 'basic' &&
    credential.length % 4 === 0 &&
    /^[A-Za-z0-9+/]+={0,2}$/.test(credential) &&
    Buffer.from(credential, 'base64').toString('latin1').includes(':')
  );
}

// A key and its separator, in text: `password=`, `DB_PASS =`, `"token":`, `'secret':`, `\"pwd\":`
// (JSON inside a JSON string), `Authorization:`. A match starts only where a word starts (the
// lookbehind), and a key is at most 64 characters, so the scan is linear.
const keyAndSeparator = /(?<![A-Za-z0-9_.])(\\?["'])?([A-Za-z][A-Za-z0-9_.-]{0,63})(\\?["'])?[ \t]*([:=])[ \t]*/g;
// Values, matched where the separator ends (sticky). A quoted value keeps its quotes (JSON text stays
// JSON), also as escaped JSON inside a JSON string (`\"…\"`); an unterminated one (a cut-off
// message) is hidden to the end of the line.
const quotedValue = /"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*'|\\"(?:[^"\\\r\n]|\\[^"\r\n])*\\"/y;
const unterminatedValue = /\\?["'][^\r\n]*/y;
// After `=` (a query string, libpq's conninfo, an environment line): to the next space or quote,
// `&` and `;` included: hiding the parameters after a password is better than showing part of it.
const unquotedAfterEquals = /[^\s"'`]+/y;
// After `"key":` (JSON text): a number or a literal; an object or array is left for its own keys.
const unquotedAfterColon = /[^\s"'`,}\]{[]+/y;
// An HTTP header's value (`Cookie: a=b; c=d`, `Authorization: Digest …`): to the end of the line or
// a quote (the header may be quoted inside JSON text), quoted parameters included (`Digest
// username="u", response="…"`).
const headerValue = /(?:[^\r\n"'`]|(?<==)"(?:[^"\\\r\n]|\\.)*")+/y;
// One token: the value of `X-Api-Key:` and the like, or the credential after a one-token scheme.
const headerToken = /[^\s"'`,;]+/y;
const authorizationScheme = /([A-Za-z][A-Za-z0-9-]*)([ \t]+)(?=[^\s"'`])/y;
const oneTokenSchemes = /^(?:bearer|basic|bot|token)$/i;
const authorizationKey = /^(?:proxy-)?authorization$/i;
const cookieKey = /^(?:set-)?cookie$/i;

/**
 * Hides the value of every `key=value` / `"key": value` / `Header: value` pair in `text` whose key
 * names a secret ({@link isSecretKey}). A bare `key: value` is left alone unless the value is quoted
 * or the key is a header name (`Authorization`, `Cookie`, `X-Api-Key`…): configuration errors read
 * `DISCORD_WEBHOOK_URL: must be a URL`, and that must stay readable.
 */
function redactKeyValues(text: string): string {
  let out = '';
  let copied = 0;
  keyAndSeparator.lastIndex = 0;
  for (let match = keyAndSeparator.exec(text); match !== null; match = keyAndSeparator.exec(text)) {
    const [whole, , key = '', closingQuote, separator] = match;
    if (!isSecretKey(key)) continue;
    const start = match.index + whole.length;
    const span = secretValueAt(text, start, key, separator === '=' ? 'equals' : closingQuote ? 'json' : 'bare');
    if (span === undefined) continue;
    out += text.slice(copied, span.start) + span.replacement;
    copied = keyAndSeparator.lastIndex = span.end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** `key=`, `"key":` (JSON, util.inspect with quotes) or `key:` (a header, prose, a config error). */
type SeparatorKind = 'equals' | 'json' | 'bare';

interface Span {
  start: number;
  end: number;
  replacement: string;
}

function secretValueAt(text: string, at: number, key: string, kind: SeparatorKind): Span | undefined {
  quotedValue.lastIndex = at;
  unterminatedValue.lastIndex = at;
  const closed = quotedValue.exec(text)?.[0];
  const quoted = closed ?? unterminatedValue.exec(text)?.[0];
  if (quoted !== undefined) {
    const quote = quoted.startsWith('\\') ? quoted.slice(0, 2) : quoted.slice(0, 1);
    const inner = closed === undefined ? quoted.slice(quote.length) : quoted.slice(quote.length, -quote.length);
    if (isPlaceholder(inner)) return undefined;
    return { start: at, end: at + quoted.length, replacement: `${quote}${redactionMarker}${closed === undefined ? '' : quote}` };
  }
  if (authorizationKey.test(key)) return authorizationAt(text, at);
  if (kind === 'bare') {
    if (cookieKey.test(key)) return valueSpan(text, at, headerValue);
    // Another header (`X-Api-Key: …`, `X-Auth-Token: …`): setting names in errors have no `-`.
    return key.includes('-') ? valueSpan(text, at, headerToken) : undefined;
  }
  return valueSpan(text, at, kind === 'equals' ? unquotedAfterEquals : unquotedAfterColon);
}

/**
 * An Authorization value: `Bearer x`, `Basic x`, `Bot x` keep their scheme (which kind of credential
 * was sent is worth knowing) and lose the one token after it; another scheme (`Digest username=…,
 * response=…`) loses everything after it to the end of the line; no scheme, the one token.
 */
function authorizationAt(text: string, at: number): Span | undefined {
  authorizationScheme.lastIndex = at;
  const scheme = authorizationScheme.exec(text);
  if (scheme === null) return valueSpan(text, at, headerToken);
  return valueSpan(text, at + scheme[0].length, oneTokenSchemes.test(scheme[1]!) ? headerToken : headerValue);
}

/** The span `pattern` (sticky) matches at `at`, to be replaced by the marker; none for a placeholder. */
function valueSpan(text: string, at: number, pattern: RegExp): Span | undefined {
  pattern.lastIndex = at;
  const value = pattern.exec(text)?.[0]?.trimEnd();
  if (value === undefined || isPlaceholder(value) || wordedPlaceholder.test(text.slice(at, at + 20))) return undefined;
  return { start: at, end: at + value.length, replacement: redactionMarker };
}

/**
 * Herald's own words for a value it does not show (`realName=(not posted)` in the Servatrice dry run,
 * RedactedText of retention): a fixed list, so a password that merely starts with `(` is still hidden.
 */
const wordedPlaceholder = /^\((?:not posted|not set|unknown|none|hidden|removed)\)/;

/** A value that stands for one and holds none: empty, `…`, `...`, `***` (already redacted), `<password>`. */
function isPlaceholder(value: string): boolean {
  return /^(?:|…|\.\.\.|\*+|<[a-z _-]+>)$/i.test(value);
}

/**
 * Parts of a key (lower-cased, everything but letters and digits removed) that mark its value as
 * secret or personal wherever they occur in it: `dbPassword`, `DB_PASSWORD`, `x-api-key`,
 * `client_secret`, `refreshToken`, `Set-Cookie`, `connectionString`. `url`-like keys are not here: a
 * URL is kept with its password and tokens scrubbed by {@link redact}.
 */
export const secretKeyParts = [
  'password', 'passwd', 'passphrase', 'secret', 'token', 'credential', 'authorization', 'bearer',
  'apikey', 'privatekey', 'signingkey', 'encryptionkey', 'cookie', 'connectionstring', 'connstr',
  'webhook', 'email', 'realname', 'mnemonic', 'sessionid',
];

/**
 * Short words that mark a key as secret only as a whole word of it (split at `_`, `-`, `.`, spaces
 * and camelCase humps): `DB_PASS`, `dbPass`, `pwd`, `sentryDsn`, `basicAuth`, `sessionId` — but not
 * `passed`, `bypass`, `author` or `sessions`.
 */
export const secretKeyWords = ['pass', 'pwd', 'pw', 'dsn', 'auth', 'session', 'jwt'];

const secretWordSet = new Set(secretKeyWords);
const keyVerdicts = new Map<string, boolean>();

/** Whether a value stored under `key` is hidden whole (see {@link secretKeyParts} and {@link secretKeyWords}). */
export function isSecretKey(key: string): boolean {
  let verdict = keyVerdicts.get(key);
  if (verdict === undefined) {
    const joined = key.toLowerCase().replace(/[^a-z0-9]/g, '');
    verdict =
      secretKeyParts.some((part) => joined.includes(part)) ||
      key.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/).some((word) => secretWordSet.has(word.toLowerCase()));
    // Keys repeat (the same fields on every line); a bound keeps odd inputs from growing the cache.
    if (keyVerdicts.size >= 4096) keyVerdicts.clear();
    keyVerdicts.set(key, verdict);
  }
  return verdict;
}

/** Deeper than this, a value is dropped rather than walked (a log line never needs it; a cycle is caught before). */
const MaxDepth = 64;

/**
 * `value` with every secret removed (see the module comment), as plain data: an Error becomes
 * `{ type, message, stack, ...its properties, cause?, errors? }`, a value with `toJSON` (a URL, a
 * Decimal) what that returns. Never throws; a cycle becomes `[circular]`.
 */
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
    // What JSON.stringify would write instead (a URL's href, with its password): scrub that.
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return walk(toJSON.call(value), depth + 1, seen);
    return walkEntries(Object.entries(value), depth, seen);
  } catch {
    return '[unreadable]';
  } finally {
    seen.delete(value);
  }
}

function walkEntries(entries: Array<[string, unknown]>, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of entries) out[key] = isSecretKey(key) && v !== null && v !== undefined && v !== '' ? redactionMarker : walk(v, depth + 1, seen);
  return out;
}

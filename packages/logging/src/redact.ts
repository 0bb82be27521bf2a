/**
 * Scrubs secrets and personal data from text before it is logged or shown on a page:
 * Discord webhook tokens, bot tokens in Authorization headers, passwords inside URLs,
 * and e-mail addresses.
 */
const webhookToken = /(\/webhooks\/\d+\/)[A-Za-z0-9._-]+/g;
const urlPassword = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@/\s]+@/gi;
const botToken = /\b(Bot|Bearer)\s+[A-Za-z0-9._-]{10,}/g;
// The lookbehind makes a match start only where a run of address characters starts: without it a
// long run with no @ is rescanned from every position (quadratic; 50,000 characters took 1.7 s).
const email = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

export function redact(text: string): string {
  return text
    .replace(webhookToken, '$1***')
    .replace(urlPassword, '$1***@')
    .replace(botToken, '$1 ***')
    .replace(email, '[email]');
}

/** Keys whose values are never logged, whatever they contain. */
export const secretKeys = ['password', 'token', 'secret', 'webhookUrl', 'webhook', 'authorization', 'email', 'realName', 'url'];

export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: redact(value.message), stack: value.stack && redact(value.stack) };
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = secretKeys.includes(key) && typeof v === 'string' ? (key === 'url' ? redact(v) : '***') : redactValue(v, depth + 1);
  }
  return out;
}

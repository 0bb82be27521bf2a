import type { RateLimitHeaders } from './types.js';

type HeaderBag = Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): number | undefined {
  const raw = headers[name];
  const text = Array.isArray(raw) ? raw[0] : raw;
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Reads `X-Ratelimit-Used`, `-Remaining` (a decimal such as "598.0") and `-Reset` (whole seconds)
 * from Node's lower-cased response headers. All three must be present and non-negative numbers,
 * else undefined (e.g. a CDN's 5xx page carries none).
 */
export function parseRateLimitHeaders(headers: HeaderBag, receivedAt: number): RateLimitHeaders | undefined {
  const used = header(headers, 'x-ratelimit-used');
  const remaining = header(headers, 'x-ratelimit-remaining');
  const resetSeconds = header(headers, 'x-ratelimit-reset');
  if (used === undefined || remaining === undefined || resetSeconds === undefined) return undefined;
  return { used, remaining, resetSeconds, receivedAt };
}

import { createHash } from 'node:crypto';
import type { HeaderMap } from './http.js';
import type { RateLimitConfig, RateLimitRule } from './types.js';

export type BucketKind = 'webhook' | 'channel';

export const DEFAULT_LIMITS: RateLimitConfig = {
  webhook: { requests: 5, perMs: 2000 },
  channel: { requests: 5, perMs: 5000 },
};

/** What an unlimited bucket advertises: plenty left, so clients never wait. */
const UNLIMITED_ADVERTISED = { requests: 1_000_000, perMs: 1000 };

interface Bucket {
  resetAt: number;
  used: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** X-RateLimit-* headers; on a refusal also Retry-After and X-RateLimit-Scope. */
  headers: HeaderMap;
  /** ms until the window resets; only meaningful when refused. */
  retryAfterMs: number;
}

/** Seconds with 3 decimals, rounded up so a client waiting exactly that long is never early. */
export function seconds(ms: number): string {
  return (Math.ceil(Math.max(0, ms)) / 1000).toFixed(3);
}

/**
 * Fixed-window buckets, one per webhook / channel. A window starts at the first request
 * after the previous one ended, as Discord's buckets appear to behave.
 */
export class RateLimiter {
  #config: RateLimitConfig;
  readonly #buckets = new Map<string, Bucket>();

  constructor(config: Partial<RateLimitConfig> = {}) {
    this.#config = { ...DEFAULT_LIMITS, ...config };
  }

  get config(): RateLimitConfig {
    return { ...this.#config };
  }

  /** Changes limits; buckets of a changed kind start afresh so the new rule applies at once. */
  setLimits(config: Partial<RateLimitConfig>): void {
    for (const kind of ['webhook', 'channel'] as const) {
      const rule = config[kind];
      if (rule === undefined) continue;
      this.#config[kind] = rule;
      for (const key of this.#buckets.keys()) if (key.startsWith(`${kind}:`)) this.#buckets.delete(key);
    }
  }

  clear(): void {
    this.#buckets.clear();
  }

  /** Counts one request against the bucket of `kind`/`id`. */
  consume(kind: BucketKind, id: string, now: number = Date.now()): RateLimitDecision {
    return this.#decide(kind, id, now, true);
  }

  /** Headers describing the bucket without counting a request (for faults and errors). */
  peek(kind: BucketKind, id: string, now: number = Date.now()): HeaderMap {
    return this.#decide(kind, id, now, false).headers;
  }

  #decide(kind: BucketKind, id: string, now: number, count: boolean): RateLimitDecision {
    const configured = this.#config[kind];
    const unlimited = configured === 'unlimited';
    const rule = unlimited ? UNLIMITED_ADVERTISED : configured;
    const key = `${kind}:${id}`;
    let bucket = this.#buckets.get(key);
    if (bucket === undefined || now >= bucket.resetAt) {
      bucket = { resetAt: now + rule.perMs, used: 0 };
      if (count) this.#buckets.set(key, bucket);
    }
    const allowed = unlimited || bucket.used < rule.requests;
    if (count && allowed && !unlimited) bucket.used += 1;
    const remaining = unlimited ? rule.requests - 1 : Math.max(0, rule.requests - bucket.used);
    const resetAfterMs = bucket.resetAt - now;
    const headers: HeaderMap = {
      'X-RateLimit-Limit': String(rule.requests),
      'X-RateLimit-Remaining': String(remaining),
      'X-RateLimit-Reset': (Math.ceil(bucket.resetAt) / 1000).toFixed(3),
      'X-RateLimit-Reset-After': seconds(resetAfterMs),
      'X-RateLimit-Bucket': bucketHash(kind, id),
    };
    if (!allowed) {
      headers['Retry-After'] = seconds(resetAfterMs);
      headers['X-RateLimit-Scope'] = 'user';
    }
    return { allowed, headers, retryAfterMs: allowed ? 0 : resetAfterMs };
  }
}

/** A stable, opaque bucket id per webhook or channel, like Discord's hex hashes. */
export function bucketHash(kind: BucketKind, id: string): string {
  return createHash('sha256').update(`${kind}:${id}`).digest('hex').slice(0, 32);
}

/** Checks a rule received over the control API or the CLI. */
export function isRateLimitRule(value: unknown): value is RateLimitRule {
  if (value === 'unlimited') return true;
  if (typeof value !== 'object' || value === null) return false;
  const { requests, perMs } = value as Record<string, unknown>;
  return Number.isInteger(requests) && (requests as number) > 0 && typeof perMs === 'number' && perMs > 0;
}

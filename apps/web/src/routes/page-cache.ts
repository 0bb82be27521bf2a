import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';

/**
 * Rendered responses kept in memory, ready to send: the body, its gzip (made once, not per
 * request: the seed gzipped every response) and its ETag. A report of a past week changes only with
 * `hide`/`unhide`/`unregister`/`purge` and late score refreshes, all done by other processes, so a
 * page is served from here for its TTL and then re-rendered; nothing can invalidate it sooner.
 */
export interface CachedResponse {
  type: string;
  body: Buffer;
  /** Null for small bodies, where gzip saves nothing worth a header. */
  gzip: Buffer | null;
  /** A strong ETag (`"…"`), a hash of the body. */
  etag: string;
  /** How long browsers and proxies may reuse it (the cache's own TTL for it). */
  maxAgeSeconds: number;
}

/** What a loader produces: a response, or a 404 message (an empty week) cached as long. */
export type CachedEntry = CachedResponse | { missing: string; maxAgeSeconds: number };

/** Builds a cached response from text. */
export function cachedResponse(text: string, type: string, maxAgeSeconds: number): CachedResponse {
  const body = Buffer.from(text, 'utf8');
  const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
  return { type, body, gzip: body.length >= 1024 ? gzipSync(body, { level: 6 }) : null, etag, maxAgeSeconds };
}

/** At most this many bytes of rendered pages (bodies plus gzips) stay in memory. */
const MaxCachedBytes = 64 * 1024 * 1024;

/** Milliseconds of a clock (the pages' clock: tests move it to expire entries). */
export type Clock = () => number;

/**
 * What both caches share: stale entries are served while the new one loads, and kept when loading
 * fails (Postgres down: the last rendering stays up, and each request tries again).
 */
const staleWhileRevalidate = (now: Clock) => ({ allowStale: true, allowStaleOnFetchRejection: true, perf: { now } }) as const;

/**
 * A cache of rendered responses by key, filled by `load` on a miss; each entry lives
 * `maxAgeSeconds`. Concurrent requests for one key share one load (lru-cache's fetch), and once an
 * entry is stale it is served while the new one loads (stale-while-revalidate): readers never wait
 * for a re-render after the first. A failed load leaves a stale entry in place; with no entry at
 * all it rejects its waiting requests (nothing is cached).
 */
export function responseCache(load: (key: string) => Promise<CachedEntry>, now: Clock = Date.now): (key: string) => Promise<CachedEntry> {
  const cache = new LRUCache<string, CachedEntry>({
    maxSize: MaxCachedBytes,
    sizeCalculation: (entry) => ('missing' in entry ? 100 : entry.body.length + (entry.gzip?.length ?? 0)),
    ttl: 60_000,
    ...staleWhileRevalidate(now),
    fetchMethod: async (key, _stale, { options }) => {
      const entry = await failures.capture(key, () => load(key));
      options.ttl = entry.maxAgeSeconds * 1000;
      return entry;
    },
  });
  const failures = new LoadFailures();
  return (key) => failures.fetch(cache, key);
}

/**
 * The loaders' errors, so a miss whose load failed rejects with that error: with
 * allowStaleOnFetchRejection and no stale entry, lru-cache resolves undefined instead, which would
 * turn a "no such user" (404) or a Postgres outage into an anonymous error.
 */
class LoadFailures {
  readonly #errors = new Map<string, unknown>();

  async capture<V>(key: string, load: () => Promise<V>): Promise<V> {
    try {
      const value = await load();
      this.#errors.delete(key);
      return value;
    } catch (error) {
      this.#errors.set(key, error);
      throw error;
    }
  }

  async fetch<K extends string, V extends object>(cache: LRUCache<K, V>, key: K): Promise<V> {
    const value = await cache.fetch(key);
    if (value !== undefined) return value;
    const error = this.#errors.get(key) ?? new Error(`${key} could not be loaded`);
    this.#errors.delete(key);
    throw error;
  }
}

/**
 * Sends a cached response: 304 when the browser holds it (`If-None-Match`), the gzip when the
 * client accepts it. `shared`: whether proxies may keep it (public pages) or only the browser
 * (pages behind the login).
 */
export function sendCached(request: FastifyRequest, reply: FastifyReply, response: CachedResponse, shared: boolean): FastifyReply {
  reply
    .header('ETag', response.etag)
    .header('Cache-Control', `${shared ? 'public' : 'private'}, max-age=${response.maxAgeSeconds}`)
    .header('Vary', 'Accept-Encoding');
  const known = request.headers['if-none-match'];
  if (known !== undefined && known.split(',').some((tag) => tag.trim() === response.etag)) return reply.code(304).send();
  reply.type(response.type);
  if (response.gzip && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) return reply.header('Content-Encoding', 'gzip').send(response.gzip);
  return reply.send(response.body);
}

/**
 * One value, loaded on first use and reloaded after `ttlMs`, the stale one served meanwhile (as
 * responseCache). For data several pages share, such as the index of weeks.
 */
export function cachedValue<T extends object>(load: () => Promise<T>, ttlMs: number, now: Clock = Date.now): () => Promise<T> {
  const failures = new LoadFailures();
  const cache = new LRUCache<'value', T>({ max: 1, ttl: ttlMs, ...staleWhileRevalidate(now), fetchMethod: () => failures.capture('value', load) });
  return () => failures.fetch(cache, 'value');
}

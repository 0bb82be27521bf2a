import type { Logger } from '@herald/logging';
import { GatedSnoowrap } from './gated-snoowrap.js';
import { TokenKeeper, type LoginRetry } from './login.js';
import { toAboutUser, toCommentsPage } from './map.js';
import { InvalidRedditNameError, isValidRedditName } from './names.js';
import { RedditHttpError, type AboutUser, type CommentsPage, type RedditApi, type RequestGate } from './types.js';
import { renderUserAgent } from './user-agent.js';

export interface SnoowrapClientOptions {
  /** The Reddit app ("script" type) and the bot account, for the password grant. */
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  /** `reddit.user_agent` (a Go template with `{{.OS}}`, `{{.Version}}`) and Herald's version. */
  userAgent: { template: string; version: string; platform?: NodeJS.Platform };
  /** The shared request budget; every OAuth API request passes it. */
  gate: RequestGate;
  /** Replaces `https://www.reddit.com` and `https://oauth.reddit.com` (tests, proxies), e.g. `http://127.0.0.1:4200`. */
  apiBase?: string;
  /** Per request, token request included (ms); default 30,000 (snoowrap's). */
  requestTimeoutMs?: number;
  /** Login retries; default the seed's `reddit.retry_connection` (10 times, 5 min). */
  retry?: LoginRetry;
  logger?: Logger;
  /** Stamps `RateLimitHeaders.receivedAt`; default Date.now. */
  now?: () => number;
  /** Back-off jitter source, for tests. */
  random?: () => number;
}

/**
 * RedditApi on the real snoowrap 1.23.0 (see GatedSnoowrap for the budget and base-URL hooks).
 * Throws GoTemplateError (@herald/config) at construction for a bad `userAgent.template`. Calls reject with
 * InvalidRedditNameError (no request made), RedditLoginError, RedditHttpError (401 after one new
 * login, 403, 404 on the listing, 429, 5xx — never retried here: every request passes the gate),
 * RedditNetworkError, RedditResponseError, or the gate's own error.
 */
export class SnoowrapRedditClient implements RedditApi {
  readonly #r: GatedSnoowrap;
  readonly #tokens: TokenKeeper;
  readonly #stop = new AbortController();

  constructor(options: SnoowrapClientOptions) {
    const userAgent = renderUserAgent(options.userAgent.template, options.userAgent.version, options.userAgent.platform);
    const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.#r = new GatedSnoowrap({
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      username: options.username,
      password: options.password,
      userAgent,
      gate: options.gate,
      apiBase: options.apiBase,
      requestTimeoutMs,
      signal: this.#stop.signal,
      now: options.now ?? Date.now,
    });
    // One attempt per call (maxRetryAttempts counts attempts): a retry must pass the gate like any
    // request, and is the scheduler's decision. Not `retryErrorCodes: []`: in snoowrap 1.23.0 that
    // turns its retry handler into a catch-all that replaces errors without a response by a TypeError.
    this.#r.config({ requestTimeout: requestTimeoutMs, maxRetryAttempts: 1, warnings: false, debug: false });
    this.#tokens = new TokenKeeper(this.#r, options.retry ?? { times: 10, maxIntervalMs: 300_000 }, this.#stop.signal, options.logger, options.random);
  }

  /** The rendered User-Agent sent with every request. */
  get userAgent(): string {
    return this.#r.userAgent;
  }

  async userComments(name: string, page: { limit: number; after?: string }): Promise<CommentsPage> {
    checkName(name);
    if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > 100) throw new RangeError(`limit must be an integer in 1..100, got ${page.limit}`);
    const uri = `user/${name}/comments`;
    const qs = { sort: 'new', limit: page.limit, ...(page.after !== undefined && page.after !== '' && { after: page.after }) };
    return toCommentsPage(await this.#get(uri, qs), `/${uri}`);
  }

  async aboutUser(name: string): Promise<AboutUser> {
    checkName(name);
    const uri = `user/${name}/about`;
    try {
      return toAboutUser(await this.#get(uri, {}), `/${uri}`);
    } catch (error) {
      if (error instanceof RedditHttpError && error.status === 404) return { kind: 'not-found' };
      throw error;
    }
  }

  async close(): Promise<void> {
    this.#stop.abort(new Error('the Reddit client is closed'));
  }

  /** One GET through the gate; a 401 (token revoked or expired early) forgets the token, logs in again and retries once. */
  async #get(uri: string, qs: Record<string, string | number>): Promise<unknown> {
    this.#stop.signal.throwIfAborted();
    await this.#tokens.ensure();
    const token = this.#tokens.token;
    try {
      return await this.#r.getJson(uri, qs);
    } catch (error) {
      if (!(error instanceof RedditHttpError && error.status === 401)) throw error;
      this.#tokens.invalidate(token);
      await this.#tokens.ensure();
      return await this.#r.getJson(uri, qs);
    }
  }
}

function checkName(name: string): void {
  if (!isValidRedditName(name)) throw new InvalidRedditNameError(name);
}

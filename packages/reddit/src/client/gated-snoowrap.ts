import Snoowrap from 'snoowrap';
import { sanitize, statusOf } from './errors.js';
import { parseRateLimitHeaders } from './rate-headers.js';
import { RedditLoginError, type RequestGate } from './types.js';

/** Where snoowrap sends requests: it hard-codes https and the www./oauth. prefixes (dependency-notes §4). */
const REDDIT_BASE = /^https:\/\/(www|oauth)\.reddit\.com/;
const TOKEN_PATH = '/api/v1/access_token';
/** Option name carrying a callback for the raw JSON body (lodash.merge in oauthRequest copies functions as they are). */
const BODY_SINK = 'heraldBodySink';

interface RawResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** The request-promise options snoowrap passes to rawRequest, as far as they are read here. */
interface RawRequestOptions {
  baseUrl?: string;
  uri?: string;
  transform?: unknown;
  [BODY_SINK]?: (body: unknown) => void;
  [option: string]: unknown;
}

export interface GatedSnoowrapOptions {
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  userAgent: string;
  gate: RequestGate;
  /** Replaces `https://www.reddit.com` and `https://oauth.reddit.com`, e.g. `http://127.0.0.1:4200`; default none. */
  apiBase: string | undefined;
  /** Applied to the token request too (snoowrap sets its `requestTimeout` on API requests only). */
  requestTimeoutMs: number;
  signal: AbortSignal;
  now: () => number;
}

/**
 * The real snoowrap with its documented extension point, `rawRequest`, overridden (dependency-notes
 * §4 way A): requests go to `apiBase`; every OAuth API request waits for a slot of the shared
 * budget (`gate.acquire`) and hands the answer's `X-Ratelimit-*` headers and status to
 * `slot.release` (undefined when no answer came); snoowrap's own `transform`, which only feeds its
 * built-in rate limiter, is dropped, so that limiter never holds or refuses a request (its
 * `ratelimitRemaining` stays null). Errors come out without the request options (secrets):
 * RedditHttpError, RedditNetworkError, and RedditLoginError from the token endpoint (invalid_grant
 * answered with 200, or 400/401/403 for a wrong client id or secret). Since those errors carry no
 * `statusCode`, snoowrap's own 401 and retry handlers never match: the caller decides.
 */
export class GatedSnoowrap extends Snoowrap {
  readonly #options: GatedSnoowrapOptions;

  constructor(options: GatedSnoowrapOptions) {
    super({ userAgent: options.userAgent, clientId: options.clientId, clientSecret: options.clientSecret, username: options.username, password: options.password });
    this.#options = options;
  }

  /** GET `uri` (e.g. `user/x/about`) on the OAuth API through snoowrap; resolves with Reddit's JSON as sent. */
  async getJson(uri: string, qs: Record<string, string | number>): Promise<unknown> {
    let raw: unknown;
    await this.oauthRequest({ uri, method: 'get', qs, [BODY_SINK]: (body: unknown) => (raw = body) });
    return raw;
  }

  override rawRequest(options: RawRequestOptions): Promise<unknown> {
    const { [BODY_SINK]: sink, transform: _snoowrapTransform, ...rest } = options;
    const base = rest.baseUrl ?? '';
    const apiBase = this.#options.apiBase;
    const request = apiBase === undefined ? rest : { ...rest, baseUrl: base.replace(REDDIT_BASE, apiBase.replace(/\/+$/, '')) };
    return base.startsWith('https://www.') ? this.#token({ timeout: this.#options.requestTimeoutMs, ...request }) : this.#api(request, sink);
  }

  async #token(request: RawRequestOptions): Promise<unknown> {
    let body: unknown;
    try {
      body = await super.rawRequest(request);
    } catch (error) {
      const status = statusOf(error);
      if (status === 400 || status === 401 || status === 403) throw new RedditLoginError(`Reddit refused the app's client id or secret (HTTP ${status} from ${TOKEN_PATH})`);
      throw sanitize(error, TOKEN_PATH);
    }
    const refusal = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
    if (refusal === 'invalid_grant') throw new RedditLoginError('Reddit refused the username or password (invalid_grant)');
    if (refusal !== undefined) throw new RedditLoginError(`Reddit refused the login: ${String(refusal)}`);
    return body;
  }

  async #api(request: RawRequestOptions, sink: ((body: unknown) => void) | undefined): Promise<unknown> {
    const path = `/${String(request.uri ?? '').replace(/^\/+/, '')}`;
    const { gate, signal, now } = this.#options;
    const slot = await gate.acquire(signal);
    let answer: { status: number; headers: ReturnType<typeof parseRateLimitHeaders> } | undefined;
    const transform = (_body: unknown, response: RawResponse): RawResponse => {
      answer = { status: response.statusCode, headers: parseRateLimitHeaders(response.headers, now()) };
      return response; // snoowrap reads response.body and response.request (resolveWithFullResponse)
    };
    let response: RawResponse;
    try {
      response = (await super.rawRequest({ ...request, transform })) as RawResponse;
    } catch (error) {
      await slot.release(answer?.headers, answer?.status);
      throw sanitize(error, path);
    }
    await slot.release(answer?.headers, answer?.status);
    sink?.(response.body);
    return response;
  }
}

/**
 * The Reddit API as the Reddit source uses it: three calls, whatever client implements them
 * (snoowrap today, see snoowrap-client.ts). Everything else in the package depends on this
 * interface only, so the client can be replaced.
 */

/** One comment of a user's listing, as stored (seed-behaviour §3.3). */
export interface RedditComment {
  /** Short id (`data.id`), not the `t1_` fullname. */
  id: string;
  author: string;
  score: number;
  /** A path such as `/r/sub/comments/abc/title/def/`. */
  permalink: string;
  subreddit: string;
  /** `created_utc`, Unix seconds. */
  createdUtc: number;
  /** Reddit Markdown (the API is called with `raw_json=1`, so not HTML-escaped). */
  body: string;
}

/** One page of `/user/<name>/comments?sort=new`: up to `limit` comments, newest first. */
export interface CommentsPage {
  comments: RedditComment[];
  /** The listing's `after` (a fullname), or null at the end of the listing (Reddit's 1,000-item cap included). */
  after: string | null;
}

/** `/user/<name>/about`. */
export type AboutUser =
  | { kind: 'found'; /** Reddit's canonical case. */ name: string; /** Unix seconds; undefined for suspended accounts. */ createdUtc?: number; suspended: boolean }
  | { kind: 'not-found' };

/** `X-Ratelimit-*` of one response (Reddit sends them on every OAuth response, 429s included). */
export interface RateLimitHeaders {
  /** Requests counted in the current window. */
  used: number;
  /** Requests left in the current window (Reddit sends a decimal such as "598.0"). */
  remaining: number;
  /** Seconds until the window ends (a whole number). */
  resetSeconds: number;
  /** `Date.now()` when the response arrived. */
  receivedAt: number;
}

/** A non-2xx answer from Reddit's API (after login). */
export class RedditHttpError extends Error {
  override name = 'RedditHttpError';
  constructor(
    readonly status: number,
    readonly path: string,
  ) {
    super(`Reddit answered ${status} to ${path}`);
  }
}

/** The password grant failed (wrong credentials: Reddit's `invalid_grant`, or a 401 on the token endpoint). */
export class RedditLoginError extends Error {
  override name = 'RedditLoginError';
}

/**
 * What every API call needs: a slot of the shared request budget. The client calls `acquire`
 * right before each request to the OAuth API (the token endpoint is not counted by Reddit) and
 * `release` with the response's headers (or none when no answer came).
 */
export interface RequestGate {
  acquire(signal?: AbortSignal): Promise<RequestSlot>;
}
export interface RequestSlot {
  /** Call once the request is answered (headers of any status, 429 included) or failed without an answer (undefined). */
  release(headers: RateLimitHeaders | undefined, status?: number): Promise<void>;
}

export interface RedditApi {
  /**
   * `GET /user/<name>/comments?sort=new&limit=<limit>[&after=<after>]&raw_json=1`. `limit` 1–100.
   * Rejects with RedditHttpError for a non-2xx status (403/404 for suspended, deleted or hidden
   * users), RedditLoginError when logging in again fails for good, or a network error.
   */
  userComments(name: string, page: { limit: number; after?: string }): Promise<CommentsPage>;
  /** `GET /user/<name>/about`; a 404 is `not-found`, other non-2xx statuses reject with RedditHttpError. */
  aboutUser(name: string): Promise<AboutUser>;
  /** Stops any retry loop and timers. */
  close(): Promise<void>;
}

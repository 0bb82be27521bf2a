/** Public shapes of the fake Reddit (see README.md in this folder). */

/** One comment as Reddit's listing carries it in `data` (the fields Herald reads, Reddit's names). */
export interface FakeRedditCommentData {
  /** Short base36 id. */
  id: string;
  /** Fullname, `t1_<id>`. */
  name: string;
  /** The author's canonical name. */
  author: string;
  /** Markdown as typed (sent HTML-escaped unless the request has `raw_json=1`, as Reddit does). */
  body: string;
  subreddit: string;
  /** The post's fullname, `t3_<id>`. */
  link_id: string;
  /** `/r/<sub>/comments/<post>/<slug>/<id>/` */
  permalink: string;
  /** Unix seconds. */
  created_utc: number;
  score: number;
}

/** What a generator may decide for the comment at `index` (0 = the user's oldest). */
export type FakeRedditCommentContent = Partial<Pick<FakeRedditCommentData, 'body' | 'score' | 'subreddit' | 'created_utc'>>;

/**
 * A user's generated comments, made on demand from a seed (nothing is stored per comment, so
 * 500 users × 1,000 comments cost a few objects). Comment `index` 0 is the oldest, `count - 1` the newest.
 */
export interface FakeRedditCommentsSpec {
  count: number;
  /** Seed of scores and subreddits; default derived from the fake's seed and the user's position. */
  seed?: number;
  /** `created_utc` of the newest generated comment (Unix seconds); default the fake's clock when the user is added. */
  newestUtc?: number;
  /** Seconds between consecutive generated comments; default 3600. */
  intervalSeconds?: number;
  /** Subreddits drawn from; default a fixed list of eight. */
  subreddits?: readonly string[];
  /** In-process only: override any field of comment `index`. Must be pure (called on every listing). */
  generate?: (index: number) => FakeRedditCommentContent;
}

export interface FakeRedditUserInput {
  /** Canonical case; looked up case-insensitively. */
  name: string;
  /** Account creation, Unix seconds; default one year before the fake's clock. */
  createdUtc?: number;
  /** A count (generated with defaults) or a full spec; default none. */
  comments?: number | FakeRedditCommentsSpec;
  suspended?: boolean;
  /** Deleted (or never existed): 404 everywhere. */
  deleted?: boolean;
  /** The profile hides its comments: the listing answers 403, `/about` stays normal. */
  commentsHidden?: boolean;
}

export interface FakeRedditUserInfo {
  name: string;
  createdUtc: number;
  suspended: boolean;
  deleted: boolean;
  commentsHidden: boolean;
  /** Comments in the user's history (generated + added); the listing shows at most the 1,000 newest. */
  commentCount: number;
}

/** A new comment added by control; it becomes the user's newest. */
export interface FakeRedditNewComment {
  body?: string;
  score?: number;
  subreddit?: string;
  /** Default: the fake's clock, or one second after the previous newest if that is later. */
  createdUtc?: number;
}

/** Requests allowed per OAuth client id in each fixed window (aligned to the epoch). */
export interface FakeRedditBudget {
  requests: number;
  windowMs: number;
}

/** Which requests a fault applies to. */
export type FakeRedditFaultScope = 'api' | 'token' | 'all';

export interface FakeRedditFault {
  /** HTTP status answered instead (default 503), unless `reset`. */
  status?: number;
  /** Drop the connection without an answer (the client sees ECONNRESET). */
  reset?: boolean;
  /** Default `api`. */
  scope?: FakeRedditFaultScope;
}

/** Served and refused (429) requests of one client id in one window. */
export interface FakeRedditWindowStats {
  clientId: string;
  /** floor(time / windowMs). */
  window: number;
  /** The window's start, ms since the epoch. */
  startMs: number;
  served: number;
  refused: number;
}

export interface FakeRedditStats {
  /** API and token requests (control requests are not counted). */
  requests: number;
  apiRequests: number;
  tokenRequests: number;
  /** 429 answers. */
  tooManyRequests: number;
  /** 401 answers on the API (missing, unknown, expired or revoked token). */
  unauthorized: number;
  /** Injected 5xx answers and dropped connections. */
  injectedFaults: number;
  /** Per route: `POST /api/v1/access_token`, `GET /user/:name/comments`, `GET /user/:name/about`, `other`. */
  byRoute: Record<string, number>;
  /** Per answered status (`"200"`, `"429"`…); dropped connections count as `"dropped"`. */
  byStatus: Record<string, number>;
  /** API requests per user name as asked (lower case). */
  byUser: Record<string, number>;
  /** Requests per `User-Agent` header (`""` when absent). */
  byUserAgent: Record<string, number>;
  /** Per client id and window, oldest first (the last 1,000 windows). */
  windows: FakeRedditWindowStats[];
}

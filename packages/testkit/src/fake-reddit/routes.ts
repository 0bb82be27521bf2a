import { htmlEscape, redditError, type Answer } from './http.js';
import { listComments, pageLimit } from './listing.js';
import type { RequestBudget } from './ratelimit.js';
import type { RouteName } from './stats.js';
import type { TokenRegistry } from './tokens.js';
import type { FakeRedditCommentData } from './types.js';
import type { FakeUserStore } from './users.js';

export interface ApiState {
  users: FakeUserStore;
  tokens: TokenRegistry;
  budget: RequestBudget;
}

export interface ApiRequest {
  method: string;
  url: URL;
  authorization: string | undefined;
}

export interface RoutedAnswer {
  answer: Answer;
  route: RouteName;
  user?: string;
}

const USER_PATH = /^\/(?:user|u)\/([^/]+)\/(comments|about)(?:\.json)?\/?$/;

/** Which route a path is, and the user it names (before any check). */
export function routeOf(url: URL): { route: RouteName; user?: string } {
  const match = USER_PATH.exec(url.pathname);
  if (match?.[1] === undefined) return { route: 'other' };
  return { route: match[2] === 'comments' ? 'GET /user/:name/comments' : 'GET /user/:name/about', user: decodeURIComponent(match[1]) };
}

/**
 * The OAuth API (`https://oauth.reddit.com`): bearer token (401), budget per client id (429, and the
 * `X-Ratelimit-*` headers on every answer past the token check), then `/user/<name>/comments|about`.
 */
export function routeApi(state: ApiState, request: ApiRequest): RoutedAnswer {
  const { route, user } = routeOf(request.url);
  const named = user === undefined ? {} : { user };
  const token = state.tokens.check(request.authorization);
  if (!token.ok) return { answer: redditError(401, { 'WWW-Authenticate': 'Bearer realm="reddit", error="invalid_token"' }), route, ...named };
  const decision = state.budget.take(token.clientId);
  if (!decision.allowed) return { answer: redditError(429, decision.headers), route, ...named };
  const headers = decision.headers;
  if (request.method !== 'GET' || user === undefined) return { answer: redditError(request.method === 'GET' ? 404 : 405, headers), route, ...named };

  const found = state.users.find(user);
  if (found === undefined || found.deleted) return { answer: redditError(404, headers), route, user };
  if (route === 'GET /user/:name/about') {
    const data = found.suspended
      ? { name: found.name, is_suspended: true }
      : { name: found.name, id: found.ordinal.toString(36), created_utc: found.createdUtc, created: found.createdUtc, link_karma: 1, comment_karma: 1, total_karma: 2, verified: true, is_employee: false };
    return { answer: { status: 200, headers, body: { kind: 't2', data } }, route, user };
  }
  if (found.suspended || found.commentsHidden) return { answer: redditError(403, headers), route, user };
  const raw = request.url.searchParams.get('raw_json') === '1';
  const page = listComments(state.users, found, request.url.searchParams.get('after'), pageLimit(request.url.searchParams.get('limit')));
  const body = {
    kind: 'Listing',
    data: { after: page.after, before: null, dist: page.children.length, modhash: null, geo_filter: '', children: page.children.map((c) => ({ kind: 't1', data: child(c, raw) })) },
  };
  return { answer: { status: 200, headers, body }, route, user };
}

/** A listing child's `data`: `replies: ''` (no replies loaded) is what Reddit sends and snoowrap needs. */
function child(comment: FakeRedditCommentData, raw: boolean): Record<string, unknown> {
  return {
    ...comment,
    body: raw ? comment.body : htmlEscape(comment.body),
    parent_id: comment.link_id,
    subreddit_name_prefixed: `r/${comment.subreddit}`,
    created: comment.created_utc,
    ups: comment.score,
    downs: 0,
    replies: '',
    edited: false,
    distinguished: null,
    stickied: false,
  };
}

import { RedditUserStates, type RedditUserState } from '@herald/reddit/read-model';
import { ParameterError } from '../routes/validation.js';

/**
 * Which users the list shows: '' every registered user (the seed's `users` view), `all` the
 * unregistered ones too, `hidden` the registered users hidden from the reports, or one state.
 */
export const UserFilters = ['', 'all', 'hidden', ...RedditUserStates] as const;
export type UserFilter = (typeof UserFilters)[number];

/** `/reddit` and `/api/reddit/users`: validated by Fastify (a bad value or unknown parameter is a 400 naming it; routes/validation.ts). */
export interface RedditUsersQuery {
  state?: string;
  q?: string;
  after?: string;
  before?: string;
  limit?: number;
}

/** A cursor is a stored name (any text but NUL, which Postgres refuses); names are validated, cursors need not be. */
const cursor = { type: 'string', maxLength: 100, pattern: '^[^\\u0000]*$', description: 'a user name (from the Next and Previous links)' } as const;

export const redditUsersQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    state: { type: 'string', enum: [...UserFilters] },
    // Part of a name, as typed (`u/` and `/u/` are dropped): Reddit names are letters, digits, `_` and `-`.
    q: { type: 'string', pattern: '^(/?u/)?[A-Za-z0-9_-]{0,40}$', description: 'part of a Reddit user name (letters, digits, _ and -, at most 40), such as u/alice' },
    after: cursor,
    before: cursor,
    limit: { type: 'integer', minimum: 1, maximum: 500 },
  },
} as const;

export const UsersPerPage = 50;

export interface UserListRequest {
  filter: UserFilter;
  /** Lower-cased part of a name, or undefined. */
  search: string | undefined;
  cursor: { after: string } | { before: string } | Record<string, never>;
  limit: number;
}

/** The typed request of a validated query. */
export function parseRedditUsersQuery(query: RedditUsersQuery): UserListRequest {
  const search = query.q?.replace(/^\/?u\//, '').toLowerCase() || undefined;
  if (query.after && query.before) throw new ParameterError('after', 'before, after: give one of them, not both');
  const cursor = query.after ? { after: query.after } : query.before ? { before: query.before } : {};
  return { filter: (query.state ?? '') as UserFilter, search, cursor, limit: query.limit ?? UsersPerPage };
}

/** The filters and page size as given (not the cursor), for links that keep them. */
export function listParams(query: RedditUsersQuery): Record<string, string | undefined> {
  return { state: query.state || undefined, q: query.q || undefined, limit: query.limit === undefined ? undefined : String(query.limit) };
}

export const isUserState = (filter: string): filter is RedditUserState => (RedditUserStates as readonly string[]).includes(filter);

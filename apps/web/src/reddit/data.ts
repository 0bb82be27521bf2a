import type { Queryable } from '@herald/db/sql';
import { userStateSql, type RedditUserState } from '@herald/reddit/read-model';
import { isUserState, type UserListRequest } from './query.js';

/** One tracked user as the Reddit page and `/api/reddit/users` show it (never anything secret: there is none in the row). */
export interface RedditUserRow {
  /** Reddit's canonical case. */
  name: string;
  state: RedditUserState;
  hidden: boolean;
  /** A poller holds the user's lease right now (a scan is under way). */
  scanning: boolean;
  /** The listing's `after` while paging (back-filling a new user), else null. */
  position: string | null;
  addedAt: Date;
  /** The account's creation on Reddit; null when Reddit did not say. */
  createdAt: Date | null;
  lastScanAt: Date | null;
  dueAt: Date;
  batchSize: number;
  /** Comments stored (an index-only count per user of the page). */
  comments: number;
  /** The Discord user id that registered the account, when known. */
  registeredBy: string | null;
}

export interface RedditUserPage {
  users: RedditUserRow[];
  /** Pass as `after` for the next page (names further in the alphabet); null on the last page. */
  nextAfter: string | null;
  /** Pass as `before` for the previous page; null on the first page. */
  prevBefore: string | null;
}

export interface ListOptions extends UserListRequest {
  /** Leave hidden users out (the read-only pages are public: hidden users stay out of public pages, as in the seed's). */
  withoutHidden: boolean;
  now: Date;
}

/**
 * One page of tracked users in name order (case-insensitive, the `lower(name)` unique index),
 * keyset-paged so that page 200 of 10,000 users costs what page 1 does. Rejects when Postgres does.
 */
export async function listRedditUsers(db: Queryable, options: ListOptions): Promise<RedditUserPage> {
  const state = userStateSql('u');
  const params: unknown[] = [options.now];
  const where: string[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const { filter } = options;
  if (filter === '') where.push('NOT u.unregistered');
  else if (filter === 'hidden') where.push('u.hidden AND NOT u.unregistered');
  else if (isUserState(filter)) where.push(`${state} = ${param(filter)}`);
  if (options.withoutHidden) where.push('NOT u.hidden');
  // strpos, not LIKE: `_` is in names and is LIKE's wildcard.
  if (options.search !== undefined) where.push(`strpos(lower(u.name), ${param(options.search)}) > 0`);
  const backwards = 'before' in options.cursor;
  if ('after' in options.cursor) where.push(`lower(u.name) > lower(${param(options.cursor.after)})`);
  if ('before' in options.cursor) where.push(`lower(u.name) < lower(${param(options.cursor.before)})`);
  const { rows } = await db.query<RedditUserRow>(
    `SELECT u.name, ${state} AS state, u.hidden, coalesce(u.lease_until > $1, false) AS scanning, nullif(u.position, '') AS position,
            u.added_at AS "addedAt", u.created_at AS "createdAt", u.last_scan_at AS "lastScanAt", u.due_at AS "dueAt",
            u.batch_size AS "batchSize", u.registered_by AS "registeredBy",
            (SELECT count(*)::int FROM reddit_comments c WHERE c.author = u.name) AS comments
       FROM reddit_users u
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY lower(u.name) ${backwards ? 'DESC' : 'ASC'}
      LIMIT ${param(options.limit + 1)}`,
    params,
  );
  // One row more than a page says whether there is another page in the direction read.
  const more = rows.length > options.limit;
  const users = rows.slice(0, options.limit);
  if (backwards) users.reverse();
  const first = users[0]?.name ?? null;
  const last = users.at(-1)?.name ?? null;
  const hasCursor = Object.keys(options.cursor).length > 0;
  return {
    users,
    // The side the page came from has rows (the cursor was one of them); the side read has them if one more came.
    nextAfter: (backwards ? hasCursor : more) ? last : null,
    prevBefore: (backwards ? more : hasCursor) ? first : null,
  };
}

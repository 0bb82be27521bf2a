/** The compendium's user search (`/compendium/search?q=`): registered users whose name contains some text. */
import type { Queryable } from '@herald/db/sql';
import { userStateSql, type RedditUserState } from '../read-model.js';

export interface UserMatch {
  /** The stored (canonical) name. */
  name: string;
  state: RedditUserState;
  /** Hidden from the reports (its page is still reachable, as in the seed). */
  hidden: boolean;
}

export interface UserSearch {
  /** The user whose name is the text, whatever the case; null when none is. */
  exact: UserMatch | null;
  /** At most `limit` users whose name contains the text (case-insensitively), the exact one first, then names that start with it, then by name. */
  matches: UserMatch[];
  /** More users match than `limit`. */
  more: boolean;
}

/**
 * Registered users (not unregistered; hidden ones too unless `withoutHidden`, which still finds a
 * hidden user by its exact name: its page is reachable by URL anyway) whose name contains
 * `text` whatever the case. `text` is used as typed: strpos, not LIKE, so `_` and `%` (which names
 * may hold) are plain characters. `limit` ≥ 1 bounds the answer. Rejects when Postgres does (e.g. a
 * NUL in `text`).
 */
export async function searchRegisteredUsers(db: Queryable, text: string, options: { limit: number; withoutHidden: boolean }): Promise<UserSearch> {
  const limit = options.limit;
  const { rows } = await db.query<UserMatch>(
    `SELECT name, ${userStateSql('u')} AS state, hidden
       FROM reddit_users u
      WHERE NOT unregistered AND strpos(lower(name), lower($1)) > 0
        ${options.withoutHidden ? 'AND (NOT hidden OR lower(name) = lower($1))' : ''}
      ORDER BY lower(name) = lower($1) DESC, strpos(lower(name), lower($1)) = 1 DESC, lower(name), name
      LIMIT $2`,
    [text, limit + 1],
  );
  const matches = rows.slice(0, limit);
  const first = matches[0];
  return { exact: first && first.name.toLowerCase() === text.toLowerCase() ? first : null, matches, more: rows.length > limit };
}

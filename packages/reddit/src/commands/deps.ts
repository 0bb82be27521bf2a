import type { Queryable } from '@herald/db/sql';
import type { AboutUser, RedditApi } from '../client/types.js';
import { DEFAULT_HIDE_PREFIX } from '../users/names.js';

/**
 * What the Reddit user commands need from the app (the notifier). Logic takes them as arguments so
 * tests run against a real Postgres and the fake Reddit.
 */
export interface RedditCommandDeps {
  /** Postgres, where `reddit_users` and `reddit_comments` live. */
  readonly db: Queryable;
  /**
   * `/user/<name>/about` for `register` (RedditApi.aboutUser: canonical case, creation, suspension).
   * Undefined when the Reddit source is not configured in the notifier (no credentials): `register`
   * then answers `registration service is unavailable`; the other commands work on stored data.
   */
  readonly aboutUser: ((name: string) => Promise<AboutUser>) | undefined;
  /** `reddit.hidePrefix` (default `hide/`): `register hide/name` registers the user hidden. */
  readonly redditHidePrefix: string;
  now(): Date;
}

export interface RedditCommandDepsOptions {
  readonly db: Queryable;
  /**
   * The Reddit client, or undefined when the source has no credentials. The caller builds it (with
   * the shared request budget) and closes it; these commands only call `aboutUser`.
   */
  readonly reddit: Pick<RedditApi, 'aboutUser'> | undefined;
  readonly hidePrefix?: string;
  readonly now?: () => Date;
}

/** The Reddit commands' dependencies, ready to spread into the notifier's deps. */
export function createRedditCommandDeps(options: RedditCommandDepsOptions): RedditCommandDeps {
  const { reddit } = options;
  return {
    db: options.db,
    aboutUser: reddit ? (name) => reddit.aboutUser(name) : undefined,
    redditHidePrefix: options.hidePrefix ?? DEFAULT_HIDE_PREFIX,
    now: options.now ?? (() => new Date()),
  };
}

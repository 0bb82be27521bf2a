/**
 * Registering one Reddit user (the seed's `RedditUsers.Add`, seed-behaviour §3.5): the name is
 * checked against Reddit's rules before any request, then against the stored users (any case),
 * then looked up on Reddit for its canonical case, creation date and suspension, and inserted in one
 * statement with who registered it.
 */
import type { Queryable } from '@herald/db/sql';
import type { Logger } from '@herald/logging';
import { RedditHttpError, RedditLoginError, type AboutUser } from '../client/types.js';
import { isValidRedditName } from '../client/names.js';

/** What became of one name. `input` is the name as looked up (prefixes stripped), `name` Reddit's or the stored case. */
export type Registration =
  | { kind: 'added'; name: string; hidden: boolean; suspended: boolean }
  | { kind: 'invalid'; input: string }
  | { kind: 'exists'; input: string; name: string }
  /** Stored but unregistered: `reregister` brings it back (the seed answered a raw UNIQUE error, §3.5.5). */
  | { kind: 'unregistered'; name: string }
  | { kind: 'not-found'; input: string }
  /** Suspended on Reddit and not forced (Discord registrations are never forced). */
  | { kind: 'suspended'; name: string }
  /** Reddit did not answer usably: `status` is its HTTP status when it answered at all. */
  | { kind: 'lookup-failed'; input: string; status?: number; /** Reddit refused the login itself (wrong credentials), not the lookup. */ loginRefused?: boolean };

export interface RegisterOptions {
  readonly db: Queryable;
  /** `/user/<name>/about` (RedditApi.aboutUser). */
  readonly aboutUser: (name: string) => Promise<AboutUser>;
  /** Adds suspended accounts too (flagged suspended): the CLI's `useradd`, the seed's forceSuspended. */
  readonly forced: boolean;
  /** The Discord user id who asked (the seed's KV `register-from-discord_<name>`); absent from the CLI. */
  readonly registeredBy?: string;
  /** Stored as `added_at`. */
  readonly now: Date;
  readonly logger?: Logger;
}

interface StoredName {
  name: string;
  unregistered: boolean;
}

async function storedUser(db: Queryable, name: string): Promise<StoredName | undefined> {
  const { rows } = await db.query<StoredName>('SELECT name, unregistered FROM reddit_users WHERE lower(name) = lower($1)', [name]);
  return rows[0];
}

function alreadyStored(input: string, stored: StoredName): Registration {
  return stored.unregistered ? { kind: 'unregistered', name: stored.name } : { kind: 'exists', input, name: stored.name };
}

/**
 * Registers `argument.name` (prefixes already stripped, see names.ts). Never throws for what Reddit
 * answers (an error status or no answer is `lookup-failed`, logged); rejects only when Postgres does.
 */
export async function registerUser(argument: { name: string; hidden: boolean }, options: RegisterOptions): Promise<Registration> {
  const { db, logger } = options;
  const input = argument.name;
  if (!isValidRedditName(input)) return { kind: 'invalid', input };
  const before = await storedUser(db, input);
  if (before) return alreadyStored(input, before);

  let about: AboutUser;
  try {
    about = await options.aboutUser(input);
  } catch (error) {
    logger?.warn({ err: error, name: input }, 'could not look a Reddit user up');
    if (error instanceof RedditLoginError) return { kind: 'lookup-failed', input, loginRefused: true };
    return error instanceof RedditHttpError ? { kind: 'lookup-failed', input, status: error.status } : { kind: 'lookup-failed', input };
  }
  if (about.kind === 'not-found') return { kind: 'not-found', input };
  if (about.suspended && !options.forced) return { kind: 'suspended', name: about.name };

  const created = about.createdUtc === undefined ? null : new Date(about.createdUtc * 1000);
  // ON CONFLICT (any unique key, the lower(name) index included): another registration of the same
  // account won the race; the user is then reported as it is stored.
  const { rows } = await db.query<{ name: string }>(
    `INSERT INTO reddit_users (name, created_at, added_at, hidden, suspended, registered_by)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT DO NOTHING
     RETURNING name`,
    [about.name, created, options.now, argument.hidden, about.suspended, options.registeredBy ?? null],
  );
  if (rows[0]) {
    logger?.info({ name: about.name, hidden: argument.hidden, suspended: about.suspended, registeredBy: options.registeredBy }, 'Reddit user registered');
    return { kind: 'added', name: about.name, hidden: argument.hidden, suspended: about.suspended };
  }
  const after = await storedUser(db, about.name);
  return after ? alreadyStored(input, after) : { kind: 'exists', input, name: about.name };
}

/**
 * Why a name was not registered, in the seed's words where it had some (§3.5): `not found`,
 * `user "<x>" already exists`, `user name "<x>" is an invalid Reddit user name`,
 * `user "<Name>" can't be added, forced mode not enabled`. `show` formats a name (escaping for
 * Discord); undefined for `added`.
 */
export function refusalReason(result: Registration, show: (name: string) => string = (name) => name): string | undefined {
  switch (result.kind) {
    case 'added':
      return undefined;
    case 'invalid':
      return result.input === '' ? 'the user name is empty' : `user name "${show(result.input)}" is an invalid Reddit user name`;
    case 'exists':
      return `user "${show(result.input)}" already exists`;
    case 'unregistered':
      return `user "${show(result.name)}" was unregistered: use reregister to track it again`;
    case 'not-found':
      return 'not found';
    case 'suspended':
      return `user "${show(result.name)}" can't be added, forced mode not enabled`;
    case 'lookup-failed':
      if (result.loginRefused) return "Reddit refused Herald's login (check the reddit credentials: client id, secret, username, password)";
      return result.status === undefined
        ? `Reddit could not be reached to look up "${show(result.input)}"; try again later`
        : `bad response status when looking up ${show(result.input)}: ${result.status}`;
  }
}

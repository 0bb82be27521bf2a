/**
 * The CLI's `useradd` (the seed's deprecated `-useradd "a,b c"`, seed-behaviour §3.2): adds users
 * from one argument, forced mode by default (suspended accounts are added, flagged suspended).
 */
import type { Queryable } from '@herald/db/sql';
import type { Logger } from '@herald/logging';
import type { AboutUser } from '../client/types.js';
import { DEFAULT_HIDE_PREFIX, useraddNames } from './names.js';
import { refusalReason, registerUser, type Registration } from './register.js';

export interface AddUsersOptions {
  readonly db: Queryable;
  /** `/user/<name>/about` (RedditApi.aboutUser, through the shared request budget). */
  readonly aboutUser: (name: string) => Promise<AboutUser>;
  /** Default true, as the seed's `-useradd` (forceSuspended). */
  readonly forced?: boolean;
  /** `reddit.hidePrefix`; default `hide/`. */
  readonly hidePrefix?: string;
  readonly now?: () => Date;
  readonly logger?: Logger;
}

/** One name's outcome: `ok` false for a refusal; `line` for the operator (`✅ Name: added` / `❌ input: reason`). */
export interface AddUserResult {
  readonly input: string;
  readonly ok: boolean;
  readonly line: string;
  readonly registration: Registration;
}

/**
 * Adds every name of `names` (split on spaces and commas, `u/`/`/u/` and the hide prefix accepted,
 * duplicates once), one after the other (each lookup waits for the shared Reddit budget). Resolves to
 * one result per distinct name, in order; an empty list when `names` holds none. Rejects only when
 * Postgres does (Reddit's failures are results).
 */
export async function addUsers(names: string, options: AddUsersOptions): Promise<AddUserResult[]> {
  const forced = options.forced ?? true;
  const now = options.now ?? (() => new Date());
  const results: AddUserResult[] = [];
  for (const argument of useraddNames(names, options.hidePrefix ?? DEFAULT_HIDE_PREFIX)) {
    const registration = await registerUser(argument, {
      db: options.db,
      aboutUser: options.aboutUser,
      forced,
      now: now(),
      ...(options.logger && { logger: options.logger }),
    });
    results.push({ input: argument.shown, ok: registration.kind === 'added', line: resultLine(argument.shown, registration), registration });
  }
  return results;
}

function resultLine(input: string, registration: Registration): string {
  if (registration.kind !== 'added') return `❌ ${input}: ${refusalReason(registration)}`;
  const notes = [registration.hidden && 'hidden', registration.suspended && 'suspended'].filter(Boolean);
  return `✅ ${registration.name}: added${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
}

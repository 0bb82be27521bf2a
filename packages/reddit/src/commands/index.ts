/**
 * `@herald/reddit/commands`: the Reddit source's user commands (the seed's `register`, `unregister`,
 * `reregister`, `hide`, `unhide`, `info`, `karma`; seed-behaviour §3.6), their dependencies and
 * their factory. This entry loads no Reddit client: the app passes one (or none) to
 * {@link createRedditCommandDeps}.
 */
import { hide, unhide } from './hide.js';
import { info } from './info.js';
import { karma } from './karma.js';
import { register } from './register.js';
import { reregister, unregister } from './unregister.js';

/** In the order `help` lists them. */
export const redditCommands = [register, unregister, reregister, hide, unhide, info, karma] as const;

export { hide, info, karma, register, reregister, unhide, unregister };
export { UNAVAILABLE } from './register.js';
export { createRedditCommandDeps, type RedditCommandDeps, type RedditCommandDepsOptions } from './deps.js';
// For commands of other packages that act on tracked users (@herald/community's `purge`): the seed's per-name embed, the names option, and the purge queries.
export { perName, namesOption, noSuchUser, refusal } from './common.js';
export { findPurgeTargets, purgeUsers, type PurgeTarget, type PurgeTargets } from '../users/purge.js';
export { commandNames, MAX_NAMES } from '../users/names.js';

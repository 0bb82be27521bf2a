/**
 * `@herald/reddit/compendium`: what the compendium pages read (seed-behaviour §3.8, §3.10): the
 * index's summary and per-user tables, a user's page, the paginated comment lists and the user search.
 * Plain SQL over `reddit_users`/`reddit_comments` (@herald/db/sql); the web app renders and caches.
 */
export { listNegativeComments, listUserComments, type PageRequest, type StoredComment } from './comments.js';
export { readCompendiumOverview, type CompendiumOverview, type UserStats } from './overview.js';
export { searchRegisteredUsers, type UserMatch, type UserSearch } from './search.js';
export type { CommentStats, SplitStats } from './stats.js';
export { readUserCompendium, type SubredditStats, type UserCompendium, type WeekStats } from './user.js';
// The user lookup and name parsing the pages share with the commands (light: no Reddit client).
export { findTrackedUser, type TrackedUser } from '../users/queries.js';
export { stripUserPrefix } from '../users/names.js';

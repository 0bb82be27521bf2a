/**
 * Reads the rows of a checked DAB database (dab-file.ts) in Herald's terms. Values are coerced
 * defensively: SQLite keeps whatever was written, and DAB's `DEFAULT FALSE` columns may hold 0/1
 * or, in files made by an SQLite older than 3.23 (no FALSE keyword), the text `FALSE`.
 */
import { decodeHTML } from 'entities';
import type Database from 'better-sqlite3';

/** A `user_archive` row (§3.7). Times are Unix seconds; `lastScan` 0 = never scanned. */
export interface DabUser {
  name: string;
  created: number;
  notFound: boolean;
  suspended: boolean;
  added: number;
  batchSize: number;
  /** DAB's `deleted`: unregistered (soft-deleted), Herald's `unregistered`. */
  deleted: boolean;
  hidden: boolean;
  inactive: boolean;
  lastScan: number;
  isNew: boolean;
  position: string;
}

export interface DabComment {
  id: string;
  author: string;
  score: number;
  permalink: string;
  subreddit: string;
  /** Unix seconds. */
  created: number;
  /** HTML-unescaped, as the seed does on every read (legacy rows were stored escaped). */
  body: string;
}

/** One value of a KV key `register-from-discord_<name>`: the Discord user id who registered `name`. */
export interface DabRegistration {
  /** The names the key may stand for, the likeliest first (see registrationNames). */
  names: string[];
  discordId: string;
  /** Unix seconds. */
  created: number;
}

/** One id of the KV set `highscores` (already announced), with the comment's stored score if DAB has it. */
export interface DabHighscore {
  commentId: string;
  score: number | null;
  /** Unix seconds: when DAB recorded it. */
  created: number;
}

const REGISTERED_BY = 'register-from-discord';

/** Every user, registered first, then the most recently scanned (the order case clashes are settled in). */
export function readUsers(sqlite: Database.Database): DabUser[] {
  const rows = sqlite
    .prepare(
      `SELECT name, created, not_found, suspended, added, batch_size, deleted, hidden, inactive, last_scan, new, position
       FROM user_archive`,
    )
    .all() as Record<string, unknown>[];
  const users = rows.map((r) => ({
    name: String(r.name),
    created: seconds(r.created),
    notFound: flag(r.not_found),
    suspended: flag(r.suspended),
    added: seconds(r.added),
    batchSize: Math.trunc(Number(r.batch_size)) || 100,
    deleted: flag(r.deleted),
    hidden: flag(r.hidden),
    inactive: flag(r.inactive),
    lastScan: seconds(r.last_scan),
    isNew: flag(r.new),
    position: r.position === null || r.position === undefined ? '' : String(r.position),
  }));
  return users.sort((a, b) => Number(a.deleted) - Number(b.deleted) || b.lastScan - a.lastScan || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The values of every `register-from-discord…` key, oldest first. */
export function readRegistrations(sqlite: Database.Database): DabRegistration[] {
  // GLOB, not LIKE: `_` is a wildcard for LIKE.
  const rows = sqlite
    .prepare(`SELECT substr(key, ${REGISTERED_BY.length + 1}) AS rest, value, created FROM key_value WHERE key GLOB '${REGISTERED_BY}*' ORDER BY created, value`)
    .all() as Record<string, unknown>[];
  return rows.map((r) => ({ names: registrationNames(String(r.rest)), discordId: String(r.value), created: seconds(r.created) }));
}

/**
 * The user names a key `register-from-discord<rest>` may stand for, the likeliest first. DAB
 * 1.22.3+ writes `register-from-discord_<name>`; older versions wrote other separators and their
 * migrations (1.22.1→1.22.2→1.22.3) could leave `_-<name>`. A Reddit name may itself start with `_`
 * or `-`, so every reading is offered and the importer takes the first that names a user.
 */
export function registrationNames(rest: string): string[] {
  const names = rest.startsWith('_') ? [rest.slice(1), rest] : [rest];
  for (let i = 0; i < rest.length && '-_'.includes(rest[i]!); i++) names.push(rest.slice(i + 1));
  return [...new Set(names)].filter((n) => n !== '');
}

/** The KV set `highscores`, streamed. */
export function iterateHighscores(sqlite: Database.Database): Iterable<DabHighscore> {
  const rows = sqlite
    .prepare(`SELECT kv.value AS id, kv.created AS created, c.score AS score FROM key_value kv LEFT JOIN comments c ON c.id = kv.value WHERE kv.key = 'highscores'`)
    .iterate() as IterableIterator<Record<string, unknown>>;
  return map(rows, (r) => ({ commentId: String(r.id), score: r.score === null ? null : Math.trunc(Number(r.score)), created: seconds(r.created) }));
}

/** Every comment, streamed (better-sqlite3 `iterate()`: one row in memory at a time). */
export function iterateComments(sqlite: Database.Database): Iterable<DabComment> {
  const rows = sqlite.prepare('SELECT id, author, score, permalink, sub, created, body FROM comments').iterate() as IterableIterator<Record<string, unknown>>;
  return map(rows, (r) => ({
    id: String(r.id),
    author: String(r.author),
    score: Math.trunc(Number(r.score)),
    permalink: String(r.permalink),
    subreddit: String(r.sub),
    created: seconds(r.created),
    body: decodeHTML(String(r.body)),
  }));
}

function* map<T, U>(rows: IterableIterator<T>, f: (row: T) => U): Generator<U> {
  for (const row of rows) yield f(row);
}

/** A DAB boolean: 0/1, or TRUE/FALSE as text in old files. */
export function flag(value: unknown): boolean {
  if (typeof value === 'string') return /^(true|1)$/i.test(value.trim());
  return Number(value) !== 0 && value !== null && value !== undefined;
}

/** Unix seconds; anything that is not a number (e.g. `FALSE` as text in old files) is 0. */
export function seconds(value: unknown): number {
  const n = Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}

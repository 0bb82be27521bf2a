import type Database from 'better-sqlite3';
import { withTransaction, type SqlClient, type SqlPool } from '@herald/db/sql';
import { openDabDatabase } from './dab-file.js';
import { insertComments, insertHighscores, insertUsers, setRegisteredBy } from './write-herald.js';
import { iterateComments, iterateHighscores, readRegistrations, readUsers, type DabComment, type DabUser } from './read-dab.js';

/** What happened to the rows of one kind: written, already in Herald (kept as they are), left out by reason. */
export interface ImportCount {
  imported: number;
  alreadyPresent: number;
  /** Reason → rows. */
  skipped: Record<string, number>;
}

export interface DabImportResult {
  path: string;
  /** The DAB version that last wrote the file, e.g. `1.26.4`. */
  version: string;
  /** `unregistered`: how many of the imported users DAB had unregistered (`deleted`). */
  users: ImportCount & { unregistered: number };
  comments: ImportCount;
  registeredBy: ImportCount;
  highscores: ImportCount;
  /** Details the operator should read: names in case clashes, several registered-by values, an older version. */
  notes: string[];
}

export interface ImportDabOptions {
  sqlitePath: string;
  db: SqlPool;
  /** `due_at` of imported users (scanned soon) and `scored_at` of imported comments. Default: the current time. */
  now?: Date;
  /** Progress lines (`comments: N read`) every 10,000 comments. */
  out?: NodeJS.WritableStream;
  /** Rows per multi-row INSERT (default 1,000). */
  batchSize?: number;
}

export const SKIP_CASE_CLASH = 'same Reddit account as another user (names differ only in case)';
export const SKIP_NO_AUTHOR = 'author not in user_archive';
export const SKIP_NO_USER = 'names no user';

/**
 * Imports a Down Arrows Bot database (seed-behaviour §3.7) into Herald's `reddit_users`,
 * `reddit_comments` and `reddit_highscores`, in one Postgres transaction: nothing is written
 * unless everything is. The file is opened read-only and checked as the seed does (dab-file.ts;
 * throws DabDatabaseError). Idempotent: rows already in Herald (by user name ignoring case, comment
 * id, announced id) are kept as they are and counted as already present.
 *
 * - users: every `user_archive` row, unregistered (`deleted`) ones too; the name as stored (Reddit's
 *   case); times from Unix seconds (`created`/`last_scan` 0 → NULL); `due_at` = now so they are
 *   scanned soon. Two names equal but for case (DAB's key is case-sensitive): the registered, most
 *   recently scanned one is kept; the other is skipped, named in a note, and its comments and
 *   registration go to the kept one (it is the same Reddit account).
 * - comments: streamed, 1,000 per INSERT; body HTML-unescaped as the seed does on every read;
 *   `scored_at` = now. A comment whose author is no user is skipped and counted.
 * - registered-by: KV `register-from-discord_<name>` → `registered_by` where Herald has none;
 *   several values: the oldest is kept, as the seed's 1.26.3→1.26.4 migration does (noted).
 * - high scores: KV `highscores` → `reddit_highscores` (score: the comment's stored score, else 0;
 *   announced at the KV's `created`), so Herald never announces them again.
 */
export async function importDab(options: ImportDabOptions): Promise<DabImportResult> {
  const { sqlite, version, notes } = openDabDatabase(options.sqlitePath);
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 1000;
  const result: DabImportResult = {
    path: options.sqlitePath,
    version,
    users: { ...count(), unregistered: 0 },
    comments: count(),
    registeredBy: count(),
    highscores: count(),
    notes: [...notes],
  };
  try {
    return await withTransaction(options.db, async (client) => {
      const names = await importUsers(client, readUsers(sqlite), now, batchSize, result);
      await importRegistrations(client, sqlite, names, result);
      await inBatches(iterateHighscores(sqlite), batchSize, (rows) => insertHighscores(client, rows, now), result.highscores);
      let read = 0;
      const comments = function* (): Generator<DabComment> {
        for (const comment of iterateComments(sqlite)) {
          if (++read % 10_000 === 0) options.out?.write(`comments: ${read} read\n`);
          const author = names.get(comment.author.toLowerCase());
          if (author === undefined) skip(result.comments, SKIP_NO_AUTHOR);
          else yield { ...comment, author };
        }
      };
      await inBatches(comments(), batchSize, (rows) => insertComments(client, rows, now), result.comments);
      return result;
    });
  } finally {
    sqlite.close();
  }
}

/** Writes the users; returns lower-case name → the name Herald stores (for comments and registrations). */
async function importUsers(client: SqlClient, users: DabUser[], now: Date, batchSize: number, result: DabImportResult): Promise<Map<string, string>> {
  const kept = new Map<string, DabUser>();
  for (const user of users) {
    const first = kept.get(user.name.toLowerCase());
    if (first === undefined) {
      kept.set(user.name.toLowerCase(), user);
      continue;
    }
    skip(result.users, SKIP_CASE_CLASH);
    result.notes.push(`user "${user.name}" skipped: "${first.name}" is the same Reddit account (names differ only in case); its comments and registration go to "${first.name}"`);
  }
  const list = [...kept.values()];
  const inserted = new Set<string>();
  for (let i = 0; i < list.length; i += batchSize) {
    const batch = list.slice(i, i + batchSize);
    for (const name of await insertUsers(client, batch, now)) inserted.add(name);
  }
  result.users.imported = inserted.size;
  result.users.alreadyPresent = list.length - inserted.size;
  result.users.unregistered = list.filter((u) => u.deleted && inserted.has(u.name)).length;
  const { rows } = await client.query<{ name: string }>('SELECT name FROM reddit_users WHERE lower(name) = ANY($1::text[])', [[...kept.keys()]]);
  const stored = new Map(rows.map((r) => [r.name.toLowerCase(), r.name]));
  for (const user of list) {
    const name = stored.get(user.name.toLowerCase());
    if (name !== undefined && name !== user.name) result.notes.push(`user "${user.name}" is in Herald as "${name}": kept as it is`);
  }
  // The skipped spellings of a case clash lead to the kept user too.
  return stored;
}

async function importRegistrations(client: SqlClient, sqlite: Database.Database, names: Map<string, string>, result: DabImportResult): Promise<void> {
  const byUser = new Map<string, { name: string; discordId: string; others: string[] }>();
  for (const registration of readRegistrations(sqlite)) {
    const name = registration.names.map((n) => names.get(n.toLowerCase())).find((n) => n !== undefined);
    if (name === undefined) {
      skip(result.registeredBy, SKIP_NO_USER);
      continue;
    }
    const first = byUser.get(name);
    if (first === undefined) byUser.set(name, { name, discordId: registration.discordId, others: [] });
    else if (first.discordId !== registration.discordId) first.others.push(registration.discordId);
  }
  for (const { name, discordId, others } of byUser.values()) {
    if (others.length > 0) {
      result.notes.push(`registered-by: "${name}" has ${others.length + 1} values (${[discordId, ...others].join(', ')}): kept ${discordId}, the oldest, as DAB 1.26.4's migration does`);
    }
  }
  const entries = [...byUser.values()];
  result.registeredBy.imported = await setRegisteredBy(client, entries);
  result.registeredBy.alreadyPresent = entries.length - result.registeredBy.imported;
}

/** Sends `rows` to `write` `size` at a time; `write` returns how many it inserted, the rest were already there. */
async function inBatches<T>(rows: Iterable<T>, size: number, write: (batch: T[]) => Promise<number>, counts: ImportCount): Promise<void> {
  let batch: T[] = [];
  const flush = async () => {
    const inserted = await write(batch);
    counts.imported += inserted;
    counts.alreadyPresent += batch.length - inserted;
    batch = [];
  };
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= size) await flush();
  }
  if (batch.length > 0) await flush();
}

const count = (): ImportCount => ({ imported: 0, alreadyPresent: 0, skipped: {} });
const skip = (counts: ImportCount, reason: string) => {
  counts.skipped[reason] = (counts.skipped[reason] ?? 0) + 1;
};

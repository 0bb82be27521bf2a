/**
 * The importer's writes into Herald's tables (packages/db migration 20261202000000_reddit): one
 * multi-row statement per batch, the columns sent as arrays and spread by `unnest`. Each returns
 * what it wrote; a row Herald already has (ON CONFLICT) is left as it is.
 */
import type { SqlClient } from '@herald/db/sql';
import type { DabComment, DabHighscore, DabUser } from './read-dab.js';

/** Inserts users (`due_at` = now); returns the names inserted. A conflict on the name or on lower(name) keeps Herald's row. */
export async function insertUsers(client: SqlClient, users: DabUser[], now: Date): Promise<string[]> {
  const column = <T>(f: (u: DabUser) => T) => users.map(f);
  const { rows } = await client.query<{ name: string }>(
    `INSERT INTO reddit_users (name, created_at, added_at, hidden, suspended, not_found, unregistered, inactive, last_scan_at, batch_size, position, is_new, due_at)
     SELECT u.name, ${timestamp('u.created')}, to_timestamp(u.added) AT TIME ZONE 'UTC', u.hidden, u.suspended, u.not_found, u.unregistered,
            u.inactive, ${timestamp('u.last_scan')}, u.batch_size, u.position, u.is_new, $13
     FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bool[], $5::bool[], $6::bool[], $7::bool[], $8::bool[], $9::bigint[], $10::int[], $11::text[], $12::bool[])
          AS u(name, created, added, hidden, suspended, not_found, unregistered, inactive, last_scan, batch_size, position, is_new)
     ON CONFLICT DO NOTHING
     RETURNING name`,
    [
      column((u) => u.name),
      column((u) => u.created),
      column((u) => u.added),
      column((u) => u.hidden),
      column((u) => u.suspended),
      column((u) => u.notFound),
      column((u) => u.deleted),
      column((u) => u.inactive),
      column((u) => u.lastScan),
      column((u) => u.batchSize),
      column((u) => u.position),
      column((u) => u.isNew),
      now,
    ],
  );
  return rows.map((r) => r.name);
}

/** Sets `registered_by` where Herald has none; returns how many users got one. */
export async function setRegisteredBy(client: SqlClient, entries: readonly { name: string; discordId: string }[]): Promise<number> {
  const { rowCount } = await client.query(
    `UPDATE reddit_users u SET registered_by = r.discord_id
     FROM unnest($1::text[], $2::text[]) AS r(name, discord_id)
     WHERE u.name = r.name AND u.registered_by IS NULL`,
    [entries.map((e) => e.name), entries.map((e) => e.discordId)],
  );
  return rowCount ?? 0;
}

/** Announced ids: score 0 when DAB does not have the comment; announced at the KV's `created` (now when 0). */
export async function insertHighscores(client: SqlClient, rows: DabHighscore[], now: Date): Promise<number> {
  const { rowCount } = await client.query(
    `INSERT INTO reddit_highscores (comment_id, score, announced_at)
     SELECT h.id, coalesce(h.score, 0), coalesce(${timestamp('h.created')}, $4)
     FROM unnest($1::text[], $2::int[], $3::bigint[]) AS h(id, score, created)
     ON CONFLICT (comment_id) DO NOTHING`,
    [rows.map((r) => r.commentId), rows.map((r) => r.score), rows.map((r) => r.created), now],
  );
  return rowCount ?? 0;
}

/** Comments, `scored_at` = now; `author` must be a name Herald stores. */
export async function insertComments(client: SqlClient, rows: DabComment[], now: Date): Promise<number> {
  const { rowCount } = await client.query(
    `INSERT INTO reddit_comments (id, author, score, permalink, subreddit, created_at, body, scored_at)
     SELECT c.id, c.author, c.score, c.permalink, c.subreddit, to_timestamp(c.created) AT TIME ZONE 'UTC', c.body, $8
     FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::bigint[], $7::text[]) AS c(id, author, score, permalink, subreddit, created, body)
     ON CONFLICT (id) DO NOTHING`,
    [rows.map((r) => r.id), rows.map((r) => r.author), rows.map((r) => r.score), rows.map((r) => r.permalink), rows.map((r) => r.subreddit), rows.map((r) => r.created), rows.map((r) => r.body), now],
  );
  return rowCount ?? 0;
}

/** Unix seconds → timestamp(3) in UTC; 0 (DAB's "never" / "unknown") → NULL. */
const timestamp = (column: string) => `CASE WHEN ${column} = 0 THEN NULL ELSE to_timestamp(${column}) AT TIME ZONE 'UTC' END`;

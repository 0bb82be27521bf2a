import QueryStream from 'pg-query-stream';
import type { SqlClient } from '@herald/db/sql';

/** ISO-8601 UTC with milliseconds, as JavaScript's toISOString writes it (the columns hold UTC). */
const iso = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * One JSON object per row, built by Postgres (Node only joins lines). Users: everything the seed's
 * public backup held about them (its `users` table), NOT `registered_by` (a Discord id) nor the
 * scanner's bookkeeping (lease, due time, position). `deleted` is the seed's name for an account
 * Reddit answers 404 for (`not_found`); `unregistered` is the seed's soft-deleted user.
 */
const usersSql = `
  SELECT json_build_object(
    'type', 'user', 'name', name, 'createdAt', ${iso('created_at')}, 'addedAt', ${iso('added_at')},
    'hidden', hidden, 'suspended', suspended, 'deleted', not_found, 'unregistered', unregistered,
    'inactive', inactive, 'new', is_new, 'lastScanAt', ${iso('last_scan_at')})::text
  FROM reddit_users ORDER BY name`;

/** Comments in the order of the (author, created_at desc) index, so no sort runs over the whole table. */
const commentsSql = `
  SELECT json_build_object(
    'type', 'comment', 'id', id, 'author', author, 'score', score, 'permalink', permalink,
    'subreddit', subreddit, 'createdAt', ${iso('created_at')}, 'body', body)::text
  FROM reddit_comments ORDER BY author, created_at DESC`;

/** Lines are handed on in chunks of about this many characters: one write per row would cost more than the row. */
const ChunkChars = 16 * 1024;
/**
 * Rows fetched per cursor round trip. Small on purpose: the rows of a round trip stay alive until
 * they are written, and with many at once they outlive the 4 MB young generation (NODE_OPTIONS in
 * infra/Dockerfile) and are promoted, so the old generation grows with the export. The web app's
 * peak RSS during an export is in bench/results/backup.json (bench/backup.ts).
 */
const RowsPerFetch = 100;

/**
 * The public export (`/export/reddit.ndjson`) as text chunks of newline-delimited JSON: a header
 * line `{"type":"export","format":"herald-reddit","version":1,"exportedAt":…}`, every user, every
 * comment, and a last line `{"type":"end","users":N,"comments":M}` (its absence tells a reader the
 * download was cut). Rows come through a cursor (pg-query-stream), a batch at a time, so memory
 * does not grow with the tables; one REPEATABLE READ READ ONLY transaction makes users and comments
 * one consistent snapshot. The caller owns `client` and must not reuse it if iteration stops early.
 */
export async function* redditExportChunks(client: SqlClient, exportedAt: Date): AsyncGenerator<string> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  yield `${JSON.stringify({ type: 'export', format: 'herald-reddit', version: 1, exportedAt: exportedAt.toISOString() })}\n`;
  const counts = { users: 0, comments: 0 };
  for (const [kind, sql] of [['users', usersSql], ['comments', commentsSql]] as const) {
    let chunk = '';
    const rows = client.query(new QueryStream(sql, [], { rowMode: 'array', batchSize: RowsPerFetch })) as AsyncIterable<[string]>;
    for await (const [line] of rows) {
      chunk += `${line}\n`;
      counts[kind] += 1;
      if (chunk.length >= ChunkChars) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  await client.query('COMMIT');
  yield `${JSON.stringify({ type: 'end', ...counts })}\n`;
}

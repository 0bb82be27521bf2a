import type { Logger } from '@herald/logging';
import type { SqlPool } from '@herald/db/sql';
import type { OutboxStore, RecordedEvent } from '@herald/pipeline';
import type { RedditApi } from '../client/types.js';
import { RedditSourceKey } from './scan-user.js';
import { changeAccountState, type AccountState } from './status-change.js';

export interface ResurrectionDeps {
  db: SqlPool;
  api: RedditApi;
  outbox: OutboxStore;
  logger: Logger;
}

/**
 * The resurrections watcher (seed-behaviour §3.4): asks `/about` for every registered user known
 * suspended or deleted, least recently checked first, and applies the seed's state machine —
 * suspended→alive and deleted→alive are announced once; suspended↔deleted are recorded silently.
 * Herald keeps one of the two states at a time, which fixes the seed's double announcement of a
 * user flagged both. A network or Reddit error skips that user until the next run.
 */
export async function checkResurrections(deps: ResurrectionDeps): Promise<RecordedEvent[]> {
  const { rows } = await deps.db.query<{ name: string; suspended: boolean }>(
    `SELECT name, suspended FROM reddit_users WHERE (suspended OR not_found) AND NOT unregistered
     ORDER BY status_checked_at NULLS FIRST, last_scan_at NULLS FIRST`,
  );
  const events: RecordedEvent[] = [];
  for (const row of rows) {
    const from: AccountState = row.suspended ? 'suspended' : 'deleted';
    let to: AccountState;
    try {
      const about = await deps.api.aboutUser(row.name);
      to = about.kind === 'not-found' ? 'deleted' : about.suspended ? 'suspended' : 'alive';
    } catch (error) {
      deps.logger.warn({ user: row.name, err: error }, 'could not ask Reddit about a suspended or deleted user; next run');
      continue;
    }
    const recorded = await deps.outbox.poll(RedditSourceKey, async (tx) => {
      const event = await changeAccountState(tx.sql, row.name, from, to, to === 'alive');
      return tx.record(event ? [event] : []);
    });
    if (to === 'alive') deps.logger.info({ user: row.name, from }, 'Reddit account is back; announced');
    events.push(...recorded);
  }
  return events;
}

/**
 * The seed's `UpdateInactiveStatus` (§3.2): a user whose newest stored comment is older than
 * `thresholdMs` becomes inactive (scanned every `fullScanIntervalMs` only); one with no stored
 * comment stays active. A user who turns inactive is next due a full-scan interval after its last
 * scan; one who turns active is due at once. Returns how many changed each way.
 */
export async function updateInactivity(db: SqlPool, thresholdMs: number, fullScanIntervalMs: number): Promise<{ inactive: number; active: number }> {
  const { rows } = await db.query<{ inactive: boolean; n: string }>(
    `WITH judged AS (
       SELECT u.name, COALESCE((SELECT max(c.created_at) FROM reddit_comments c WHERE c.author = u.name) < now() - $1 * interval '1 millisecond', false) AS inactive
       FROM reddit_users u WHERE NOT u.unregistered
     ), changed AS (
       UPDATE reddit_users u SET inactive = j.inactive,
         due_at = CASE WHEN j.inactive THEN COALESCE(u.last_scan_at, now()) + $2 * interval '1 millisecond' ELSE LEAST(u.due_at, now()) END
       FROM judged j WHERE u.name = j.name AND u.inactive <> j.inactive RETURNING u.inactive
     ) SELECT inactive, count(*) AS n FROM changed GROUP BY inactive`,
    [thresholdMs, fullScanIntervalMs],
  );
  const count = (inactive: boolean) => Number(rows.find((r) => r.inactive === inactive)?.n ?? 0);
  return { inactive: count(true), active: count(false) };
}

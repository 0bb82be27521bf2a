import { isDatabaseUnavailable } from '@herald/db/sql';
import { ServatriceDatabaseError } from '@herald/servatrice';

/**
 * Names what a failed poll says is down, for the outage log lines ("<what> unavailable; …"): the
 * Servatrice database (every reader error), Herald's Postgres (connection errors of `pg`), or the
 * poll itself (anything else: a bug or a bad statement, still retried by the schedule).
 */
export function pollFailureSubject(error: unknown): string {
  if (error instanceof ServatriceDatabaseError) return 'Servatrice database';
  if (isDatabaseUnavailable(error)) return 'Postgres';
  return 'Servatrice poll';
}

import { isDatabaseUnavailable } from '@herald/db/sql';
import { MonitoredChainUnreachableError } from '@herald/ibc';

/**
 * Names what a failed poll says is down, for the outage log lines ("<what> unavailable; …"): a
 * monitored chain's RPC (every endpoint failed: its clients keep their last state), Herald's
 * Postgres (connection errors of `pg`), or the poll itself (anything else, e.g. Redis; still
 * retried by the schedule).
 */
export function pollFailureSubject(error: unknown): string {
  if (error instanceof MonitoredChainUnreachableError) return `IBC RPC of ${error.chainId}`;
  if (isDatabaseUnavailable(error)) return 'Postgres';
  return 'IBC poll';
}

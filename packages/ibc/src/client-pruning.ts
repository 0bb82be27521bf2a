import type { Queryable } from '@herald/db/sql';
import type { ClientFinding } from './types.js';

/**
 * Forgets the clients a monitored chain's complete scan no longer finds (a connection taken out of
 * `ibc.monitor.connections`): they are not watched any more, so the dashboard, `data`, the status
 * message and /metrics must stop showing them as if they were (the seed kept such `ibc_data`
 * entries forever, seed-behaviour §2.9.3). Every finding counts as found, also an unreachable or
 * skipped one. Call only after a complete scan (the monitored chain answered). Returns how many.
 */
export async function forgetUnseenClients(sql: Queryable, monitoredChainId: string, found: readonly ClientFinding[]): Promise<number> {
  const { rowCount } = await sql.query(
    `DELETE FROM ibc_clients c
      WHERE c.monitored_chain_id = $1
        AND NOT EXISTS (SELECT 1 FROM unnest($2::text[], $3::text[]) AS f(chain_id, client_id) WHERE f.chain_id = c.chain_id AND f.client_id = c.client_id)`,
    [monitoredChainId, found.map((f) => f.chainId), found.map((f) => f.clientId)],
  );
  return rowCount ?? 0;
}

/** Forgets the clients of chains that are no longer in `ibc.monitor` (called at start). Returns how many. */
export async function forgetUnmonitoredClients(db: Queryable, monitoredChainIds: readonly string[]): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM ibc_clients WHERE monitored_chain_id <> ALL($1::text[])', [monitoredChainIds]);
  return rowCount ?? 0;
}

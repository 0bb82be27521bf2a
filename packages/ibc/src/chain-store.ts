import type { Queryable } from '@herald/db/sql';
import type { ChainSettings } from './settings.js';
import type { Chain } from './types.js';

interface ChainRow {
  chain_id: string;
  name: string;
  rpc: string[];
  bech32_prefix: string;
  denom: string;
  display_denom: string;
  exponent: number;
  origin: 'config' | 'command';
}

const columns = 'chain_id, name, rpc, bech32_prefix, denom, display_denom, exponent, origin';

function toChain(row: ChainRow): Chain {
  return {
    chainId: row.chain_id,
    name: row.name,
    rpc: row.rpc,
    bech32Prefix: row.bech32_prefix,
    denom: row.denom,
    displayDenom: row.display_denom,
    exponent: row.exponent,
    origin: row.origin,
  };
}

/**
 * Writes the chains of HERALD_CONFIG into `ibc_chains` (origin `config`), so the notifier's
 * commands and the web pages see the same chains as the poller. A chain the configuration
 * lists wins over one added by `register_chain`; chains only added by the command are kept.
 */
export async function syncConfiguredChains(db: Queryable, chains: readonly ChainSettings[]): Promise<void> {
  if (chains.length === 0) return;
  await db.query(
    `INSERT INTO ibc_chains (chain_id, name, rpc, bech32_prefix, denom, display_denom, exponent, origin, registered_by, updated_at)
     SELECT c, n, ARRAY(SELECT jsonb_array_elements_text(r)), p, d, dd, e, 'config', NULL, now()
     FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::text[], $5::text[], $6::text[], $7::int[]) AS x(c, n, r, p, d, dd, e)
     ON CONFLICT (chain_id) DO UPDATE SET name = excluded.name, rpc = excluded.rpc, bech32_prefix = excluded.bech32_prefix,
       denom = excluded.denom, display_denom = excluded.display_denom, exponent = excluded.exponent,
       origin = 'config', registered_by = NULL, updated_at = now()`,
    [
      chains.map((c) => c.chainId),
      chains.map((c) => c.name),
      chains.map((c) => JSON.stringify(c.rpc)),
      chains.map((c) => c.bech32Prefix),
      chains.map((c) => c.denom),
      chains.map((c) => c.displayDenom),
      chains.map((c) => c.exponent),
    ],
  );
}

/**
 * Every chain Herald knows (configured and registered by command), by chain id. A process passes
 * its own configured chains as `configured`: they win over the rows, which another process with a
 * different HERALD_CONFIG (an operator trying a config with `--once`) may have rewritten.
 */
export async function loadChains(db: Queryable, configured: readonly ChainSettings[] = []): Promise<Map<string, Chain>> {
  const { rows } = await db.query<ChainRow>(`SELECT ${columns} FROM ibc_chains ORDER BY chain_id`);
  const chains = new Map(rows.map((row) => [row.chain_id, toChain(row)]));
  for (const chain of configured) chains.set(chain.chainId, { ...chain, origin: 'config' });
  return chains;
}

/** One chain by id, or undefined. */
export async function findChain(db: Queryable, chainId: string): Promise<Chain | undefined> {
  const { rows } = await db.query<ChainRow>(`SELECT ${columns} FROM ibc_chains WHERE chain_id = $1`, [chainId]);
  return rows[0] && toChain(rows[0]);
}

/**
 * Adds or updates a chain from the `register_chain` command (origin `command`). A chain the
 * configuration lists is not changed by the command (the file is the operator's truth): returns
 * false then, true when written.
 */
export async function registerChain(db: Queryable, chain: Omit<Chain, 'origin'>, registeredBy: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO ibc_chains (chain_id, name, rpc, bech32_prefix, denom, display_denom, exponent, origin, registered_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'command', $8, now())
     ON CONFLICT (chain_id) DO UPDATE SET name = excluded.name, rpc = excluded.rpc, bech32_prefix = excluded.bech32_prefix,
       denom = excluded.denom, display_denom = excluded.display_denom, exponent = excluded.exponent,
       registered_by = excluded.registered_by, updated_at = now()
     WHERE ibc_chains.origin = 'command'`,
    [chain.chainId, chain.name, chain.rpc, chain.bech32Prefix, chain.denom, chain.displayDenom, chain.exponent, registeredBy],
  );
  return (rowCount ?? 0) > 0;
}

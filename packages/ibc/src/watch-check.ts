import { ConfigError } from '@herald/config';
import type { Queryable } from '@herald/db/sql';
import type { IbcSettings } from './settings.js';

/**
 * Refuses to start a poller that could never watch anything: no chain in `ibc.monitor` and no chain
 * known at all (none in `ibc.chains`, none registered with `register_chain`). Throws a ConfigError
 * on `ibc.monitor` saying what to configure (the app exits 2). With chains but no monitor the poller
 * runs: it watches the wallets registered with the bot, now or later.
 */
export async function checkSomethingToWatch(db: Queryable, ibc: Pick<IbcSettings, 'monitor'>): Promise<void> {
  if (ibc.monitor.length > 0) return;
  const { rows } = await db.query<{ chains: number }>('SELECT count(*)::int AS chains FROM ibc_chains');
  if ((rows[0]?.chains ?? 0) > 0) return;
  throw new ConfigError(
    'ibc.monitor',
    'nothing to watch: no chain is monitored and no chain is known. In HERALD_CONFIG, list your chains under ibc.chains ' +
      '(chainId, name, rpc, bech32Prefix, denom, displayDenom, exponent) and the chains whose IBC light clients to watch under ' +
      'ibc.monitor (chainId, connections: all or a list of connection ids); see the README',
  );
}

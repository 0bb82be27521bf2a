import type { Queryable } from '@herald/db/sql';
import { listChains, listClients, listConfigWarnings, listWallets, type ChainView, type ClientView, type WalletView } from '@herald/ibc/read-model';

export type ConfigWarningView = Awaited<ReturnType<typeof listConfigWarnings>>[number];

/** Everything the IBC page, its JSON API and the IBC metrics show: the read model's four lists, read together. */
export interface IbcOverview {
  chains: ChainView[];
  clients: ClientView[];
  wallets: WalletView[];
  warnings: ConfigWarningView[];
}

/**
 * Reads the last judged state of every chain, light client and wallet from Postgres (what the IBC
 * poller stored); nothing here talks to a chain. Rejects when Postgres does.
 */
export async function readIbcOverview(db: Queryable): Promise<IbcOverview> {
  const [chains, clients, wallets, warnings] = await Promise.all([listChains(db), listClients(db), listWallets(db), listConfigWarnings(db)]);
  return { chains, clients, wallets, warnings };
}

import type { Queryable } from '@herald/db/sql';
import type { StatusMessages, StatusRefreshResult } from '@herald/pipeline';
import { listChains, listClients, listWallets } from '../queries.js';
import { renderIbcStatus } from './status.js';

/** The `status_messages.key` of the IBC status message. */
export const IBC_STATUS_KEY = 'ibc';

export interface IbcStatusRefreshOptions {
  /** Reads the read model (listClients, listWallets, listChains). */
  db: Queryable;
  statusMessages: StatusMessages;
  /** The destinations (ids in `destinations`) named by `ibc.statusDestinations`. */
  destinationIds: readonly number[];
  /** The moment time left is shown for; default the wall clock. */
  now?: () => Date;
}

/**
 * The `ibc.status.refresh` job: reads every client, wallet and chain from Postgres (no chain is
 * queried), renders the status message and edits it in place in each status destination (posting
 * it first, or again if it was deleted). An unchanged rendering sends nothing.
 */
export function createIbcStatusRefresh(options: IbcStatusRefreshOptions): () => Promise<StatusRefreshResult> {
  const { db, statusMessages } = options;
  const now = options.now ?? (() => new Date());
  const ids = [...options.destinationIds];
  return () =>
    statusMessages.refresh(IBC_STATUS_KEY, ids, async () => {
      const [clients, wallets, chains] = await Promise.all([listClients(db), listWallets(db), listChains(db)]);
      return renderIbcStatus({ clients, wallets, chains, now: now() });
    });
}

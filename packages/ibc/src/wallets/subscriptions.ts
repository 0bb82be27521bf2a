/**
 * Wallet subscriptions (`ibc_wallets`): who registered which relayer wallet, on which chain, with
 * which low-balance threshold. The wallet poll owns the balance, state and runway columns; this
 * module owns the subscription itself.
 *
 * Fixes two seed bugs (seed-behaviour §2.5): `$register` let anyone overwrite anyone's wallet, and
 * `$deregister`'s ownership test was a substring test on "<@id>" (so user 12 could remove user
 * 123's wallet). Here an address belongs to the user who registered it, compared by exact id.
 */
import type { Queryable } from '@herald/db/sql';
import { listWallets, type WalletView } from '../queries.js';

export interface WalletSubscription {
  /** Lower case bech32 (see checkAddress). */
  address: string;
  chainId: string;
  /** The Discord user id of the owner. */
  ownerId: string;
  /** Alert below this many base units. */
  threshold: bigint;
}

export type RegisterOutcome =
  | { kind: 'created' }
  /** The owner registered it again: chain and threshold replaced (the previous ones given). */
  | { kind: 'updated'; previous: { chainId: string; threshold: bigint } }
  /** Someone else owns this address: nothing was written. */
  | { kind: 'taken'; ownerId: string };

/** Bech32 is case-insensitive and stored lower case: `COSMOS1…` finds `cosmos1…`. */
export function normalizeAddress(address: string): string {
  return address.trim().toLowerCase();
}

/**
 * Registers `subscription`, or updates its chain and threshold when the same owner registers the
 * address again; refuses (writes nothing) when another user owns it. `balance`, when the chain
 * answered at registration, is stored as the last known balance so lists show it before the next
 * wallet poll. A chain change forgets the old chain's balance and spend history.
 */
export async function registerWallet(
  db: Queryable,
  subscription: WalletSubscription,
  balance?: { amount: bigint; at: Date },
): Promise<RegisterOutcome> {
  const address = normalizeAddress(subscription.address);
  // Two attempts: the owner may deregister between the upsert and the owner lookup.
  for (let attempt = 0; attempt < 2; attempt++) {
    const { rows } = await db.query<{ inserted: boolean; previous_chain_id: string | null; previous_threshold: string | null }>(
      `WITH previous AS (SELECT chain_id, owner_id, threshold FROM ibc_wallets WHERE address = $1),
       -- The samples measured another chain's balance: on a chain change the spend rate starts over.
       forgotten AS (DELETE FROM ibc_wallet_samples s USING previous p WHERE s.address = $1 AND p.owner_id = $3 AND p.chain_id <> $2)
       INSERT INTO ibc_wallets AS w (address, chain_id, owner_id, threshold, balance, balance_at)
       VALUES ($1, $2, $3, $4::numeric, $5::numeric, $6::timestamptz)
       ON CONFLICT (address) DO UPDATE SET
         chain_id = excluded.chain_id,
         threshold = excluded.threshold,
         balance = CASE WHEN w.chain_id = excluded.chain_id THEN COALESCE(excluded.balance, w.balance) ELSE excluded.balance END,
         balance_at = CASE WHEN w.chain_id = excluded.chain_id THEN COALESCE(excluded.balance_at, w.balance_at) ELSE excluded.balance_at END,
         state = CASE WHEN w.chain_id = excluded.chain_id THEN w.state ELSE 'unknown' END,
         spend_per_day = CASE WHEN w.chain_id = excluded.chain_id THEN w.spend_per_day END,
         runway_s = CASE WHEN w.chain_id = excluded.chain_id THEN w.runway_s END,
         last_error = CASE WHEN w.chain_id = excluded.chain_id THEN w.last_error END
       WHERE w.owner_id = excluded.owner_id
       RETURNING (xmax = 0) AS inserted, (SELECT chain_id FROM previous) AS previous_chain_id,
                 (SELECT threshold::text FROM previous) AS previous_threshold`,
      [
        address,
        subscription.chainId,
        subscription.ownerId,
        subscription.threshold.toString(),
        balance?.amount.toString() ?? null,
        balance?.at.toISOString() ?? null,
      ],
    );
    const row = rows[0];
    if (row) {
      if (row.inserted || row.previous_chain_id === null || row.previous_threshold === null) return { kind: 'created' };
      return { kind: 'updated', previous: { chainId: row.previous_chain_id, threshold: BigInt(row.previous_threshold) } };
    }
    const owner = await db.query<{ owner_id: string }>('SELECT owner_id FROM ibc_wallets WHERE address = $1', [address]);
    if (owner.rows[0]) return { kind: 'taken', ownerId: owner.rows[0].owner_id };
  }
  throw new Error(`registering wallet ${address} raced with its removal twice`);
}

export type DeregisterOutcome =
  | { kind: 'removed'; wallet: WalletSubscription }
  | { kind: 'not-found' }
  /** Neither the owner nor privileged: nothing was removed. */
  | { kind: 'not-owner'; ownerId: string };

/**
 * Removes the subscription of `address` (and its balance samples) when `caller` owns it (exact id
 * comparison) or is privileged (the guild owner or the privileged role, as the bot decides).
 */
export async function deregisterWallet(db: Queryable, address: string, caller: { id: string; privileged: boolean }): Promise<DeregisterOutcome> {
  const normalized = normalizeAddress(address);
  const { rows } = await db.query<{ address: string; chain_id: string; owner_id: string; threshold: string }>(
    `DELETE FROM ibc_wallets WHERE address = $1 AND (owner_id = $2 OR $3)
     RETURNING address, chain_id, owner_id, threshold::text`,
    [normalized, caller.id, caller.privileged],
  );
  const removed = rows[0];
  if (removed) {
    return { kind: 'removed', wallet: { address: removed.address, chainId: removed.chain_id, ownerId: removed.owner_id, threshold: BigInt(removed.threshold) } };
  }
  const owner = await db.query<{ owner_id: string }>('SELECT owner_id FROM ibc_wallets WHERE address = $1', [normalized]);
  return owner.rows[0] ? { kind: 'not-owner', ownerId: owner.rows[0].owner_id } : { kind: 'not-found' };
}

/** One registered wallet with its chain and last known balance, or undefined. */
export async function getWallet(db: Queryable, address: string): Promise<WalletView | undefined> {
  const [wallet] = await listWallets(db, { address: normalizeAddress(address) });
  return wallet;
}

/** The wallets `ownerId` registered, sorted by chain name then address. */
export function listWalletsOf(db: Queryable, ownerId: string): Promise<WalletView[]> {
  return listWallets(db, { ownerId });
}

import type { Queryable } from '@herald/db/sql';
import { truncate } from '@herald/discord/text';
import { MaxStoredErrorLength } from '../stored-text.js';
import type { BalanceSample } from './runway.js';
import type { WalletState } from './balance-state.js';

/** A wallet row as the wallet poll needs it (amounts in exact base units). */
export interface StoredWallet {
  address: string;
  chainId: string;
  ownerId: string;
  threshold: bigint;
  state: WalletState;
  transitions: number;
  createdAt: Date;
}

/** Every registered wallet (address and chain), for the reads outside the transaction. */
export async function listWalletAddresses(db: Queryable): Promise<Array<{ address: string; chainId: string }>> {
  const { rows } = await db.query<{ address: string; chain_id: string }>('SELECT address, chain_id FROM ibc_wallets ORDER BY address');
  return rows.map((r) => ({ address: r.address, chainId: r.chain_id }));
}

/**
 * Locks the listed wallets until the transaction ends, in address order, and returns them as they
 * are now: a wallet deregistered since its balance was read is simply missing, and a threshold
 * changed since is the one judged.
 */
export async function lockWallets(sql: Queryable, addresses: readonly string[]): Promise<Map<string, StoredWallet>> {
  if (addresses.length === 0) return new Map();
  const { rows } = await sql.query<{ address: string; chain_id: string; owner_id: string; threshold: string; state: WalletState; transitions: number; created_at: Date }>(
    `SELECT address, chain_id, owner_id, threshold::text, state, transitions, created_at FROM ibc_wallets
      WHERE address = ANY($1::text[]) ORDER BY address FOR UPDATE`,
    [[...addresses]],
  );
  return new Map(
    rows.map((r) => [
      r.address,
      { address: r.address, chainId: r.chain_id, ownerId: r.owner_id, threshold: BigInt(r.threshold), state: r.state, transitions: r.transitions, createdAt: r.created_at },
    ]),
  );
}

/** Adds this poll's balances as samples and returns every wallet's samples since `since` (for the runway). */
export async function addSamples(sql: Queryable, balances: ReadonlyMap<string, bigint>, at: Date, since: Date): Promise<Map<string, BalanceSample[]>> {
  const addresses = [...balances.keys()];
  if (addresses.length === 0) return new Map();
  await sql.query(
    `INSERT INTO ibc_wallet_samples (address, at, balance) SELECT a, $3::timestamptz, b FROM unnest($1::text[], $2::numeric[]) AS x(a, b)
     ON CONFLICT (address, at) DO UPDATE SET balance = excluded.balance`,
    [addresses, addresses.map((a) => balances.get(a)!.toString()), at.toISOString()],
  );
  const { rows } = await sql.query<{ address: string; at: Date; balance: string }>(
    `SELECT address, at, balance::text FROM ibc_wallet_samples WHERE address = ANY($1::text[]) AND at >= $2::timestamptz ORDER BY address, at`,
    [addresses, since.toISOString()],
  );
  const samples = new Map<string, BalanceSample[]>();
  for (const r of rows) samples.set(r.address, [...(samples.get(r.address) ?? []), { at: r.at, balance: BigInt(r.balance) }]);
  return samples;
}

/** What one poll writes for one wallet whose balance was read. */
export interface WalletUpdate {
  address: string;
  state: WalletState;
  transitions: number;
  balance: bigint;
  spendPerDay: bigint | null;
  runwaySeconds: number | null;
}

/** Writes read balances, states and runway (one statement) and the failures of the others (kept balance, `last_error`). */
export async function saveWallets(sql: Queryable, updates: readonly WalletUpdate[], failures: ReadonlyMap<string, string>, at: Date): Promise<void> {
  if (updates.length > 0) {
    await sql.query(
      `UPDATE ibc_wallets w SET state = u.state, transitions = u.transitions, balance = u.balance, balance_at = $7::timestamptz, last_error = NULL,
              spend_per_day = u.spend, runway_s = u.runway
         FROM unnest($1::text[], $2::text[], $3::int[], $4::numeric[], $5::numeric[], $6::bigint[]) AS u(address, state, transitions, balance, spend, runway)
        WHERE w.address = u.address`,
      [
        updates.map((u) => u.address),
        updates.map((u) => u.state),
        updates.map((u) => u.transitions),
        updates.map((u) => u.balance.toString()),
        updates.map((u) => u.spendPerDay?.toString() ?? null),
        updates.map((u) => (u.runwaySeconds === null ? null : String(u.runwaySeconds))),
        at.toISOString(),
      ],
    );
  }
  if (failures.size > 0) {
    await sql.query(`UPDATE ibc_wallets w SET last_error = u.error FROM unnest($1::text[], $2::text[]) AS u(address, error) WHERE w.address = u.address`, [
      [...failures.keys()],
      [...failures.values()].map((e) => truncate(e, MaxStoredErrorLength)),
    ]);
  }
}

/** Deletes samples older than `before` (the runway window needs a day; a week is kept for the pages). */
export async function pruneSamples(sql: Queryable, before: Date): Promise<number> {
  const { rowCount } = await sql.query('DELETE FROM ibc_wallet_samples WHERE at < $1::timestamptz', [before.toISOString()]);
  return rowCount ?? 0;
}

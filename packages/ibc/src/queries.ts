import type { IbcClientState } from '@herald/contracts';
import type { Queryable } from '@herald/db/sql';

/**
 * What commands (`data`, `wallets`), the status message, the dashboard and /metrics show: the
 * last judged state of every client and wallet, as stored by the polls. Nothing here queries a chain.
 */
export interface ClientView {
  chainId: string;
  chainName: string;
  clientId: string;
  trackedChainId: string | null;
  trackedChainName: string | null;
  connectionId: string | null;
  counterpartyConnectionId: string | null;
  counterpartyClientId: string | null;
  state: IbcClientState;
  /** ibc-go's status word as last read (Active, Expired, Frozen, …). */
  status: string | null;
  trustingPeriodSeconds: number | null;
  latestHeight: string | null;
  lastUpdateAt: Date | null;
  expiresAt: Date | null;
  /** The host chain's block time at the last check. */
  hostTime: Date | null;
  /** Seconds left at the last check (expiresAt − hostTime); negative once expired. */
  secondsLeft: number | null;
  /** Percent of the trusting period left at the last check (0–100). */
  percentLeft: number | null;
  lastCheckedAt: Date | null;
  lastError: string | null;
  stateSince: Date;
  /** The host chain is unreachable now: the state shown is the last known one. */
  stale: boolean;
}

export interface WalletView {
  address: string;
  chainId: string;
  chainName: string;
  ownerId: string;
  /** Exact base units. */
  threshold: bigint;
  balance: bigint | null;
  balanceAt: Date | null;
  denom: string;
  displayDenom: string;
  exponent: number;
  state: 'ok' | 'low' | 'unknown';
  spendPerDay: bigint | null;
  runwaySeconds: number | null;
  lastError: string | null;
  /** The chain is unreachable now: the balance shown is the last known one. */
  stale: boolean;
}

export interface ChainView {
  chainId: string;
  name: string;
  origin: 'config' | 'command';
  endpoints: number;
  unreachableSince: Date | null;
  /** Answers but makes no new blocks since then (see recordChainHalts). */
  haltedSince: Date | null;
  lastError: string | null;
  blockHeight: bigint | null;
  blockTime: Date | null;
  lastSuccessAt: Date | null;
}

interface ClientRow {
  chain_id: string;
  chain_name: string | null;
  client_id: string;
  tracked_chain_id: string | null;
  tracked_chain_name: string | null;
  connection_id: string | null;
  counterparty_connection_id: string | null;
  counterparty_client_id: string | null;
  state: IbcClientState;
  status: string | null;
  trusting_period_s: bigint | null;
  latest_height: string | null;
  last_update_at: Date | null;
  expires_at: Date | null;
  host_time: Date | null;
  last_checked_at: Date | null;
  last_error: string | null;
  state_since: Date;
  stale: boolean;
}

/** Every known client, sorted by chain name then client id (the seed sorted `ibc_data` by chain name). */
export async function listClients(db: Queryable, filter: { chainId?: string } = {}): Promise<ClientView[]> {
  const { rows } = await db.query<ClientRow>(
    `SELECT c.chain_id, h.name AS chain_name, c.client_id, c.tracked_chain_id, t.name AS tracked_chain_name,
            c.connection_id, c.counterparty_connection_id, c.counterparty_client_id, c.state, c.status,
            c.trusting_period_s, c.latest_height, c.last_update_at, c.expires_at, c.host_time, c.last_checked_at,
            c.last_error, c.state_since, (h.unreachable_since IS NOT NULL) AS stale
       FROM ibc_clients c
       LEFT JOIN ibc_chains h ON h.chain_id = c.chain_id
       LEFT JOIN ibc_chains t ON t.chain_id = c.tracked_chain_id
      WHERE ($1::text IS NULL OR c.chain_id = $1)
      ORDER BY COALESCE(h.name, c.chain_id), c.chain_id, length(c.client_id), c.client_id`,
    [filter.chainId ?? null],
  );
  return rows.map(toClientView);
}

function toClientView(row: ClientRow): ClientView {
  const trustingPeriodSeconds = row.trusting_period_s === null ? null : Number(row.trusting_period_s);
  const secondsLeft = row.expires_at && row.host_time ? Math.round((row.expires_at.getTime() - row.host_time.getTime()) / 1000) : null;
  const percentLeft =
    secondsLeft !== null && trustingPeriodSeconds ? Math.max(0, Math.min(100, (secondsLeft / trustingPeriodSeconds) * 100)) : null;
  return {
    chainId: row.chain_id,
    chainName: row.chain_name ?? row.chain_id,
    clientId: row.client_id,
    trackedChainId: row.tracked_chain_id,
    trackedChainName: row.tracked_chain_name,
    connectionId: row.connection_id,
    counterpartyConnectionId: row.counterparty_connection_id,
    counterpartyClientId: row.counterparty_client_id,
    state: row.state,
    status: row.status,
    trustingPeriodSeconds,
    latestHeight: row.latest_height,
    lastUpdateAt: row.last_update_at,
    expiresAt: row.expires_at,
    hostTime: row.host_time,
    secondsLeft,
    percentLeft,
    lastCheckedAt: row.last_checked_at,
    lastError: row.last_error,
    stateSince: row.state_since,
    stale: row.stale,
  };
}

interface WalletRow {
  address: string;
  chain_id: string;
  chain_name: string;
  owner_id: string;
  threshold: string;
  balance: string | null;
  balance_at: Date | null;
  denom: string;
  display_denom: string;
  exponent: number;
  state: 'ok' | 'low' | 'unknown';
  spend_per_day: string | null;
  runway_s: bigint | null;
  last_error: string | null;
  stale: boolean;
}

/** Registered wallets (all, one owner's, or one address), sorted by chain then address. */
export async function listWallets(db: Queryable, filter: { ownerId?: string; address?: string } = {}): Promise<WalletView[]> {
  const { rows } = await db.query<WalletRow>(
    `SELECT w.address, w.chain_id, c.name AS chain_name, w.owner_id, w.threshold::text, w.balance::text, w.balance_at,
            c.denom, c.display_denom, c.exponent, w.state, w.spend_per_day::text, w.runway_s, w.last_error,
            (c.unreachable_since IS NOT NULL) AS stale
       FROM ibc_wallets w JOIN ibc_chains c ON c.chain_id = w.chain_id
      WHERE ($1::text IS NULL OR w.owner_id = $1) AND ($2::text IS NULL OR w.address = $2)
      ORDER BY c.name, w.address`,
    [filter.ownerId ?? null, filter.address ?? null],
  );
  return rows.map((row) => ({
    address: row.address,
    chainId: row.chain_id,
    chainName: row.chain_name,
    ownerId: row.owner_id,
    threshold: BigInt(row.threshold),
    balance: row.balance === null ? null : BigInt(row.balance),
    balanceAt: row.balance_at,
    denom: row.denom,
    displayDenom: row.display_denom,
    exponent: row.exponent,
    state: row.state,
    spendPerDay: row.spend_per_day === null ? null : BigInt(row.spend_per_day),
    runwaySeconds: row.runway_s === null ? null : Number(row.runway_s),
    lastError: row.last_error,
    stale: row.stale,
  }));
}

/** Every known chain with its reachability, sorted by name. */
export async function listChains(db: Queryable): Promise<ChainView[]> {
  const { rows } = await db.query<{
    chain_id: string;
    name: string;
    origin: 'config' | 'command';
    endpoints: number;
    unreachable_since: Date | null;
    halted_since: Date | null;
    last_error: string | null;
    block_height: bigint | null;
    block_time: Date | null;
    last_success_at: Date | null;
  }>(
    `SELECT chain_id, name, origin, cardinality(rpc) AS endpoints, unreachable_since, halted_since, last_error, block_height, block_time, last_success_at
       FROM ibc_chains ORDER BY name, chain_id`,
  );
  return rows.map((row) => ({
    chainId: row.chain_id,
    name: row.name,
    origin: row.origin,
    endpoints: row.endpoints,
    unreachableSince: row.unreachable_since,
    haltedSince: row.halted_since,
    lastError: row.last_error,
    blockHeight: row.block_height,
    blockTime: row.block_time,
    lastSuccessAt: row.last_success_at,
  }));
}

/** Configuration warnings found by the polls (e.g. a counterparty chain that is not configured). */
export async function listConfigWarnings(db: Queryable): Promise<Array<{ key: string; message: string; firstSeenAt: Date; lastSeenAt: Date }>> {
  const { rows } = await db.query<{ key: string; message: string; first_seen_at: Date; last_seen_at: Date }>(
    'SELECT key, message, first_seen_at, last_seen_at FROM ibc_config_warnings ORDER BY first_seen_at, key',
  );
  return rows.map((r) => ({ key: r.key, message: r.message, firstSeenAt: r.first_seen_at, lastSeenAt: r.last_seen_at }));
}

import type { IbcClientState } from '@herald/contracts';
import type { Queryable } from '@herald/db/sql';
import { truncate } from '@herald/discord/text';
import { MaxStoredErrorLength } from './stored-text.js';

/** A client's row in `ibc_clients` as the poll needs it: its alert state and what was last read. */
export interface StoredClient {
  chainId: string;
  clientId: string;
  /** `unknown` with `lastCheckedAt` null: never judged (first sight). */
  state: IbcClientState;
  alertedState: IbcClientState | null;
  stateSince: Date;
  lastReminderAt: Date | null;
  transitions: number;
  trackedChainId: string | null;
  trustingPeriodSeconds: number | null;
  lastUpdateAt: Date | null;
  expiresAt: Date | null;
  lastCheckedAt: Date | null;
}

/** What one poll writes for one client. Null in a "read" field means "not read this time": the stored value is kept. */
export interface ClientUpdate {
  chainId: string;
  clientId: string;
  monitoredChainId: string;
  connectionId: string | null;
  counterpartyConnectionId: string | null;
  counterpartyClientId: string | null;
  state: IbcClientState;
  alertedState: IbcClientState | null;
  /** The stored state changed: state_since becomes `checkedAt`. */
  changed: boolean;
  transitions: number;
  lastReminderAt: Date | null;
  lastError: string | null;
  // Read fields (kept when null):
  trackedChainId: string | null;
  status: string | null;
  trustingPeriodSeconds: number | null;
  latestHeight: string | null;
  lastUpdateAt: Date | null;
  expiresAt: Date | null;
  hostTime: Date | null;
  checkedAt: Date | null;
}

export const clientKey = (chainId: string, clientId: string) => `${chainId}\u0000${clientId}`;

interface Row {
  chain_id: string;
  client_id: string;
  state: IbcClientState;
  alerted_state: IbcClientState | null;
  state_since: Date;
  last_reminder_at: Date | null;
  transitions: number;
  tracked_chain_id: string | null;
  trusting_period_s: bigint | null;
  last_update_at: Date | null;
  expires_at: Date | null;
  last_checked_at: Date | null;
}

/**
 * Creates the rows of clients seen for the first time (state `unknown`, never judged) and locks
 * every listed row until the transaction ends (`FOR UPDATE`, in key order): two monitored chains
 * whose scans reach the same client (both ends monitored) then judge it one after the other, and
 * the second sees the first's transition, so nothing is alerted twice. Returns the rows by {@link clientKey}.
 */
export async function lockClients(sql: Queryable, keys: ReadonlyArray<{ chainId: string; clientId: string; monitoredChainId: string }>): Promise<Map<string, StoredClient>> {
  if (keys.length === 0) return new Map();
  const sorted = [...keys].sort((a, b) => (clientKey(a.chainId, a.clientId) < clientKey(b.chainId, b.clientId) ? -1 : 1));
  const chainIds = sorted.map((k) => k.chainId);
  const clientIds = sorted.map((k) => k.clientId);
  await sql.query(
    `INSERT INTO ibc_clients (chain_id, client_id, monitored_chain_id, state)
     SELECT c, k, m, 'unknown' FROM unnest($1::text[], $2::text[], $3::text[]) AS x(c, k, m)
     ON CONFLICT (chain_id, client_id) DO NOTHING`,
    [chainIds, clientIds, sorted.map((k) => k.monitoredChainId)],
  );
  const { rows } = await sql.query<Row>(
    `SELECT chain_id, client_id, state, alerted_state, state_since, last_reminder_at, transitions, tracked_chain_id,
            trusting_period_s, last_update_at, expires_at, last_checked_at
       FROM ibc_clients WHERE (chain_id, client_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))
      ORDER BY chain_id, client_id FOR UPDATE`,
    [chainIds, clientIds],
  );
  return new Map(rows.map((row) => [clientKey(row.chain_id, row.client_id), toStored(row)]));
}

function toStored(row: Row): StoredClient {
  return {
    chainId: row.chain_id,
    clientId: row.client_id,
    state: row.state,
    alertedState: row.alerted_state,
    stateSince: row.state_since,
    lastReminderAt: row.last_reminder_at,
    transitions: row.transitions,
    trackedChainId: row.tracked_chain_id,
    trustingPeriodSeconds: row.trusting_period_s === null ? null : Number(row.trusting_period_s),
    lastUpdateAt: row.last_update_at,
    expiresAt: row.expires_at,
    lastCheckedAt: row.last_checked_at,
  };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Writes one poll's client updates in one statement (timestamps as UTC, `timestamptz` → `timestamp(3)`). */
export async function saveClients(sql: Queryable, updates: readonly ClientUpdate[]): Promise<void> {
  if (updates.length === 0) return;
  const col = <T>(f: (u: ClientUpdate) => T) => updates.map(f);
  await sql.query(
    `UPDATE ibc_clients c SET
       monitored_chain_id = u.monitored, connection_id = COALESCE(u.conn, c.connection_id),
       counterparty_connection_id = COALESCE(u.cp_conn, c.counterparty_connection_id), counterparty_client_id = COALESCE(u.cp_client, c.counterparty_client_id),
       state = u.state, alerted_state = u.alerted, transitions = u.transitions, last_reminder_at = u.reminded::timestamptz,
       state_since = CASE WHEN u.changed THEN COALESCE(u.checked::timestamptz, now()) ELSE c.state_since END,
       last_error = u.error, tracked_chain_id = COALESCE(u.tracked, c.tracked_chain_id), status = COALESCE(u.status, c.status),
       trusting_period_s = COALESCE(u.tp, c.trusting_period_s), latest_height = COALESCE(u.height, c.latest_height),
       last_update_at = COALESCE(u.updated::timestamptz, c.last_update_at), expires_at = COALESCE(u.expires::timestamptz, c.expires_at),
       host_time = COALESCE(u.host::timestamptz, c.host_time), last_checked_at = COALESCE(u.checked::timestamptz, c.last_checked_at)
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bool[], $10::int[],
                 $11::text[], $12::text[], $13::text[], $14::text[], $15::bigint[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[])
       AS u(chain_id, client_id, monitored, conn, cp_conn, cp_client, state, alerted, changed, transitions,
            reminded, error, tracked, status, tp, height, updated, expires, host, checked)
     WHERE c.chain_id = u.chain_id AND c.client_id = u.client_id`,
    [
      col((u) => u.chainId),
      col((u) => u.clientId),
      col((u) => u.monitoredChainId),
      col((u) => u.connectionId),
      col((u) => u.counterpartyConnectionId),
      col((u) => u.counterpartyClientId),
      col((u) => u.state),
      col((u) => u.alertedState),
      col((u) => u.changed),
      col((u) => u.transitions),
      col((u) => iso(u.lastReminderAt)),
      col((u) => (u.lastError === null ? null : truncate(u.lastError, MaxStoredErrorLength))),
      col((u) => u.trackedChainId),
      col((u) => u.status),
      col((u) => (u.trustingPeriodSeconds === null ? null : String(u.trustingPeriodSeconds))),
      col((u) => u.latestHeight),
      col((u) => iso(u.lastUpdateAt)),
      col((u) => iso(u.expiresAt)),
      col((u) => iso(u.hostTime)),
      col((u) => iso(u.checkedAt)),
    ],
  );
}

/** A dead client's plan inputs: when it was last read and the chain it tracks. */
export interface DeadClient {
  lastCheckedAt: Date | null;
  trackedChainId: string | null;
}

/**
 * Dead clients (expired or frozen), by {@link clientKey}: the poll's plan re-reads them only every
 * `expiredPollInterval`, and then by status alone (one query instead of three).
 */
export async function loadDeadClients(db: Queryable): Promise<Map<string, DeadClient>> {
  const { rows } = await db.query<{ chain_id: string; client_id: string; last_checked_at: Date | null; tracked_chain_id: string | null }>(
    `SELECT chain_id, client_id, last_checked_at, tracked_chain_id FROM ibc_clients WHERE state IN ('expired', 'frozen')`,
  );
  return new Map(rows.map((r) => [clientKey(r.chain_id, r.client_id), { lastCheckedAt: r.last_checked_at, trackedChainId: r.tracked_chain_id }]));
}

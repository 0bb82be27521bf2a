import type { Logger } from '@herald/logging';
import { stateToJSON, type IdentifiedConnection } from 'cosmjs-types/ibc/core/connection/v1/connection';
import type { Height } from 'cosmjs-types/ibc/core/client/v1/client';
import { ClientState as TmClientState, ConsensusState as TmConsensusState } from 'cosmjs-types/ibc/lightclients/tendermint/v1/tendermint';
import pLimit from 'p-limit';
import { ChainQueryError, type Chain, type ChainRpc, type ClientObservation, type ConnectionInfo, type ConnectionState, type LatestBlock } from '../types.js';
import { EndpointPool } from './pool.js';

export interface ChainRpcOptions {
  /** Per request, in ms (cosmjs has no default timeout: a stuck node would hang a poll forever). */
  timeoutMs: number;
  logger?: Logger;
  /** How long a fallback endpoint stays preferred before the first endpoint is tried again (default 5 min). */
  preferredRetryMs?: number;
  /** Most pages `connections('all')` reads before giving up on a node whose `next_key` never ends (default 1,000 = 100,000 connections). */
  maxPages?: number;
  /** Queries in flight at once for `connections([ids])` (default 8). */
  concurrency?: number;
  /** Clock for the preferred-endpoint retry (tests). */
  now?: () => number;
}

const TM_CLIENT_STATE = '/ibc.lightclients.tendermint.v1.ClientState';
const TM_CONSENSUS_STATE = '/ibc.lightclients.tendermint.v1.ConsensusState';

const heightText = (h: Height): string => `${h.revisionNumber}-${h.revisionHeight}`;
const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

function connectionInfo(id: string, c: Omit<IdentifiedConnection, 'id'>): ConnectionInfo {
  return {
    connectionId: id,
    clientId: c.clientId,
    state: stateToJSON(c.state) as ConnectionState,
    counterparty: { clientId: c.counterparty?.clientId ?? '', connectionId: c.counterparty?.connectionId ?? '' },
  };
}

/**
 * The {@link ChainRpc} of one chain over its CometBFT RPC endpoints (`chain.rpc`, tried in order with
 * failover, see {@link EndpointPool}), with `@cosmjs/stargate`'s IBC and bank query extensions.
 * Expiry inputs follow ibc-go: status from `ClientStatus`, trusting period and latest height from the
 * Tendermint client state, last update = the consensus state's timestamp at the latest height (asked
 * with `latest_height: true`, never with cosmjs's number-only helpers that send revision 0,
 * dependency-notes §5b).
 */
export function createChainRpc(chain: Chain, options: ChainRpcOptions): ChainRpc {
  const pool = new EndpointPool(chain.chainId, chain.rpc, {
    timeoutMs: options.timeoutMs,
    preferredRetryMs: options.preferredRetryMs ?? 5 * 60_000,
    now: options.now ?? Date.now,
    logger: options.logger,
  });
  const maxPages = options.maxPages ?? 1000;
  const limit = pLimit(options.concurrency ?? 8);

  async function allConnections(): Promise<ConnectionInfo[]> {
    const byId = new Map<string, ConnectionInfo>(); // a node repeating an id across pages must not double it
    let key: Uint8Array | undefined;
    for (let page = 0; ; page++) {
      if (page >= maxPages) {
        throw new ChainQueryError(chain.chainId, `connections: stopped after ${maxPages} pages (${byId.size} connections); the node's pagination never ends`);
      }
      const response = await pool.run((c) => c.query.ibc.connection.connections(key));
      for (const conn of response.connections) byId.set(conn.id, connectionInfo(conn.id, conn));
      const next = response.pagination?.nextKey;
      if (next === undefined || next.length === 0) return [...byId.values()];
      if (key !== undefined && sameBytes(next, key)) {
        throw new ChainQueryError(chain.chainId, `connections: the node answered the same next_key twice (${byId.size} connections read)`);
      }
      key = next;
    }
  }

  async function oneConnection(connectionId: string): Promise<ConnectionInfo> {
    const response = await pool.run((c) => c.query.ibc.connection.connection(connectionId));
    if (response.connection === undefined) throw new ChainQueryError(chain.chainId, `connection not found: ${connectionId}`, 38);
    return connectionInfo(connectionId, response.connection);
  }

  async function client(clientId: string, opts?: { statusOnly?: boolean }): Promise<ClientObservation> {
    const status = pool.run((c) => c.ibcClient.ClientStatus({ clientId }).then((r) => r.status));
    if (opts?.statusOnly === true) {
      const s = await status;
      return { clientId, status: s, trackedChainId: null, trustingPeriodSeconds: null, latestHeight: null, frozen: s === 'Frozen', lastUpdateAt: null };
    }
    // The three queries go out together (one round trip per client, not two): the consensus state
    // is asked with `latest_height: true`, which ibc-go resolves to the client state's latest height
    // with both revision numbers (cosmjs's number-only helpers would send revision 0). Each answer is
    // decoded inside its call, so a garbled answer counts as that endpoint's failure.
    const state = pool.run(async (c) => {
      const any = (await c.query.ibc.client.state(clientId)).clientState;
      return any?.typeUrl === TM_CLIENT_STATE ? TmClientState.decode(any.value) : null;
    });
    const consensus = pool
      .run(async (c) => {
        const any = (await c.ibcClient.ConsensusState({ clientId, revisionNumber: 0n, revisionHeight: 0n, latestHeight: true })).consensusState;
        return any?.typeUrl === TM_CONSENSUS_STATE ? TmConsensusState.decode(any.value).timestamp : null;
      })
      .catch((err: unknown) => {
        // No consensus state at the latest height (pruned), or a client type without one (09-localhost):
        // ibc-go itself reports a Tendermint client in that case Expired, so keep status and client state.
        if (!(err instanceof ChainQueryError)) throw err;
        options.logger?.debug({ chainId: chain.chainId, clientId, err: err.message }, 'IBC consensus state at the latest height not readable');
        return null;
      });
    const [s, tm, timestamp] = await Promise.all([status, state, consensus]);
    if (tm === null) {
      // 09-localhost, wasm and other client types track no chain through a Tendermint client state.
      return { clientId, status: s, trackedChainId: null, trustingPeriodSeconds: null, latestHeight: null, frozen: s === 'Frozen', lastUpdateAt: null };
    }
    const lastUpdateAt = timestamp === null ? null : new Date(Number(timestamp.seconds) * 1000 + Math.floor(timestamp.nanos / 1_000_000));
    return {
      clientId,
      status: s,
      trackedChainId: tm.chainId,
      trustingPeriodSeconds: Number(tm.trustingPeriod.seconds),
      latestHeight: heightText(tm.latestHeight),
      frozen: tm.frozenHeight.revisionNumber !== 0n || tm.frozenHeight.revisionHeight !== 0n,
      lastUpdateAt,
    };
  }

  return {
    chainId: chain.chainId,
    get requestCount() {
      return pool.requestCount;
    },
    async latestBlock(): Promise<LatestBlock> {
      const status = await pool.run((c) => c.comet.status());
      return { chainId: chain.chainId, height: BigInt(status.syncInfo.latestBlockHeight), time: new Date(status.syncInfo.latestBlockTime.getTime()) };
    },
    connections: (select) => (select === 'all' ? allConnections() : Promise.all(select.map((id) => limit(() => oneConnection(id))))),
    client,
    async balance(address: string, denom: string): Promise<bigint> {
      const coin = await pool.run((c) => c.query.bank.balance(address, denom));
      return coin.amount === '' ? 0n : BigInt(coin.amount);
    },
    close: () => pool.close(),
  };
}

import { QueryAllBalancesRequest, QueryAllBalancesResponse, QueryBalanceRequest, QueryBalanceResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { PageRequest, PageResponse } from 'cosmjs-types/cosmos/base/query/v1beta1/pagination';
import { Any } from 'cosmjs-types/google/protobuf/any';
import { Height, IdentifiedClientState } from 'cosmjs-types/ibc/core/client/v1/client';
import {
  QueryClientStateRequest,
  QueryClientStateResponse,
  QueryClientStatusRequest,
  QueryClientStatusResponse,
  QueryConsensusStateRequest,
  QueryConsensusStateResponse,
} from 'cosmjs-types/ibc/core/client/v1/query';
import { IdentifiedConnection, State as ConnectionStateEnum } from 'cosmjs-types/ibc/core/connection/v1/connection';
import {
  QueryConnectionClientStateRequest,
  QueryConnectionClientStateResponse,
  QueryConnectionRequest,
  QueryConnectionResponse,
  QueryConnectionsRequest,
  QueryConnectionsResponse,
} from 'cosmjs-types/ibc/core/connection/v1/query';
import { ClientState as TmClientState, ConsensusState as TmConsensusState } from 'cosmjs-types/ibc/lightclients/tendermint/v1/tendermint';

export type ClientStatus = 'Active' | 'Expired' | 'Frozen' | 'Unknown';
export type ConnectionState = 'STATE_OPEN' | 'STATE_INIT' | 'STATE_TRYOPEN';
export type HeightInput = number | { revisionNumber: number; revisionHeight: number };

export interface FakeCosmosClientInput {
  clientId: string;
  counterpartyChainId: string;
  trustingPeriodSeconds: number;
  latestHeight: HeightInput;
  /** Time of the latest update: the timestamp of the consensus state at `latestHeight`. */
  lastUpdate: Date;
  frozen?: boolean;
  /** Forces the `ClientStatus` answer; otherwise it is computed (Frozen / Expired against the block time / Active). */
  status?: ClientStatus;
}

export interface FakeCosmosConnectionInput {
  connectionId: string;
  clientId: string;
  state: ConnectionState;
  counterparty: { clientId: string; connectionId: string };
}

/** What an ABCI query answers: a non-zero code is an error, as a node reports it. */
export interface AbciResult {
  code: number;
  log: string;
  codespace: string;
  value: Uint8Array;
}

export interface AbciError {
  code: number;
  log: string;
  codespace?: string;
}

interface StoredClient {
  clientId: string;
  counterpartyChainId: string;
  trustingPeriodSeconds: number;
  latestHeight: Height;
  frozen: boolean;
  status: ClientStatus | undefined;
  /** Consensus states by "revisionNumber-revisionHeight". */
  consensus: Map<string, Date>;
}

const TM_CLIENT_STATE = '/ibc.lightclients.tendermint.v1.ClientState';
const TM_CONSENSUS_STATE = '/ibc.lightclients.tendermint.v1.ConsensusState';
const DEFAULT_PAGE_LIMIT = 100;

/** The revision number a chain id implies (`cosmoshub-4` → 4), as ibc-go parses it. */
export function revisionFromChainId(chainId: string): number {
  const match = /^.*[^\n-]-{1}([1-9][0-9]*)$/.exec(chainId);
  return match?.[1] !== undefined ? Number(match[1]) : 0;
}

function toHeight(input: HeightInput, chainId: string): Height {
  return typeof input === 'number'
    ? { revisionNumber: BigInt(revisionFromChainId(chainId)), revisionHeight: BigInt(input) }
    : { revisionNumber: BigInt(input.revisionNumber), revisionHeight: BigInt(input.revisionHeight) };
}

const heightKey = (h: Height): string => `${h.revisionNumber}-${h.revisionHeight}`;
const utf8 = new TextEncoder();
const fromUtf8 = (b: Uint8Array): string => new TextDecoder().decode(b);
/** Store order: ids compare as bytes, like keys in the IAVL store. */
const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

const ok = (value: Uint8Array): AbciResult => ({ code: 0, log: '', codespace: '', value });
// baseapp maps gRPC errors to SDK errors: NotFound → ErrKeyNotFound (38), InvalidArgument → ErrInvalidRequest (18).
const notFound = (what: string): AbciResult => ({ code: 38, codespace: 'sdk', log: `${what}: key not found`, value: new Uint8Array() });
const invalid = (what: string): AbciResult => ({ code: 18, codespace: 'sdk', log: `${what}: invalid request`, value: new Uint8Array() });

/**
 * Cosmos SDK key pagination over `items` (already in store order): `key` resumes at the item whose key is
 * `key`, else `offset`; `next_key` is the key of the first item not returned; `total` only on the first page.
 */
export function paginate<T>(items: readonly T[], keyOf: (item: T) => string, req: PageRequest | undefined): { page: T[]; pagination: PageResponse } | { error: string } {
  const key = req?.key ?? new Uint8Array();
  const offset = Number(req?.offset ?? 0n);
  const limit = Number(req?.limit ?? 0n) || DEFAULT_PAGE_LIMIT;
  if (key.length > 0 && offset > 0) return { error: 'paginate: invalid request, either offset or key is expected, got both' };
  let start = offset;
  if (key.length > 0) {
    const wanted = fromUtf8(key);
    start = items.findIndex((item) => byteOrder(keyOf(item), wanted) >= 0);
    if (start < 0) start = items.length;
  }
  const page = items.slice(start, start + limit);
  const next = items[start + limit];
  return {
    page,
    pagination: {
      nextKey: next === undefined ? new Uint8Array() : utf8.encode(keyOf(next)),
      total: key.length === 0 ? BigInt(items.length) : 0n,
    },
  };
}

export class CosmosState {
  height: number;
  time: Date;
  private readonly clients = new Map<string, StoredClient>();
  private readonly connections = new Map<string, FakeCosmosConnectionInput>();
  private readonly balances = new Map<string, Map<string, string>>();

  constructor(readonly chainId: string, height: number, time: Date) {
    this.height = height;
    this.time = time;
  }

  addClient(input: FakeCosmosClientInput): void {
    const latestHeight = toHeight(input.latestHeight, input.counterpartyChainId);
    const existing = this.clients.get(input.clientId);
    const consensus = existing?.consensus ?? new Map<string, Date>();
    consensus.set(heightKey(latestHeight), input.lastUpdate);
    this.clients.set(input.clientId, {
      clientId: input.clientId,
      counterpartyChainId: input.counterpartyChainId,
      trustingPeriodSeconds: input.trustingPeriodSeconds,
      latestHeight,
      frozen: input.frozen ?? false,
      status: input.status,
      consensus,
    });
  }

  /** Adds an older (or newer, without moving latestHeight) consensus state to a client. */
  addConsensusState(clientId: string, height: HeightInput, timestamp: Date): void {
    const client = this.requireClient(clientId);
    client.consensus.set(heightKey(toHeight(height, client.counterpartyChainId)), timestamp);
  }

  setClientStatus(clientId: string, status: ClientStatus | undefined): void {
    this.requireClient(clientId).status = status;
  }

  addConnection(input: FakeCosmosConnectionInput): void {
    this.connections.set(input.connectionId, structuredClone(input));
  }

  setBalance(address: string, denom: string, amount: string | number | bigint): void {
    let coins = this.balances.get(address);
    if (coins === undefined) this.balances.set(address, (coins = new Map()));
    coins.set(denom, String(amount));
  }

  /** The status ibc-go would report: Frozen, else Expired (last update + trusting period ≤ block time), else Active. */
  clientStatus(clientId: string): ClientStatus {
    const client = this.clients.get(clientId);
    if (client === undefined) return 'Unknown';
    if (client.status !== undefined) return client.status;
    if (client.frozen) return 'Frozen';
    const last = client.consensus.get(heightKey(client.latestHeight));
    if (last === undefined) return 'Unknown';
    return last.getTime() + client.trustingPeriodSeconds * 1000 <= this.time.getTime() ? 'Expired' : 'Active';
  }

  query(path: string, data: Uint8Array): AbciResult | undefined {
    switch (path) {
      case '/cosmos.bank.v1beta1.Query/Balance': {
        const req = QueryBalanceRequest.decode(data);
        if (req.address === '') return invalid('empty address string is not allowed');
        if (req.denom === '') return invalid('invalid denom');
        const amount = this.balances.get(req.address)?.get(req.denom) ?? '0';
        return ok(QueryBalanceResponse.encode({ balance: { denom: req.denom, amount } }).finish());
      }
      case '/cosmos.bank.v1beta1.Query/AllBalances': {
        const req = QueryAllBalancesRequest.decode(data);
        if (req.address === '') return invalid('empty address string is not allowed');
        const coins = [...(this.balances.get(req.address) ?? new Map<string, string>())]
          .filter(([, amount]) => amount !== '0')
          .map(([denom, amount]) => ({ denom, amount }))
          .sort((a, b) => byteOrder(a.denom, b.denom));
        const result = paginate(coins, (c) => c.denom, req.pagination);
        if ('error' in result) return invalid(result.error);
        return ok(QueryAllBalancesResponse.encode({ balances: result.page, pagination: result.pagination }).finish());
      }
      case '/ibc.core.client.v1.Query/ClientState': {
        const { clientId } = QueryClientStateRequest.decode(data);
        const client = this.clients.get(clientId);
        if (client === undefined) return notFound(`client state not found: ${clientId}`);
        return ok(QueryClientStateResponse.encode({ clientState: this.clientStateAny(client), proof: new Uint8Array(), proofHeight: this.proofHeight() }).finish());
      }
      case '/ibc.core.client.v1.Query/ConsensusState': {
        const req = QueryConsensusStateRequest.decode(data);
        const client = this.clients.get(req.clientId);
        if (client === undefined) return notFound(`client state not found: ${req.clientId}`);
        const height = req.latestHeight ? client.latestHeight : { revisionNumber: req.revisionNumber, revisionHeight: req.revisionHeight };
        const timestamp = client.consensus.get(heightKey(height));
        if (timestamp === undefined) return notFound(`consensus state not found: client-id: ${req.clientId}, height: ${heightKey(height)}`);
        const ms = timestamp.getTime();
        const consensusState = Any.fromPartial({
          typeUrl: TM_CONSENSUS_STATE,
          value: TmConsensusState.encode(TmConsensusState.fromPartial({
            timestamp: { seconds: BigInt(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1_000_000 },
            root: { hash: new Uint8Array(32).fill(0xaa) },
            nextValidatorsHash: new Uint8Array(32).fill(0xbb),
          })).finish(),
        });
        return ok(QueryConsensusStateResponse.encode({ consensusState, proof: new Uint8Array(), proofHeight: this.proofHeight() }).finish());
      }
      case '/ibc.core.client.v1.Query/ClientStatus': {
        const { clientId } = QueryClientStatusRequest.decode(data);
        return ok(QueryClientStatusResponse.encode({ status: this.clientStatus(clientId) }).finish());
      }
      case '/ibc.core.connection.v1.Query/Connection': {
        const { connectionId } = QueryConnectionRequest.decode(data);
        const conn = this.connections.get(connectionId);
        if (conn === undefined) return notFound(`connection not found: ${connectionId}`);
        const { id: _id, ...connection } = this.identifiedConnection(conn);
        return ok(QueryConnectionResponse.encode({ connection, proof: new Uint8Array(), proofHeight: this.proofHeight() }).finish());
      }
      case '/ibc.core.connection.v1.Query/Connections': {
        const req = QueryConnectionsRequest.decode(data);
        const all = [...this.connections.values()].sort((a, b) => byteOrder(a.connectionId, b.connectionId));
        const result = paginate(all, (c) => c.connectionId, req.pagination);
        if ('error' in result) return invalid(result.error);
        return ok(QueryConnectionsResponse.encode({
          connections: result.page.map((c) => this.identifiedConnection(c)),
          pagination: result.pagination,
          height: this.proofHeight(),
        }).finish());
      }
      case '/ibc.core.connection.v1.Query/ConnectionClientState': {
        const { connectionId } = QueryConnectionClientStateRequest.decode(data);
        const conn = this.connections.get(connectionId);
        if (conn === undefined) return notFound(`connection not found: ${connectionId}`);
        const client = this.clients.get(conn.clientId);
        if (client === undefined) return notFound(`client state not found: ${conn.clientId}`);
        const identifiedClientState = IdentifiedClientState.fromPartial({ clientId: client.clientId, clientState: this.clientStateAny(client) });
        return ok(QueryConnectionClientStateResponse.encode({ identifiedClientState, proof: new Uint8Array(), proofHeight: this.proofHeight() }).finish());
      }
      default:
        return undefined;
    }
  }

  private requireClient(clientId: string): StoredClient {
    const client = this.clients.get(clientId);
    if (client === undefined) throw new Error(`fake-cosmos: no client ${clientId}`);
    return client;
  }

  private proofHeight(): Height {
    return { revisionNumber: BigInt(revisionFromChainId(this.chainId)), revisionHeight: BigInt(this.height) };
  }

  private clientStateAny(client: StoredClient): Any {
    const value = TmClientState.encode(TmClientState.fromPartial({
      chainId: client.counterpartyChainId,
      trustLevel: { numerator: 1n, denominator: 3n },
      trustingPeriod: { seconds: BigInt(client.trustingPeriodSeconds), nanos: 0 },
      unbondingPeriod: { seconds: BigInt(Math.max(client.trustingPeriodSeconds, 1_814_400)), nanos: 0 },
      maxClockDrift: { seconds: 10n, nanos: 0 },
      frozenHeight: client.frozen ? { revisionNumber: 0n, revisionHeight: 1n } : { revisionNumber: 0n, revisionHeight: 0n },
      latestHeight: client.latestHeight,
      upgradePath: ['upgrade', 'upgradedIBCState'],
    })).finish();
    return Any.fromPartial({ typeUrl: TM_CLIENT_STATE, value });
  }

  private identifiedConnection(conn: FakeCosmosConnectionInput): IdentifiedConnection {
    return IdentifiedConnection.fromPartial({
      id: conn.connectionId,
      clientId: conn.clientId,
      versions: [{ identifier: '1', features: ['ORDER_ORDERED', 'ORDER_UNORDERED'] }],
      state: ConnectionStateEnum[conn.state],
      counterparty: { clientId: conn.counterparty.clientId, connectionId: conn.counterparty.connectionId, prefix: { keyPrefix: utf8.encode('ibc') } },
      delayPeriod: 0n,
    });
  }
}

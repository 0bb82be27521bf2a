import { Bech32PrefixResponse } from 'cosmjs-types/cosmos/auth/v1beta1/query';
import { QueryAllBalancesRequest, QueryAllBalancesResponse, QueryBalanceRequest, QueryBalanceResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { QueryParamsResponse as MintParamsResponse } from 'cosmjs-types/cosmos/mint/v1beta1/query';
import { BinaryWriter } from 'cosmjs-types/binary';
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
import { ClientState as WasmClientState } from 'cosmjs-types/ibc/lightclients/wasm/v1/wasm';
import { paginate } from './pagination.js';
import { heightKey, revisionFromChainId, type CosmosState, type FakeCosmosConnectionInput, type StoredClient } from './state.js';

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

const TM_CLIENT_STATE = '/ibc.lightclients.tendermint.v1.ClientState';
const TM_CONSENSUS_STATE = '/ibc.lightclients.tendermint.v1.ConsensusState';
const utf8 = new TextEncoder();

const ok = (value: Uint8Array): AbciResult => ({ code: 0, log: '', codespace: '', value });
// baseapp maps gRPC errors to SDK errors: NotFound → ErrKeyNotFound (38), InvalidArgument → ErrInvalidRequest (18).
const notFound = (what: string): AbciResult => ({ code: 38, codespace: 'sdk', log: `${what}: key not found`, value: new Uint8Array() });
const invalid = (what: string): AbciResult => ({ code: 18, codespace: 'sdk', log: `${what}: invalid request`, value: new Uint8Array() });

const proofHeight = (state: CosmosState): Height => ({ revisionNumber: BigInt(revisionFromChainId(state.chainId)), revisionHeight: BigInt(state.height) });

/** ibc-go's ClientState as an `Any`: Tendermint (07), localhost v2 (09, hand-framed: cosmjs-types lacks it) or wasm (08). */
function clientStateAny(client: StoredClient): Any {
  if (client.kind !== 'tendermint') {
    if (client.kind === 'localhost') {
      const writer = BinaryWriter.create();
      Height.encode(client.latestHeight, writer.uint32(10).fork()).ldelim(); // field 1: latest_height
      return Any.fromPartial({ typeUrl: '/ibc.lightclients.localhost.v2.ClientState', value: writer.finish() });
    }
    const value = WasmClientState.encode({ data: new Uint8Array([1, 2, 3]), checksum: new Uint8Array(32).fill(0xcc), latestHeight: client.latestHeight }).finish();
    return Any.fromPartial({ typeUrl: '/ibc.lightclients.wasm.v1.ClientState', value });
  }
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

function identifiedConnection(conn: FakeCosmosConnectionInput): IdentifiedConnection {
  return IdentifiedConnection.fromPartial({
    id: conn.connectionId,
    clientId: conn.clientId,
    versions: [{ identifier: '1', features: ['ORDER_ORDERED', 'ORDER_UNORDERED'] }],
    state: ConnectionStateEnum[conn.state],
    counterparty: { clientId: conn.counterparty.clientId, connectionId: conn.counterparty.connectionId, prefix: { keyPrefix: utf8.encode('ibc') } },
    delayPeriod: 0n,
  });
}

function consensusState(state: CosmosState, data: Uint8Array): AbciResult {
  const req = QueryConsensusStateRequest.decode(data);
  const client = state.client(req.clientId);
  if (client === undefined) return notFound(`client state not found: ${req.clientId}`);
  const height = req.latestHeight ? client.latestHeight : { revisionNumber: req.revisionNumber, revisionHeight: req.revisionHeight };
  const timestamp = client.kind === 'tendermint' ? client.consensus.get(heightKey(height)) : undefined;
  if (timestamp === undefined) return notFound(`consensus state not found: client-id: ${req.clientId}, height: ${heightKey(height)}`);
  const ms = timestamp.getTime();
  const value = TmConsensusState.encode(TmConsensusState.fromPartial({
    timestamp: { seconds: BigInt(Math.floor(ms / 1000)), nanos: (((ms % 1000) + 1000) % 1000) * 1_000_000 },
    root: { hash: new Uint8Array(32).fill(0xaa) },
    nextValidatorsHash: new Uint8Array(32).fill(0xbb),
  })).finish();
  const any = Any.fromPartial({ typeUrl: TM_CONSENSUS_STATE, value });
  return ok(QueryConsensusStateResponse.encode({ consensusState: any, proof: new Uint8Array(), proofHeight: proofHeight(state) }).finish());
}

/** Answers one `abci_query` from the chain's state; `undefined` = an unknown query path. */
export function answerAbci(state: CosmosState, path: string, data: Uint8Array): AbciResult | undefined {
  switch (path) {
    case '/cosmos.auth.v1beta1.Query/Bech32Prefix':
      return ok(Bech32PrefixResponse.encode({ bech32Prefix: state.bech32Prefix }).finish());
    case '/cosmos.mint.v1beta1.Query/Params': {
      if (state.mintDenom === null) return undefined;
      const params = { mintDenom: state.mintDenom, inflationRateChange: '130000000000000000', inflationMax: '200000000000000000', inflationMin: '70000000000000000', goalBonded: '670000000000000000', blocksPerYear: 4_360_000n };
      return ok(MintParamsResponse.encode({ params }).finish());
    }
    case '/cosmos.bank.v1beta1.Query/Balance': {
      const req = QueryBalanceRequest.decode(data);
      if (req.address === '') return invalid('empty address string is not allowed');
      if (req.denom === '') return invalid('invalid denom');
      return ok(QueryBalanceResponse.encode({ balance: { denom: req.denom, amount: state.balanceOf(req.address, req.denom) } }).finish());
    }
    case '/cosmos.bank.v1beta1.Query/AllBalances': {
      const req = QueryAllBalancesRequest.decode(data);
      if (req.address === '') return invalid('empty address string is not allowed');
      const result = paginate(state.balancesOf(req.address), (c) => c.denom, req.pagination);
      if ('error' in result) return invalid(result.error);
      return ok(QueryAllBalancesResponse.encode({ balances: result.page, pagination: result.pagination }).finish());
    }
    case '/ibc.core.client.v1.Query/ClientState': {
      const { clientId } = QueryClientStateRequest.decode(data);
      const client = state.client(clientId);
      if (client === undefined) return notFound(`client state not found: ${clientId}`);
      return ok(QueryClientStateResponse.encode({ clientState: clientStateAny(client), proof: new Uint8Array(), proofHeight: proofHeight(state) }).finish());
    }
    case '/ibc.core.client.v1.Query/ConsensusState':
      return consensusState(state, data);
    case '/ibc.core.client.v1.Query/ClientStatus': {
      const { clientId } = QueryClientStatusRequest.decode(data);
      return ok(QueryClientStatusResponse.encode({ status: state.clientStatus(clientId) }).finish());
    }
    case '/ibc.core.connection.v1.Query/Connection': {
      const { connectionId } = QueryConnectionRequest.decode(data);
      const conn = state.connection(connectionId);
      if (conn === undefined) return notFound(`connection not found: ${connectionId}`);
      const { id: _id, ...connection } = identifiedConnection(conn);
      return ok(QueryConnectionResponse.encode({ connection, proof: new Uint8Array(), proofHeight: proofHeight(state) }).finish());
    }
    case '/ibc.core.connection.v1.Query/Connections': {
      const req = QueryConnectionsRequest.decode(data);
      const result = paginate(state.connectionsInStoreOrder(), (c) => c.connectionId, req.pagination);
      if ('error' in result) return invalid(result.error);
      const connections = result.page.map(identifiedConnection);
      return ok(QueryConnectionsResponse.encode({ connections, pagination: result.pagination, height: proofHeight(state) }).finish());
    }
    case '/ibc.core.connection.v1.Query/ConnectionClientState': {
      const { connectionId } = QueryConnectionClientStateRequest.decode(data);
      const conn = state.connection(connectionId);
      if (conn === undefined) return notFound(`connection not found: ${connectionId}`);
      const client = state.client(conn.clientId);
      if (client === undefined) return notFound(`client state not found: ${conn.clientId}`);
      const identifiedClientState = IdentifiedClientState.fromPartial({ clientId: client.clientId, clientState: clientStateAny(client) });
      return ok(QueryConnectionClientStateResponse.encode({ identifiedClientState, proof: new Uint8Array(), proofHeight: proofHeight(state) }).finish());
    }
    default:
      return undefined;
  }
}

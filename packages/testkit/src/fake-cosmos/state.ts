import type { Height } from 'cosmjs-types/ibc/core/client/v1/client';
import { byteOrder } from './pagination.js';

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

/** A light client that tracks no chain through a Tendermint client state (ibc-go's 09-localhost, an 08-wasm client). */
export interface FakeCosmosOtherClientInput {
  clientId: string;
  type: 'localhost' | 'wasm';
  latestHeight?: HeightInput;
  /** Default `Active`. */
  status?: ClientStatus;
}

export interface FakeCosmosConnectionInput {
  connectionId: string;
  clientId: string;
  state: ConnectionState;
  counterparty: { clientId: string; connectionId: string };
}

export interface TendermintClient {
  kind: 'tendermint';
  clientId: string;
  counterpartyChainId: string;
  trustingPeriodSeconds: number;
  latestHeight: Height;
  frozen: boolean;
  status: ClientStatus | undefined;
  /** Consensus states by "revisionNumber-revisionHeight". */
  consensus: Map<string, Date>;
}

export interface OtherClient {
  kind: 'localhost' | 'wasm';
  clientId: string;
  latestHeight: Height;
  status: ClientStatus;
}

export type StoredClient = TendermintClient | OtherClient;

/** The revision number a chain id implies (`cosmoshub-4` → 4), as ibc-go parses it. */
export function revisionFromChainId(chainId: string): number {
  const match = /^.*[^\n-]-{1}([1-9][0-9]*)$/.exec(chainId);
  return match?.[1] !== undefined ? Number(match[1]) : 0;
}

export function toHeight(input: HeightInput, chainId: string): Height {
  return typeof input === 'number'
    ? { revisionNumber: BigInt(revisionFromChainId(chainId)), revisionHeight: BigInt(input) }
    : { revisionNumber: BigInt(input.revisionNumber), revisionHeight: BigInt(input.revisionHeight) };
}

export const heightKey = (h: Height): string => `${h.revisionNumber}-${h.revisionHeight}`;

/** The numeric suffix ibc-go gives identifiers (`07-tendermint-12` → 12), or -1. */
const sequenceOf = (id: string): number => Number(/-(\d+)$/.exec(id)?.[1] ?? -1);

/** Seconds per block when the clock is advanced without saying how many blocks passed. */
const BLOCK_SECONDS = 6;

/** One fake chain's store: clock, light clients, connections, balances and module parameters. */
export class CosmosState {
  height: number;
  time: Date;
  /** `/cosmos.auth.v1beta1.Query/Bech32Prefix`. */
  bech32Prefix: string;
  /** `/cosmos.mint.v1beta1.Query/Params` `mint_denom`; null = no mint module (the query path is unknown). */
  mintDenom: string | null;
  private readonly clients = new Map<string, StoredClient>();
  private readonly connections = new Map<string, FakeCosmosConnectionInput>();
  /** Connections in store order, rebuilt only after a change (a page must not sort thousands each time). */
  private sortedConnections: FakeCosmosConnectionInput[] | undefined;
  private readonly balances = new Map<string, Map<string, string>>();
  private nextClientSequence = 0;
  private nextConnectionSequence = 0;

  constructor(readonly chainId: string, init: { height: number; time: Date; bech32Prefix: string; mintDenom: string | null }) {
    this.height = init.height;
    this.time = init.time;
    this.bech32Prefix = init.bech32Prefix;
    this.mintDenom = init.mintDenom;
  }

  /** Moves the clock on by `seconds` and the height by `blocks` (default: one block per 6 s, at least one). */
  advance(seconds: number, blocks?: number): void {
    this.time = new Date(this.time.getTime() + seconds * 1000);
    this.height += blocks ?? Math.max(1, Math.round(seconds / BLOCK_SECONDS));
  }

  addClient(input: FakeCosmosClientInput): void {
    const latestHeight = toHeight(input.latestHeight, input.counterpartyChainId);
    const existing = this.clients.get(input.clientId);
    const consensus = existing?.kind === 'tendermint' ? existing.consensus : new Map<string, Date>();
    consensus.set(heightKey(latestHeight), input.lastUpdate);
    this.clients.set(input.clientId, {
      kind: 'tendermint',
      clientId: input.clientId,
      counterpartyChainId: input.counterpartyChainId,
      trustingPeriodSeconds: input.trustingPeriodSeconds,
      latestHeight,
      frozen: input.frozen ?? false,
      status: input.status,
      consensus,
    });
    this.nextClientSequence = Math.max(this.nextClientSequence, sequenceOf(input.clientId) + 1);
  }

  addOtherClient(input: FakeCosmosOtherClientInput): void {
    const latestHeight = toHeight(input.latestHeight ?? this.height, this.chainId);
    this.clients.set(input.clientId, { kind: input.type, clientId: input.clientId, latestHeight, status: input.status ?? 'Active' });
    this.nextClientSequence = Math.max(this.nextClientSequence, sequenceOf(input.clientId) + 1);
  }

  /** Adds an older (or newer, without moving latestHeight) consensus state to a client. */
  addConsensusState(clientId: string, height: HeightInput, timestamp: Date): void {
    const client = this.requireTendermint(clientId);
    client.consensus.set(heightKey(toHeight(height, client.counterpartyChainId)), timestamp);
  }

  /**
   * What a relayer's `MsgUpdateClient` leaves behind: a new latest height (default: one revision height
   * more) and a consensus state there with `timestamp` (the counterparty header's time).
   */
  updateClient(clientId: string, timestamp: Date, height?: HeightInput): void {
    const client = this.requireTendermint(clientId);
    client.latestHeight = height === undefined
      ? { revisionNumber: client.latestHeight.revisionNumber, revisionHeight: client.latestHeight.revisionHeight + 1n }
      : toHeight(height, client.counterpartyChainId);
    client.consensus.set(heightKey(client.latestHeight), timestamp);
  }

  /** Removes a consensus state, as ibc-go's pruning of expired consensus states does. */
  pruneConsensusState(clientId: string, height: HeightInput): void {
    const client = this.requireTendermint(clientId);
    client.consensus.delete(heightKey(toHeight(height, client.counterpartyChainId)));
  }

  setClientStatus(clientId: string, status: ClientStatus | undefined): void {
    const client = this.clients.get(clientId);
    if (client === undefined) throw new Error(`fake-cosmos: no client ${clientId}`);
    if (client.kind === 'tendermint') client.status = status;
    else client.status = status ?? 'Active';
  }

  addConnection(input: FakeCosmosConnectionInput): void {
    this.connections.set(input.connectionId, structuredClone(input));
    this.sortedConnections = undefined;
    this.nextConnectionSequence = Math.max(this.nextConnectionSequence, sequenceOf(input.connectionId) + 1);
  }

  setConnectionState(connectionId: string, state: ConnectionState): void {
    const conn = this.connections.get(connectionId);
    if (conn === undefined) throw new Error(`fake-cosmos: no connection ${connectionId}`);
    conn.state = state;
  }

  /** The next identifiers ibc-go would give (`07-tendermint-<n>`, `connection-<n>`), reserved. */
  allocateClientId(type = '07-tendermint'): string {
    return `${type}-${this.nextClientSequence++}`;
  }

  allocateConnectionId(): string {
    return `connection-${this.nextConnectionSequence++}`;
  }

  setBalance(address: string, denom: string, amount: string | number | bigint): void {
    let coins = this.balances.get(address);
    if (coins === undefined) this.balances.set(address, (coins = new Map()));
    coins.set(denom, String(amount));
  }

  balanceOf(address: string, denom: string): string {
    return this.balances.get(address)?.get(denom) ?? '0';
  }

  /** Non-zero balances of an address in store order (by denom). */
  balancesOf(address: string): Array<{ denom: string; amount: string }> {
    return [...(this.balances.get(address) ?? new Map<string, string>())]
      .filter(([, amount]) => amount !== '0')
      .map(([denom, amount]) => ({ denom, amount }))
      .sort((a, b) => byteOrder(a.denom, b.denom));
  }

  client(clientId: string): StoredClient | undefined {
    return this.clients.get(clientId);
  }

  connection(connectionId: string): FakeCosmosConnectionInput | undefined {
    return this.connections.get(connectionId);
  }

  connectionsInStoreOrder(): readonly FakeCosmosConnectionInput[] {
    this.sortedConnections ??= [...this.connections.values()].sort((a, b) => byteOrder(a.connectionId, b.connectionId));
    return this.sortedConnections;
  }

  /** The status ibc-go would report: Frozen, else Expired (last update + trusting period ≤ block time), else Active. */
  clientStatus(clientId: string): ClientStatus {
    const client = this.clients.get(clientId);
    if (client === undefined) return 'Unknown';
    if (client.kind !== 'tendermint') return client.status;
    if (client.status !== undefined) return client.status;
    if (client.frozen) return 'Frozen';
    // ibc-go 07-tendermint: no consensus state at the latest height → Expired.
    const last = client.consensus.get(heightKey(client.latestHeight));
    if (last === undefined) return 'Expired';
    return last.getTime() + client.trustingPeriodSeconds * 1000 <= this.time.getTime() ? 'Expired' : 'Active';
  }

  private requireTendermint(clientId: string): TendermintClient {
    const client = this.clients.get(clientId);
    if (client?.kind !== 'tendermint') throw new Error(`fake-cosmos: no tendermint client ${clientId}`);
    return client;
  }
}

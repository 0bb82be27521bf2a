import type { AbciError } from './abci.js';
import { FakeCosmosEndpoint, type FakeCosmosRequest, type NodeContext } from './endpoint.js';
import {
  CosmosState,
  type ClientStatus,
  type ConnectionState,
  type FakeCosmosClientInput,
  type FakeCosmosConnectionInput,
  type FakeCosmosOtherClientInput,
  type HeightInput,
} from './state.js';

export interface FakeCosmosOptions {
  chainId: string;
  /** Latest block height (default 1000). */
  height?: number;
  /** Latest block time (default: now). */
  time?: Date;
  /** `node_info.version`; cosmjs picks its client from it (default `0.38.17` → Comet38). */
  nodeVersion?: string;
  moniker?: string;
  /** Answer of `/cosmos.auth.v1beta1.Query/Bech32Prefix` (default `cosmos`). */
  bech32Prefix?: string;
  /** `mint_denom` of `/cosmos.mint.v1beta1.Query/Params` (default `stake`); null = the chain has no mint module. */
  mintDenom?: string | null;
}

/**
 * A fake Cosmos node's CometBFT JSON-RPC (`status` + `abci_query`), so `@cosmjs/stargate` and
 * `@cosmjs/tendermint-rpc` run unmodified against it. One chain state, served by one endpoint
 * (`url`) or more (`addEndpoint()`), each with its own faults. See README.md.
 */
export class FakeCosmosChain {
  readonly chainId: string;
  private readonly node: NodeContext;
  private readonly endpointList: FakeCosmosEndpoint[] = [];

  private constructor(private readonly state: CosmosState, options: FakeCosmosOptions) {
    this.chainId = options.chainId;
    this.node = {
      chainId: options.chainId,
      state,
      pathErrors: new Map(),
      log: [],
      nodeVersion: options.nodeVersion ?? '0.38.17',
      moniker: options.moniker ?? 'fake-cosmos',
      faults: { down: false, hang: false, latencyMs: null, httpStatus: null },
    };
  }

  static async start(options: FakeCosmosOptions): Promise<FakeCosmosChain> {
    const state = new CosmosState(options.chainId, {
      height: options.height ?? 1000,
      time: options.time ?? new Date(),
      bech32Prefix: options.bech32Prefix ?? 'cosmos',
      mintDenom: options.mintDenom === undefined ? 'stake' : options.mintDenom,
    });
    const chain = new FakeCosmosChain(state, options);
    await chain.addEndpoint();
    return chain;
  }

  /** The first endpoint's URL. */
  get url(): string {
    return (this.endpointList[0] as FakeCosmosEndpoint).url;
  }

  /** Every endpoint, in the order they were started (index 0 serves `url`). */
  get endpoints(): readonly FakeCosmosEndpoint[] {
    return this.endpointList;
  }

  /** Another RPC endpoint serving the same chain (same state), with faults of its own. */
  async addEndpoint(): Promise<FakeCosmosEndpoint> {
    const endpoint = await FakeCosmosEndpoint.start(this.node, this.endpointList.length);
    this.endpointList.push(endpoint);
    return endpoint;
  }

  // ---- clock ----

  setBlock(block: { height?: number; time?: Date }): void {
    if (block.height !== undefined) this.state.height = block.height;
    if (block.time !== undefined) this.state.time = block.time;
  }

  /** Moves the block time on by `seconds` and the height by `blocks` (default: one block per 6 s). */
  advance(seconds: number, blocks?: number): void {
    this.state.advance(seconds, blocks);
  }

  get block(): { height: number; time: Date } {
    return { height: this.state.height, time: this.state.time };
  }

  // ---- module parameters ----

  setBech32Prefix(prefix: string): void {
    this.state.bech32Prefix = prefix;
  }

  /** null: the chain has no mint module (the query answers code 6, unknown query path). */
  setMintDenom(denom: string | null): void {
    this.state.mintDenom = denom;
  }

  // ---- light clients ----

  addClient(client: FakeCosmosClientInput): void {
    this.state.addClient(client);
  }

  /** A 09-localhost or 08-wasm client (not a Tendermint client state). */
  addOtherClient(client: FakeCosmosOtherClientInput): void {
    this.state.addOtherClient(client);
  }

  addConsensusState(clientId: string, height: HeightInput, timestamp: Date): void {
    this.state.addConsensusState(clientId, height, timestamp);
  }

  /** A relayer's client update: latest height + 1 (or `height`) with a consensus state at `timestamp` (default: this chain's block time). */
  updateClient(clientId: string, timestamp: Date = this.state.time, height?: HeightInput): void {
    this.state.updateClient(clientId, timestamp, height);
  }

  pruneConsensusState(clientId: string, height: HeightInput): void {
    this.state.pruneConsensusState(clientId, height);
  }

  /** Forces (or, with `undefined`, un-forces) the status `ClientStatus` reports for a client. */
  setClientStatus(clientId: string, status: ClientStatus | undefined): void {
    this.state.setClientStatus(clientId, status);
  }

  clientStatus(clientId: string): ClientStatus {
    return this.state.clientStatus(clientId);
  }

  /** The next client id ibc-go would give (`07-tendermint-<n>`), reserved. */
  allocateClientId(type?: string): string {
    return this.state.allocateClientId(type);
  }

  // ---- connections ----

  addConnection(connection: FakeCosmosConnectionInput): void {
    this.state.addConnection(connection);
  }

  /** Many connections at once (thousands are fine: pages are served from a cached store order). */
  addConnections(connections: Iterable<FakeCosmosConnectionInput>): void {
    for (const connection of connections) this.state.addConnection(connection);
  }

  setConnectionState(connectionId: string, state: ConnectionState): void {
    this.state.setConnectionState(connectionId, state);
  }

  /** The next connection id ibc-go would give (`connection-<n>`), reserved. */
  allocateConnectionId(): string {
    return this.state.allocateConnectionId();
  }

  // ---- bank ----

  setBalance(address: string, denom: string, amount: string | number | bigint): void {
    this.state.setBalance(address, denom, amount);
  }

  // ---- faults (chain level: every endpoint; see `endpoints[i]` for one) ----

  /** Down: every endpoint resets every connection (new and open keep-alive ones) at once (client sees ECONNRESET). */
  setDown(down: boolean): void {
    this.node.faults.down = down;
    if (down) for (const endpoint of this.endpointList) endpoint.resetAll();
  }

  /** Hang: requests are accepted and read but never answered (requests already hanging stay so until `close()`). */
  setHang(hang: boolean): void {
    this.node.faults.hang = hang;
  }

  /** Milliseconds every endpoint waits before each answer (an endpoint's own `setLatency` wins). */
  setLatency(ms: number): void {
    this.node.faults.latencyMs = ms;
  }

  /** Every `abci_query` on `path` answers this error (non-zero code) until `setPathError(path, null)`. */
  setPathError(path: string, error: AbciError | null): void {
    if (error === null) this.node.pathErrors.delete(path);
    else this.node.pathErrors.set(path, error);
  }

  // ---- inspection ----

  /** Requests received by every endpoint, oldest first. */
  requests(filter?: { method?: string; path?: string; endpoint?: number }): FakeCosmosRequest[] {
    return this.node.log.filter(
      (r) =>
        (filter?.method === undefined || r.method === filter.method) &&
        (filter?.path === undefined || r.path === filter.path) &&
        (filter?.endpoint === undefined || r.endpoint === filter.endpoint),
    );
  }

  clearRequests(): void {
    this.node.log.length = 0;
  }

  async close(): Promise<void> {
    await Promise.all(this.endpointList.map((e) => e.close()));
  }
}

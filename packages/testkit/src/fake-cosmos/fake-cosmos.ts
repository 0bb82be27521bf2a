import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  CosmosState,
  type AbciError,
  type ClientStatus,
  type FakeCosmosClientInput,
  type FakeCosmosConnectionInput,
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
}

export interface FakeCosmosRequest {
  /** JSON-RPC method, e.g. `status` or `abci_query`. */
  method: string;
  /** The ABCI query path, for `abci_query`. */
  path?: string;
  time: number;
}

interface JsonRpcRequest {
  jsonrpc?: string;
  id?: unknown;
  method?: unknown;
  params?: unknown;
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

const hexToBytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));

/**
 * A fake Cosmos node's CometBFT JSON-RPC (`status` + `abci_query`), so `@cosmjs/stargate` and
 * `@cosmjs/tendermint-rpc` run unmodified against it. See README.md.
 */
export class FakeCosmosChain {
  readonly url: string;
  readonly chainId: string;
  private readonly log: FakeCosmosRequest[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly pathErrors = new Map<string, AbciError>();
  private down = false;
  private hang = false;

  private constructor(
    private readonly server: Server,
    private readonly state: CosmosState,
    private readonly options: FakeCosmosOptions,
  ) {
    const { port } = server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    this.chainId = options.chainId;
  }

  static async start(options: FakeCosmosOptions): Promise<FakeCosmosChain> {
    const state = new CosmosState(options.chainId, options.height ?? 1000, options.time ?? new Date());
    let chain: FakeCosmosChain | undefined;
    const server = createServer((req, res) => {
      void chain?.handle(req, res).catch(() => res.destroy());
    });
    server.on('connection', (socket) => chain?.onConnection(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    chain = new FakeCosmosChain(server, state, options);
    return chain;
  }

  // ---- state ----

  setBlock(block: { height?: number; time?: Date }): void {
    if (block.height !== undefined) this.state.height = block.height;
    if (block.time !== undefined) this.state.time = block.time;
  }

  get block(): { height: number; time: Date } {
    return { height: this.state.height, time: this.state.time };
  }

  addClient(client: FakeCosmosClientInput): void {
    this.state.addClient(client);
  }

  addConsensusState(clientId: string, height: HeightInput, timestamp: Date): void {
    this.state.addConsensusState(clientId, height, timestamp);
  }

  /** Forces (or, with `undefined`, un-forces) the status `ClientStatus` reports for a client. */
  setClientStatus(clientId: string, status: ClientStatus | undefined): void {
    this.state.setClientStatus(clientId, status);
  }

  clientStatus(clientId: string): ClientStatus {
    return this.state.clientStatus(clientId);
  }

  addConnection(connection: FakeCosmosConnectionInput): void {
    this.state.addConnection(connection);
  }

  setBalance(address: string, denom: string, amount: string | number | bigint): void {
    this.state.setBalance(address, denom, amount);
  }

  // ---- faults ----

  /** Down: every connection (new and open keep-alive ones) is reset at once (client sees ECONNRESET). */
  setDown(down: boolean): void {
    this.down = down;
    if (down) for (const socket of this.sockets) socket.resetAndDestroy();
  }

  /** Hang: requests are accepted and read but never answered (requests already hanging stay so until `close()`). */
  setHang(hang: boolean): void {
    this.hang = hang;
  }

  /** Every `abci_query` on `path` answers this error (non-zero code) until `setPathError(path, null)`. */
  setPathError(path: string, error: AbciError | null): void {
    if (error === null) this.pathErrors.delete(path);
    else this.pathErrors.set(path, error);
  }

  // ---- inspection ----

  requests(filter?: { method?: string; path?: string }): FakeCosmosRequest[] {
    return this.log.filter((r) => (filter?.method === undefined || r.method === filter.method) && (filter?.path === undefined || r.path === filter.path));
  }

  clearRequests(): void {
    this.log.length = 0;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- protocol ----

  private onConnection(socket: Socket): void {
    if (this.down) {
      socket.resetAndDestroy();
      return;
    }
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    if (this.down) {
      req.socket.resetAndDestroy();
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { 'content-type': 'text/plain' }).end('fake-cosmos: only JSON-RPC POST / is served');
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      this.reply(res, { jsonrpc: '2.0', id: -1, error: { code: -32700, message: 'Parse error. Invalid JSON', data: '' } });
      return;
    }
    const calls = Array.isArray(body) ? (body as JsonRpcRequest[]) : [body as JsonRpcRequest];
    for (const call of calls) {
      const params = (call.params ?? {}) as Record<string, unknown>;
      const method = typeof call.method === 'string' ? call.method : '';
      this.log.push({ method, ...(method === 'abci_query' && typeof params.path === 'string' && { path: params.path }), time: Date.now() });
    }
    if (this.hang) return; // never answered; close() or a client timeout ends it
    const answers = calls.map((call) => this.answer(call));
    this.reply(res, Array.isArray(body) ? answers : answers[0]);
  }

  private reply(res: ServerResponse, payload: unknown): void {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
  }

  private answer(call: JsonRpcRequest): unknown {
    const id = call.id ?? -1;
    const params = (call.params ?? {}) as Record<string, unknown>;
    switch (call.method) {
      case 'status':
        return { jsonrpc: '2.0', id, result: this.status() };
      case 'abci_query':
        return { jsonrpc: '2.0', id, result: { response: this.abciQuery(params) } };
      default:
        return { jsonrpc: '2.0', id, error: { code: -32601, message: 'Method not found', data: '' } };
    }
  }

  private abciQuery(params: Record<string, unknown>): Record<string, unknown> {
    const path = typeof params.path === 'string' ? params.path : '';
    const data = typeof params.data === 'string' ? hexToBytes(params.data) : new Uint8Array();
    const base = { key: null, proofOps: null, index: '0', info: '', height: String(this.state.height) };
    const forced = this.pathErrors.get(path);
    if (forced !== undefined) {
      return { ...base, code: forced.code, log: forced.log, codespace: forced.codespace ?? 'sdk', value: null };
    }
    let result;
    try {
      result = this.state.query(path, data);
    } catch (err) {
      return { ...base, code: 2, codespace: 'sdk', log: `failed to decode request: ${(err as Error).message}: tx parse error`, value: null };
    }
    if (result === undefined) {
      // baseapp: sdkerrors.ErrUnknownRequest.Wrapf("unknown query path: %s", path)
      return { ...base, code: 6, codespace: 'sdk', log: `unknown query path: ${path}: unknown request`, value: null };
    }
    return {
      ...base,
      code: result.code,
      log: result.log,
      codespace: result.codespace,
      value: result.code === 0 ? Buffer.from(result.value).toString('base64') : null,
    };
  }

  private status(): Record<string, unknown> {
    const hash = (seed: number): string => Buffer.alloc(32, seed).toString('hex').toUpperCase();
    return {
      node_info: {
        protocol_version: { p2p: '8', block: '11', app: '0' },
        id: 'f0e1d2c3b4a5968778695a4b3c2d1e0f00112233',
        listen_addr: 'tcp://0.0.0.0:26656',
        network: this.chainId,
        version: this.options.nodeVersion ?? '0.38.17',
        channels: '40202122233038606100',
        moniker: this.options.moniker ?? 'fake-cosmos',
        other: { tx_index: 'on', rpc_address: 'tcp://0.0.0.0:26657' },
      },
      sync_info: {
        latest_block_hash: hash(0x11),
        latest_app_hash: hash(0x22),
        latest_block_height: String(this.state.height),
        latest_block_time: this.state.time.toISOString(),
        earliest_block_hash: hash(0x33),
        earliest_app_hash: hash(0x44),
        earliest_block_height: '1',
        earliest_block_time: new Date(0).toISOString(),
        catching_up: false,
      },
      validator_info: {
        address: 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678',
        pub_key: { type: 'tendermint/PubKeyEd25519', value: Buffer.alloc(32, 7).toString('base64') },
        voting_power: '0',
      },
    };
  }
}

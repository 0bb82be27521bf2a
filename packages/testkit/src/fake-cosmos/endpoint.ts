import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { answerAbci, type AbciError } from './abci.js';
import type { CosmosState } from './state.js';

export interface FakeCosmosRequest {
  /** JSON-RPC method, e.g. `status` or `abci_query`. */
  method: string;
  /** The ABCI query path, for `abci_query`. */
  path?: string;
  /** Which endpoint of the chain received it (0 = `chain.url`, then in `addEndpoint()` order). */
  endpoint: number;
  time: number;
}

/** Faults that apply to one endpoint, or (on the chain) to all of them. */
export interface Faults {
  down: boolean;
  hang: boolean;
  /** Milliseconds before each answer; null on an endpoint = the chain's. */
  latencyMs: number | null;
  /** Answer every request with this HTTP status (e.g. 502 from a proxy in front of a dead node); null = normal. */
  httpStatus: number | null;
}

/** What every endpoint of one chain shares: the store, per-path errors, the request log and chain-level faults. */
export interface NodeContext {
  readonly chainId: string;
  readonly state: CosmosState;
  readonly pathErrors: Map<string, AbciError>;
  readonly log: FakeCosmosRequest[];
  readonly nodeVersion: string;
  readonly moniker: string;
  readonly faults: Faults;
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

/** One RPC endpoint (an HTTP server) of a fake chain, with its own faults. */
export class FakeCosmosEndpoint {
  readonly url: string;
  readonly faults: Faults = { down: false, hang: false, latencyMs: null, httpStatus: null };
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: Server, private readonly node: NodeContext, readonly index: number) {
    const { port } = server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
  }

  static async start(node: NodeContext, index: number): Promise<FakeCosmosEndpoint> {
    let endpoint: FakeCosmosEndpoint | undefined;
    const server = createServer((req, res) => {
      void endpoint?.handle(req, res).catch(() => res.destroy());
    });
    server.on('connection', (socket) => endpoint?.onConnection(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    endpoint = new FakeCosmosEndpoint(server, node, index);
    return endpoint;
  }

  /** Down: every connection (new and open keep-alive ones) is reset at once (client sees ECONNRESET). */
  setDown(down: boolean): void {
    this.faults.down = down;
    if (down) this.resetAll();
  }

  /** Hang: requests are accepted and read but never answered (requests already hanging stay so until `close()`). */
  setHang(hang: boolean): void {
    this.faults.hang = hang;
  }

  /** Delay before each answer of this endpoint (null: the chain's latency). */
  setLatency(ms: number | null): void {
    this.faults.latencyMs = ms;
  }

  /** Every request gets this HTTP status and a text body (null: normal answers). */
  setHttpStatus(status: number | null): void {
    this.faults.httpStatus = status;
  }

  /** Resets every open connection (used by the chain-level `setDown`). */
  resetAll(): void {
    for (const socket of this.sockets) socket.resetAndDestroy();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private isDown(): boolean {
    return this.faults.down || this.node.faults.down;
  }

  private onConnection(socket: Socket): void {
    if (this.isDown()) {
      socket.resetAndDestroy();
      return;
    }
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    if (this.isDown()) return void req.socket.resetAndDestroy();
    let body: unknown;
    try {
      body = req.method === 'POST' ? JSON.parse(raw) : undefined;
    } catch {
      body = null;
    }
    const calls = Array.isArray(body) ? (body as JsonRpcRequest[]) : [(body ?? {}) as JsonRpcRequest];
    for (const call of calls) {
      const params = (call.params ?? {}) as Record<string, unknown>;
      const method = typeof call.method === 'string' ? call.method : '';
      this.node.log.push({ method, ...(method === 'abci_query' && typeof params.path === 'string' && { path: params.path }), endpoint: this.index, time: Date.now() });
    }
    if (this.faults.hang || this.node.faults.hang) return; // never answered; close() or a client timeout ends it
    const latency = this.faults.latencyMs ?? this.node.faults.latencyMs ?? 0;
    if (latency > 0) await delay(latency);
    if (this.isDown()) return void req.socket.resetAndDestroy();
    const httpStatus = this.faults.httpStatus ?? this.node.faults.httpStatus;
    if (httpStatus !== null) return void res.writeHead(httpStatus, { 'content-type': 'text/plain' }).end(`fake-cosmos: HTTP ${httpStatus}`);
    if (req.method !== 'POST') return void res.writeHead(405, { 'content-type': 'text/plain' }).end('fake-cosmos: only JSON-RPC POST / is served');
    if (body === null) return this.reply(res, { jsonrpc: '2.0', id: -1, error: { code: -32700, message: 'Parse error. Invalid JSON', data: '' } });
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
    const { state, pathErrors } = this.node;
    const path = typeof params.path === 'string' ? params.path : '';
    const data = typeof params.data === 'string' ? hexToBytes(params.data) : new Uint8Array();
    const base = { key: null, proofOps: null, index: '0', info: '', height: String(state.height) };
    const forced = pathErrors.get(path);
    if (forced !== undefined) return { ...base, code: forced.code, log: forced.log, codespace: forced.codespace ?? 'sdk', value: null };
    let result;
    try {
      result = answerAbci(state, path, data);
    } catch (err) {
      return { ...base, code: 2, codespace: 'sdk', log: `failed to decode request: ${(err as Error).message}: tx parse error`, value: null };
    }
    if (result === undefined) {
      // baseapp: sdkerrors.ErrUnknownRequest.Wrapf("unknown query path: %s", path)
      return { ...base, code: 6, codespace: 'sdk', log: `unknown query path: ${path}: unknown request`, value: null };
    }
    const value = result.code === 0 ? Buffer.from(result.value).toString('base64') : null;
    return { ...base, code: result.code, log: result.log, codespace: result.codespace, value };
  }

  private status(): Record<string, unknown> {
    const { state } = this.node;
    const hash = (seed: number): string => Buffer.alloc(32, seed).toString('hex').toUpperCase();
    return {
      node_info: {
        protocol_version: { p2p: '8', block: '11', app: '0' },
        id: 'f0e1d2c3b4a5968778695a4b3c2d1e0f00112233',
        listen_addr: 'tcp://0.0.0.0:26656',
        network: this.node.chainId,
        version: this.node.nodeVersion,
        channels: '40202122233038606100',
        moniker: this.node.moniker,
        other: { tx_index: 'on', rpc_address: 'tcp://0.0.0.0:26657' },
      },
      sync_info: {
        latest_block_hash: hash(0x11),
        latest_app_hash: hash(0x22),
        latest_block_height: String(state.height),
        latest_block_time: state.time.toISOString(),
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

import { createProtobufRpcClient, QueryClient, setupBankExtension, setupIbcExtension, type BankExtension, type IbcExtension } from '@cosmjs/stargate';
import { Comet1Client, Comet38Client, HttpClient, Tendermint37Client, type CometClient, type HttpEndpoint, type RpcClient } from '@cosmjs/tendermint-rpc';
import { QueryClientImpl as IbcClientQuery } from 'cosmjs-types/ibc/core/client/v1/query';
import { endpointLabel, scrubUrls } from '../urls.js';

/** One endpoint's clients once its chain id was checked: cosmjs's CometBFT client and query extensions. */
export interface Connected {
  comet: CometClient;
  query: QueryClient & IbcExtension & BankExtension;
  /** ibc-go's client query service (cosmjs has no `ClientStatus` helper: dependency-notes §5b). */
  ibcClient: IbcClientQuery;
}

/** A failure of the endpoint itself (not an ABCI error): the next endpoint is tried. */
export class EndpointError extends Error {
  override name = 'EndpointError';
}

/**
 * cosmjs's HttpClient endpoint for a URL. Node's fetch refuses URLs with user info, so
 * `https://user:pass@host/` becomes the bare URL plus an `Authorization: Basic` header.
 */
export function httpEndpoint(url: string): HttpEndpoint {
  const u = new URL(url);
  if (u.username === '' && u.password === '') return { url, headers: {} };
  const basic = Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64');
  u.username = '';
  u.password = '';
  return { url: u.toString(), headers: { Authorization: `Basic ${basic}` } };
}

/** The cosmjs client for a node version (`node_info.version`), tolerating a leading "v" cosmjs trips on. */
function cometFor(version: string, rpc: RpcClient): CometClient {
  const v = version.replace(/^v/, '');
  if (v.startsWith('0.37.')) return Tendermint37Client.create(rpc);
  if (v.startsWith('1.')) return Comet1Client.create(rpc);
  return Comet38Client.create(rpc); // 0.38 and anything unknown: the current CometBFT line
}

/** One RPC endpoint of a chain: connects lazily, checks the chain id on first contact, counts requests. */
export class Endpoint {
  readonly label: string;
  /** False after a failure until the next success (for one log line per change, not per request). */
  healthy = true;
  private connected: Promise<Connected> | undefined;

  constructor(
    readonly url: string,
    private readonly chainId: string,
    private readonly timeoutMs: number,
    private readonly countRequest: () => void,
  ) {
    this.label = endpointLabel(url);
  }

  /** The endpoint's clients; the first call asks `status` and refuses a node serving another chain. */
  connect(): Promise<Connected> {
    this.connected ??= this.open().catch((err: unknown) => {
      this.connected = undefined;
      throw err;
    });
    return this.connected;
  }

  /** Forget the clients: the next contact checks the chain id again (the URL may now reach another node). */
  reset(): void {
    const current = this.connected;
    this.connected = undefined;
    void current?.then((c) => c.comet.disconnect(), () => undefined);
  }

  private async open(): Promise<Connected> {
    const http = new HttpClient(httpEndpoint(this.url), this.timeoutMs);
    const rpc: RpcClient = {
      execute: (request) => {
        this.countRequest();
        return http.execute(request);
      },
      disconnect: () => http.disconnect(),
    };
    const answer = await rpc.execute({ jsonrpc: '2.0', id: 1, method: 'status', params: {} });
    const nodeInfo = (answer.result as { node_info?: { network?: unknown; version?: unknown } } | null)?.node_info;
    if (typeof nodeInfo?.network !== 'string') throw new EndpointError('status answer has no node_info.network');
    if (nodeInfo.network !== this.chainId) throw new EndpointError(`serves ${nodeInfo.network}, not ${this.chainId}`);
    const comet = cometFor(typeof nodeInfo.version === 'string' ? nodeInfo.version : '', rpc);
    const query = QueryClient.withExtensions(comet, setupIbcExtension, setupBankExtension);
    return { comet, query, ibcClient: new IbcClientQuery(createProtobufRpcClient(query)) };
  }
}

const ABCI_ERROR = /^Query failed with \((\d+)\): ([\s\S]*)$/;

/** A node's refusal of a query (cosmjs: "Query failed with (code): log"), or undefined for anything else. */
export function abciErrorOf(err: unknown): { code: number; log: string } | undefined {
  const match = err instanceof Error ? ABCI_ERROR.exec(err.message) : null;
  return match ? { code: Number(match[1]), log: match[2] ?? '' } : undefined;
}

/** One line for an endpoint failure (timeout, refused, HTTP status, JSON-RPC error, bad answer), URLs scrubbed. */
export function describeFailure(err: unknown, timeoutMs: number): string {
  if (!(err instanceof Error)) return scrubUrls(String(err));
  if (err.name === 'TimeoutError') return `timed out after ${timeoutMs} ms`;
  const cause = (err as { cause?: { code?: unknown; message?: unknown; status?: unknown } }).cause;
  if (err.message === 'fetch failed') {
    const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : 'no answer';
    return scrubUrls(`connection failed (${detail})`);
  }
  const status = /^Bad status on response: (\d+)/.exec(err.message);
  if (status) return `HTTP ${status[1]}`;
  if (err.message.startsWith('{')) {
    try {
      const rpcError = JSON.parse(err.message) as { code?: unknown; message?: unknown; data?: unknown };
      const data = typeof rpcError.data === 'string' && rpcError.data !== '' ? ` (${rpcError.data})` : '';
      return scrubUrls(`JSON-RPC error ${String(rpcError.code)}: ${String(rpcError.message)}${data}`);
    } catch {
      // not a JSON-RPC error object: fall through to the message
    }
  }
  return scrubUrls(err.name === 'EndpointError' ? err.message : `${err.name}: ${err.message}`);
}

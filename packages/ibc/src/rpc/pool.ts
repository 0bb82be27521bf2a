import type { Logger } from '@herald/logging';
import { ChainQueryError, ChainUnreachableError } from '../types.js';
import { abciErrorOf, describeFailure, Endpoint, type Connected } from './endpoint.js';

export interface EndpointPoolOptions {
  timeoutMs: number;
  /** After this long on a fallback endpoint, the first (preferred) one is tried again. */
  preferredRetryMs: number;
  now: () => number;
  logger?: Logger | undefined;
}

/**
 * A chain's RPC endpoints with failover. A call starts at the endpoint that last worked (sticky) and
 * goes on in configured order, wrapping around; after `preferredRetryMs` on a fallback it starts at the
 * first endpoint again, so a recovered primary is used again. A transport failure, timeout, HTTP
 * error, undecodable answer or wrong chain id moves to the next endpoint; an ABCI error code is the
 * node's answer and rejects at once with {@link ChainQueryError}; when every endpoint failed the call
 * rejects with {@link ChainUnreachableError} (one line per endpoint, URLs reduced to scheme://host:port).
 */
export class EndpointPool {
  /** Requests sent through every endpoint (status checks included). */
  requestCount = 0;
  private readonly endpoints: Endpoint[];
  private sticky = 0;
  private stickySince: number;

  constructor(private readonly chainId: string, urls: readonly string[], private readonly options: EndpointPoolOptions) {
    if (urls.length === 0) throw new Error(`chain ${chainId} has no RPC endpoint (rpc: [] in ibc.chains)`);
    this.endpoints = urls.map((url) => new Endpoint(url, chainId, options.timeoutMs, () => this.requestCount++));
    this.stickySince = options.now();
  }

  async run<T>(op: (endpoint: Connected) => Promise<T>): Promise<T> {
    if (this.sticky !== 0 && this.options.now() - this.stickySince >= this.options.preferredRetryMs) this.use(0);
    const start = this.sticky;
    const failures: string[] = [];
    for (let i = 0; i < this.endpoints.length; i++) {
      const index = (start + i) % this.endpoints.length;
      const endpoint = this.endpoints[index] as Endpoint;
      try {
        const result = await op(await endpoint.connect());
        this.succeeded(index, start);
        return result;
      } catch (err) {
        const abci = abciErrorOf(err);
        if (abci !== undefined) {
          this.succeeded(index, start);
          throw new ChainQueryError(this.chainId, abci.log, abci.code);
        }
        const reason = describeFailure(err, this.options.timeoutMs);
        failures.push(`${endpoint.label}: ${reason}`);
        this.failed(endpoint, reason);
      }
    }
    throw new ChainUnreachableError(this.chainId, failures);
  }

  close(): void {
    for (const endpoint of this.endpoints) endpoint.reset();
  }

  private use(index: number): void {
    this.sticky = index;
    this.stickySince = this.options.now();
  }

  /** A call that had to fail over makes its answering endpoint the sticky one (a call that did not leaves the choice alone). */
  private succeeded(index: number, start: number): void {
    const endpoint = this.endpoints[index] as Endpoint;
    if (!endpoint.healthy) {
      endpoint.healthy = true;
      this.options.logger?.info({ chainId: this.chainId, endpoint: endpoint.label }, 'IBC RPC endpoint answers again');
    }
    if (index !== start) this.use(index);
  }

  private failed(endpoint: Endpoint, reason: string): void {
    endpoint.reset();
    if (endpoint.healthy) {
      endpoint.healthy = false;
      this.options.logger?.warn({ chainId: this.chainId, endpoint: endpoint.label, reason }, 'IBC RPC endpoint failed; trying the next one');
    }
  }
}

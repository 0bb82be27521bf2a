import type { Logger } from '@herald/logging';
import { createChainRpc } from './rpc/index.js';
import type { Chain, ChainRpc } from './types.js';

export interface RpcRegistry {
  /**
   * The RPC of a chain, created on first use and shared by every poll (its endpoint failover state
   * with it). A chain whose endpoints changed since (`register_chain` again, a config change) gets a
   * new one: chains are re-read from `ibc_chains` each poll, so no restart is needed.
   */
  forChain(chain: Chain): ChainRpc;
  /** Requests sent by every RPC so far. */
  readonly requestCount: number;
  close(): void;
}

/** One {@link ChainRpc} per chain, each request bounded by `timeoutMs` (`ibc.requestTimeout`). */
export function createRpcRegistry(options: { timeoutMs: number; logger?: Logger; create?: typeof createChainRpc }): RpcRegistry {
  const create = options.create ?? createChainRpc;
  const rpcs = new Map<string, { endpoints: string; rpc: ChainRpc }>();
  let retired = 0;
  return {
    forChain(chain) {
      const endpoints = chain.rpc.join('\n');
      const known = rpcs.get(chain.chainId);
      if (known && known.endpoints === endpoints) return known.rpc;
      if (known) {
        retired += known.rpc.requestCount;
        known.rpc.close();
        options.logger?.info({ chainId: chain.chainId, endpoints: chain.rpc.length }, 'IBC chain endpoints changed; using the new ones');
      }
      const rpc = create(chain, { timeoutMs: options.timeoutMs, ...(options.logger ? { logger: options.logger } : {}) });
      rpcs.set(chain.chainId, { endpoints, rpc });
      return rpc;
    },
    get requestCount() {
      return retired + [...rpcs.values()].reduce((sum, r) => sum + r.rpc.requestCount, 0);
    },
    close() {
      for (const { rpc } of rpcs.values()) rpc.close();
      rpcs.clear();
    },
  };
}

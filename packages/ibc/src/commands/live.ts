import type { Queryable } from '@herald/db/sql';
import type { Logger } from '@herald/logging';
import type { IbcCommandDeps } from './deps.js';

export interface IbcCommandDepsOptions {
  db: Queryable;
  /** Per RPC request (`ibc.requestTimeout`). */
  requestTimeoutMs: number;
  logger?: Logger;
  now?: () => Date;
}

/**
 * The IBC commands' real dependencies: balances through the chain's RPC endpoints with failover
 * (rpc/createChainRpc) and register_chain's probe. cosmjs is loaded on first use, so a notifier
 * whose members never run an IBC command does not carry it.
 */
export function createIbcCommandDeps(options: IbcCommandDepsOptions): IbcCommandDeps {
  const { db, requestTimeoutMs, logger } = options;
  return {
    db,
    requestTimeoutMs,
    now: options.now ?? (() => new Date()),
    async balanceOf(chain, address) {
      const { createChainRpc } = await import('../rpc/index.js');
      const rpc = createChainRpc(chain, { timeoutMs: requestTimeoutMs, ...(logger && { logger }) });
      try {
        return await rpc.balance(address, chain.denom);
      } finally {
        rpc.close();
      }
    },
    async probeChain(rpcUrl, timeoutMs, hints) {
      const { probeChain } = await import('./probe.js');
      return probeChain(rpcUrl, timeoutMs, hints);
    },
  };
}

import pLimit from 'p-limit';
import { ChainQueryError, ChainUnreachableError, type Chain, type ChainRpc, type LatestBlock } from '../types.js';

/** What the wallet poll read: balances, per-wallet failures, and each chain's reachability. */
export interface BalanceReads {
  /** Exact base units, by address. */
  balances: Map<string, bigint>;
  /** Why a wallet's balance was not read (its chain is unreachable, or the node refused), by address. */
  failures: Map<string, string>;
  reachable: Map<string, LatestBlock>;
  unreachable: Map<string, string>;
  requests: number;
}

/**
 * Reads every wallet's balance in its chain's base denom, grouped per chain, at most `concurrency`
 * requests in flight overall. Each chain's latest block is read first (its reachability and block
 * height for the chain health; one request): when every endpoint fails, none of its wallets is
 * asked and each gets the outage as its failure — never a balance of 0. Wallets whose chain is not
 * known get a failure too.
 */
export async function readBalances(
  wallets: ReadonlyArray<{ address: string; chainId: string }>,
  chains: ReadonlyMap<string, Chain>,
  rpcFor: (chain: Chain) => ChainRpc,
  concurrency: number,
): Promise<BalanceReads> {
  const reads: BalanceReads = { balances: new Map(), failures: new Map(), reachable: new Map(), unreachable: new Map(), requests: 0 };
  const limit = pLimit(concurrency);
  const byChain = new Map<string, string[]>();
  for (const w of wallets) byChain.set(w.chainId, [...(byChain.get(w.chainId) ?? []), w.address]);
  await Promise.all(
    [...byChain].map(async ([chainId, addresses]) => {
      const chain = chains.get(chainId);
      if (!chain) {
        for (const address of addresses) reads.failures.set(address, `chain ${chainId} is not known (not in ibc_chains)`);
        return;
      }
      const rpc = rpcFor(chain);
      const before = rpc.requestCount;
      const down = (error: ChainUnreachableError) => {
        reads.unreachable.set(chainId, error.message);
        reads.reachable.delete(chainId);
      };
      try {
        reads.reachable.set(chainId, await limit(() => rpc.latestBlock()));
      } catch (error) {
        if (!(error instanceof ChainUnreachableError)) throw error;
        down(error);
      }
      await Promise.all(
        addresses.map((address) =>
          limit(async () => {
            const outage = reads.unreachable.get(chainId);
            if (outage !== undefined) return void reads.failures.set(address, outage);
            try {
              reads.balances.set(address, await rpc.balance(address, chain.denom));
            } catch (error) {
              if (error instanceof ChainUnreachableError) down(error);
              else if (!(error instanceof ChainQueryError)) throw error;
              reads.failures.set(address, error.message);
            }
          }),
        ),
      );
      reads.requests += rpc.requestCount - before;
    }),
  );
  return reads;
}

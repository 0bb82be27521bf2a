import type { Queryable } from '@herald/db/sql';
import type { Chain } from '../types.js';

/** Why a probe of an RPC node failed: it did not answer in time, or not usably. Messages carry no URL path or credentials. */
export class ProbeFailure extends Error {
  override name = 'ProbeFailure';
  constructor(
    message: string,
    readonly timedOut: boolean,
  ) {
    super(message);
  }
}

/** What `register_chain` learns from a chain's RPC node before storing it. */
export interface ChainProbe {
  /** `status.node_info.network`: the chain id the node serves. */
  chainId: string;
  /** `mint_denom` of the chain's mint module parameters; absent when the node has no mint module. */
  mintDenom?: string;
  /** `/cosmos.auth.v1beta1.Query/Bech32Prefix`; absent on nodes older than Cosmos SDK 0.46. */
  bech32Prefix?: string;
}

/**
 * What the IBC commands need from the app (the notifier wires the real ones: see live.ts). Logic
 * takes them as arguments so tests run against a real Postgres and fake chains.
 */
export interface IbcCommandDeps {
  /** Postgres, where chains (`ibc_chains`), clients and wallets live. */
  readonly db: Queryable;
  /**
   * The live balance of `address` in `chain.denom`, exact base units (0 when it holds none).
   * Rejects with ChainUnreachableError when every endpoint failed, ChainQueryError when the node
   * refused the query.
   */
  balanceOf(chain: Chain, address: string): Promise<bigint>;
  /**
   * Asks the RPC node at `rpcUrl` its chain id, mint denom and bech32 prefix, each request bounded by
   * `timeoutMs`. `hints.name` is the chain's name, for the seed's fallback mint module path
   * (`/<name>.mint.v1beta1.Query/Params`, e.g. osmosis). Rejects with {@link ProbeFailure} when the
   * node cannot be reached or its `status` is unreadable.
   */
  probeChain(rpcUrl: string, timeoutMs: number, hints?: { name?: string }): Promise<ChainProbe>;
  now(): Date;
  /** Per RPC request (`ibc.requestTimeout`), for `register_chain`'s probe. */
  readonly requestTimeoutMs: number;
}

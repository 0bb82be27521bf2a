import type { Chain } from '../types.js';

/** A `Chain` row for tests: RPC endpoints given, the rest filled with plausible values. */
export function testChain(chainId: string, rpc: string[]): Chain {
  return { chainId, name: chainId, rpc, bech32Prefix: 'cosmos', denom: 'uatom', displayDenom: 'ATOM', exponent: 6, origin: 'config' };
}

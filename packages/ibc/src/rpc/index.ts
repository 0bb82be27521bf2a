export { createChainRpc, type ChainRpcOptions } from './chain-rpc.js';
export { endpointLabel, scrubUrls } from '../urls.js';

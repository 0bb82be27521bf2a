export { FakeCosmosChain, type FakeCosmosOptions } from './fake-cosmos.js';
export { FakeCosmosEndpoint, type FakeCosmosRequest } from './endpoint.js';
export { linkChains, type Link as FakeCosmosLink, type LinkEnd as FakeCosmosLinkEnd, type LinkOptions as FakeCosmosLinkOptions } from './link.js';
export { paginate as fakeCosmosPaginate } from './pagination.js';
export type { AbciError as FakeCosmosAbciError } from './abci.js';
export {
  revisionFromChainId,
  type ClientStatus as FakeCosmosClientStatus,
  type ConnectionState as FakeCosmosConnectionState,
  type FakeCosmosClientInput,
  type FakeCosmosConnectionInput,
  type FakeCosmosOtherClientInput,
  type HeightInput as FakeCosmosHeight,
} from './state.js';

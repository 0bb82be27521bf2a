export { FakeCosmosChain, type FakeCosmosOptions, type FakeCosmosRequest } from './fake-cosmos.js';
export {
  paginate as fakeCosmosPaginate,
  revisionFromChainId,
  type AbciError as FakeCosmosAbciError,
  type ClientStatus as FakeCosmosClientStatus,
  type ConnectionState as FakeCosmosConnectionState,
  type FakeCosmosClientInput,
  type FakeCosmosConnectionInput,
  type HeightInput as FakeCosmosHeight,
} from './state.js';

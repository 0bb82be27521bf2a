import type { FakeCosmosChain } from './fake-cosmos.js';
import type { ConnectionState } from './state.js';

export interface LinkOptions {
  /** Connections to open between the two chains (each with a new client on each side). Default 1. */
  count?: number;
  /** Trusting period of every client made (default 14 days). */
  trustingPeriodSeconds?: number;
  /** Last update of every client made (default: each host chain's current block time). */
  lastUpdate?: Date;
  /** State of both connection ends (default STATE_OPEN). */
  state?: ConnectionState;
}

/** One end of a linked connection: the connection and its light client on that chain. */
export interface LinkEnd {
  chainId: string;
  connectionId: string;
  clientId: string;
}

export interface Link {
  a: LinkEnd;
  b: LinkEnd;
}

/**
 * Opens `count` connections between two fake chains as ibc-go and a relayer would leave them: on each
 * chain a new Tendermint client tracking the other chain (latest height = the other chain's height,
 * consensus state at `lastUpdate`) and a connection end whose counterparty is the other end.
 * Ids are the next free ones on each chain (`07-tendermint-<n>`, `connection-<n>`).
 */
export function linkChains(a: FakeCosmosChain, b: FakeCosmosChain, options: LinkOptions = {}): Link[] {
  const count = options.count ?? 1;
  const trustingPeriodSeconds = options.trustingPeriodSeconds ?? 14 * 86_400;
  const state = options.state ?? 'STATE_OPEN';
  const links: Link[] = [];
  const connectionsA = [];
  const connectionsB = [];
  for (let i = 0; i < count; i++) {
    const end = (chain: FakeCosmosChain): LinkEnd => ({ chainId: chain.chainId, clientId: chain.allocateClientId(), connectionId: chain.allocateConnectionId() });
    const link = { a: end(a), b: end(b) };
    a.addClient({ clientId: link.a.clientId, counterpartyChainId: b.chainId, trustingPeriodSeconds, latestHeight: b.block.height, lastUpdate: options.lastUpdate ?? a.block.time });
    b.addClient({ clientId: link.b.clientId, counterpartyChainId: a.chainId, trustingPeriodSeconds, latestHeight: a.block.height, lastUpdate: options.lastUpdate ?? b.block.time });
    connectionsA.push({ connectionId: link.a.connectionId, clientId: link.a.clientId, state, counterparty: { clientId: link.b.clientId, connectionId: link.b.connectionId } });
    connectionsB.push({ connectionId: link.b.connectionId, clientId: link.b.clientId, state, counterparty: { clientId: link.a.clientId, connectionId: link.a.connectionId } });
    links.push(link);
  }
  a.addConnections(connectionsA);
  b.addConnections(connectionsB);
  return links;
}

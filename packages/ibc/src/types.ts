/**
 * The shapes the IBC source's modules exchange: the RPC layer (rpc/), the scan (scan.ts), the
 * expiry judgement (expiry.ts), the alert transitions (transitions.ts) and the stores.
 */

/** A chain Herald can query: an `ibc_chains` row (from HERALD_CONFIG or the `register_chain` command). */
export interface Chain {
  chainId: string;
  name: string;
  /** CometBFT RPC endpoints, in the order they are tried. */
  rpc: string[];
  bech32Prefix: string;
  /** Base denom (e.g. "uatom") and how to show it: 1 `displayDenom` = 10^`exponent` base units. */
  denom: string;
  displayDenom: string;
  exponent: number;
  origin: 'config' | 'command';
}

/** The latest block of a chain: the host clock ibc-go judges its clients' expiry by. */
export interface LatestBlock {
  chainId: string;
  height: bigint;
  time: Date;
}

export type ConnectionState = 'STATE_OPEN' | 'STATE_INIT' | 'STATE_TRYOPEN' | 'STATE_UNINITIALIZED_UNSPECIFIED' | 'UNRECOGNIZED';

/** An IBC connection end on the chain it was read from. */
export interface ConnectionInfo {
  connectionId: string;
  clientId: string;
  state: ConnectionState;
  counterparty: { clientId: string; connectionId: string };
}

/** ibc-go's `ClientStatus` answer. Anything else a node says is kept as it is. */
export type ClientStatus = 'Active' | 'Expired' | 'Frozen' | 'Unknown' | (string & {});

/** What a chain says about one of its light clients. */
export interface ClientObservation {
  clientId: string;
  status: ClientStatus;
  /** The chain the client tracks (its client state's `chain_id`); null for clients that track no chain (09-localhost, unknown types). */
  trackedChainId: string | null;
  trustingPeriodSeconds: number | null;
  /** e.g. "1-12345" (revision number-height), as Hermes and rly print it. */
  latestHeight: string | null;
  /** A non-zero frozen height (misbehaviour was submitted). */
  frozen: boolean;
  /** The consensus state's timestamp at the latest height: when the client was last updated. Null when not readable. */
  lastUpdateAt: Date | null;
}

/**
 * One chain's RPC, over its endpoints with failover and a per-request timeout. Transport failures
 * and timeouts move to the next endpoint; when every endpoint fails the call rejects with
 * {@link ChainUnreachableError}. A node's own refusal (an ABCI error code, e.g. "not found") is not an
 * endpoint failure: it rejects with {@link ChainQueryError} without trying other endpoints.
 */
export interface ChainRpc {
  readonly chainId: string;
  latestBlock(): Promise<LatestBlock>;
  /** Connections: every one (all pages, any number) or the listed ids (a missing id rejects with ChainQueryError). */
  connections(select: 'all' | readonly string[]): Promise<ConnectionInfo[]>;
  /** Status, client state and the consensus state at the latest height (3 queries; 1 when `statusOnly`). */
  client(clientId: string, options?: { statusOnly?: boolean }): Promise<ClientObservation>;
  /** Exact balance in base units (0 when the account holds none). */
  balance(address: string, denom: string): Promise<bigint>;
  /** Requests sent so far (for metrics and benchmarks). */
  readonly requestCount: number;
  close(): void;
}

/** Every endpoint of a chain failed (connection refused, reset, timed out, HTTP error, bad answer). */
export class ChainUnreachableError extends Error {
  override name = 'ChainUnreachableError';
  constructor(
    readonly chainId: string,
    /** One line per endpoint, credentials in URLs removed. */
    readonly failures: string[],
  ) {
    super(`${chainId}: every RPC endpoint failed (${failures.join('; ')})`);
  }
}

/** A node answered, but refused the query (an ABCI error code: unknown client, connection not found, …). */
export class ChainQueryError extends Error {
  override name = 'ChainQueryError';
  constructor(
    readonly chainId: string,
    message: string,
    readonly code?: number,
  ) {
    super(`${chainId}: ${message}`);
  }
}

/** One light client found by a scan, with what its host chain said about it (or why it could not). */
export interface ClientFinding {
  /** The chain the client lives on (the monitored chain, or the chain at the other end of a connection). */
  chainId: string;
  clientId: string;
  /** The monitored chain whose scan found it. */
  monitoredChainId: string;
  connectionId: string | null;
  counterpartyConnectionId: string | null;
  counterpartyClientId: string | null;
  /** Present when the host chain answered. */
  observation?: ClientObservation;
  /** The host chain's latest block time when the client was read. */
  hostTime?: Date;
  /** The host chain is unreachable: keep the last known state (stale), never judge it. */
  unreachable?: boolean;
  /** The query failed for this client alone (e.g. the node pruned the consensus state). */
  error?: string;
  /** Not re-read this poll (an expired client between its slow re-checks): keep the state as it is. */
  skipped?: boolean;
}

/** A configuration problem a scan found (e.g. a counterparty chain missing from `ibc.chains`). */
export interface ConfigWarning {
  key: string;
  message: string;
}

/** What one monitored chain's scan found. */
export interface ScanResult {
  monitoredChainId: string;
  clients: ClientFinding[];
  warnings: ConfigWarning[];
  /** Chains whose every endpoint failed during this scan, with the error; others answered. */
  unreachable: Map<string, string>;
  /** Chains that answered during this scan, with their latest block. */
  reachable: Map<string, LatestBlock>;
  /** Connections kept (open) on the monitored chain. */
  connections: number;
  /** RPC requests the scan sent. */
  requests: number;
}

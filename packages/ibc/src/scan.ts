import pLimit from 'p-limit';
import type { MonitorSettings } from './settings.js';
import {
  ChainQueryError,
  ChainUnreachableError,
  type Chain,
  type ChainRpc,
  type ClientFinding,
  type ConfigWarning,
  type ConnectionInfo,
  type LatestBlock,
  type ScanResult,
} from './types.js';

/** How a poll wants a client read: fully (3 queries), its status only (1 query), or not at all this time. */
export type ClientPlan = 'full' | 'status' | 'skip';

export interface ScanInput {
  /** The monitored chain and its connections (`all`, or a list of ids). */
  monitor: Pick<MonitorSettings, 'chainId' | 'connections'>;
  /** Every chain Herald can query, by chain id (counterparty chains not in it are reported, not read). */
  chains: ReadonlyMap<string, Chain>;
  rpcFor: (chainId: string) => ChainRpc;
  /** Queries (client reads, block reads, connection reads) in flight at once during this scan. */
  concurrency: number;
  /** Per client (host chain id, client id); default `full`. The poll re-checks expired clients cheaply with `status`/`skip`. */
  plan?: (chainId: string, clientId: string) => ClientPlan;
  /**
   * The chain a client was last seen tracking (the poll's `ibc_clients.tracked_chain_id`). Needed to find
   * the counterparty of a monitored-chain client that `plan` says not to read fully; without it such a
   * client is read fully anyway, since only its client state names the counterparty chain.
   */
  trackedChainOf?: (chainId: string, clientId: string) => string | null | undefined;
}

const MAX_LISTED = 10;
const listIds = (ids: readonly string[]): string =>
  ids.length <= MAX_LISTED ? ids.join(', ') : `${ids.slice(0, MAX_LISTED).join(', ')} and ${ids.length - MAX_LISTED} more`;

type Read = Pick<ClientFinding, 'observation' | 'hostTime' | 'unreachable' | 'error'>;

/**
 * Scans one monitored chain: its open connections (every page, or the configured ids), the light
 * client at both ends of each (the host end on the monitored chain, the other end on the chain the
 * host client tracks, whatever the host client's status — the seed skipped it unless Active), each
 * client read once however many connections share it, judged later against its own host chain's
 * latest block time (`hostTime`, read once per chain: ibc-go judges expiry by the host's block time).
 *
 * Both modes keep `STATE_OPEN` connections only and resolve the counterparty chain from the host
 * client's client state `chain_id` (the seed's configured mode crashed there). Configuration problems
 * come back as warnings, never as a crash: a configured id that does not exist
 * (`connection-not-found:<chain>:<id>`), a configured id that is not open — left out until it opens
 * (`connection-not-open:<chain>:<id>`), a counterparty chain missing from `ibc.chains`
 * (`counterparty-not-configured:<monitored>:<counterparty>`, one per chain, naming its connections).
 *
 * Outages: when the monitored chain cannot be reached, or its connection list cannot be read, it is in
 * `unreachable` with the reason and `clients` is empty (the poll keeps the last known states). A
 * counterparty chain that cannot be reached is in `unreachable` and its clients come back with
 * `unreachable: true`; once a chain failed during a scan it is not asked again in that scan. A node's
 * refusal for one client (unknown client, …) is that finding's `error`. `requests` counts the requests
 * of the chains' RPCs during the scan (another scan sharing an RPC at the same time is counted too).
 */
export async function scanMonitoredChain(input: ScanInput): Promise<ScanResult> {
  const monitoredChainId = input.monitor.chainId;
  const plan = input.plan ?? (() => 'full');
  const limit = pLimit(input.concurrency);
  const result: ScanResult = { monitoredChainId, clients: [], warnings: [], unreachable: new Map(), reachable: new Map(), connections: 0, requests: 0 };
  const rpcs = new Map<string, { rpc: ChainRpc; before: number }>();
  const blocks = new Map<string, Promise<LatestBlock | undefined>>();

  const rpc = (chainId: string): ChainRpc => {
    let entry = rpcs.get(chainId);
    if (entry === undefined) {
      const created = input.rpcFor(chainId);
      rpcs.set(chainId, (entry = { rpc: created, before: created.requestCount }));
    }
    return entry.rpc;
  };
  const unreachable = (chainId: string, err: unknown): void => {
    if (!(err instanceof ChainUnreachableError)) throw err;
    result.unreachable.set(chainId, err.message);
    result.reachable.delete(chainId);
  };
  const blockOf = (chainId: string): Promise<LatestBlock | undefined> => {
    let block = blocks.get(chainId);
    if (block === undefined) {
      block = limit(() => rpc(chainId).latestBlock()).then(
        (b) => (result.reachable.set(chainId, b), b),
        (err: unknown) => void unreachable(chainId, err),
      );
      blocks.set(chainId, block);
    }
    return block;
  };
  const read = async (chainId: string, clientId: string, statusOnly: boolean): Promise<Read> => {
    const block = await blockOf(chainId);
    if (block === undefined || result.unreachable.has(chainId)) return { unreachable: true };
    try {
      const observation = await limit(() => (result.unreachable.has(chainId) ? undefined : rpc(chainId).client(clientId, { statusOnly })));
      return observation === undefined ? { unreachable: true } : { observation, hostTime: block.time };
    } catch (err) {
      if (err instanceof ChainQueryError) return { error: err.message };
      unreachable(chainId, err);
      return { unreachable: true };
    }
  };
  const finish = (): ScanResult => {
    result.requests = [...rpcs.values()].reduce((sum, { rpc: r, before }) => sum + r.requestCount - before, 0);
    return result;
  };

  if ((await blockOf(monitoredChainId)) === undefined) return finish();
  const open = await openConnections(input, rpc(monitoredChainId), limit, result.warnings);
  if ('unreachable' in open) {
    result.unreachable.set(monitoredChainId, open.unreachable);
    result.reachable.delete(monitoredChainId);
    return finish();
  }
  result.connections = open.length;

  // The monitored chain's end: one read per client, however many connections share it.
  const hostClients = new Map<string, ConnectionInfo[]>();
  for (const conn of open) hostClients.set(conn.clientId, [...(hostClients.get(conn.clientId) ?? []), conn]);
  const hostFindings = await Promise.all(
    [...hostClients].map(async ([clientId, conns]) => {
      const first = conns[0] as ConnectionInfo;
      const base = { chainId: monitoredChainId, clientId, monitoredChainId, connectionId: first.connectionId, counterpartyConnectionId: first.counterparty.connectionId || null, counterpartyClientId: first.counterparty.clientId || null };
      const wanted = plan(monitoredChainId, clientId);
      const hint = wanted === 'full' ? undefined : input.trackedChainOf?.(monitoredChainId, clientId);
      if (wanted === 'skip' && hint !== undefined) return { finding: { ...base, skipped: true } satisfies ClientFinding, tracks: hint };
      const statusOnly = wanted === 'status' && hint !== undefined;
      const finding: ClientFinding = { ...base, ...(await read(monitoredChainId, clientId, statusOnly)) };
      const tracks = statusOnly || finding.observation === undefined ? (hint ?? null) : finding.observation.trackedChainId;
      return { finding, tracks };
    }),
  );

  // The other end: resolved from the chain each host client tracks.
  const seen = new Set(hostFindings.map(({ finding }) => `${finding.chainId}\u0000${finding.clientId}`));
  const notConfigured = new Map<string, string[]>();
  const counterpartyReads: Array<Promise<ClientFinding>> = [];
  for (const { finding, tracks } of hostFindings) {
    if (tracks === null) continue; // 09-localhost, wasm, or unknown: no chain to follow
    for (const conn of hostClients.get(finding.clientId) ?? []) {
      if (!input.chains.has(tracks)) {
        notConfigured.set(tracks, [...(notConfigured.get(tracks) ?? []), conn.connectionId]);
        continue;
      }
      const clientId = conn.counterparty.clientId;
      const key = `${tracks}\u0000${clientId}`;
      if (clientId === '' || seen.has(key)) continue;
      seen.add(key);
      const base = { chainId: tracks, clientId, monitoredChainId, connectionId: conn.counterparty.connectionId || null, counterpartyConnectionId: conn.connectionId, counterpartyClientId: conn.clientId };
      const wanted = plan(tracks, clientId);
      counterpartyReads.push(wanted === 'skip' ? Promise.resolve({ ...base, skipped: true }) : read(tracks, clientId, wanted === 'status').then((r) => ({ ...base, ...r })));
    }
  }
  for (const [chainId, connectionIds] of notConfigured) {
    result.warnings.push({
      key: `counterparty-not-configured:${monitoredChainId}:${chainId}`,
      message:
        `${monitoredChainId} has ${connectionIds.length} open connection(s) to ${chainId} (${listIds(connectionIds)}), but ${chainId} is not in ibc.chains, ` +
        `so its light clients on ${chainId} are not checked. Add ${chainId} to ibc.chains (chainId, name, rpc, bech32Prefix, denom, displayDenom, exponent) to watch them.`,
    });
  }
  result.clients = [...hostFindings.map(({ finding }) => finding), ...(await Promise.all(counterpartyReads))];
  return finish();
}

/** The monitored chain's open connections, with warnings for configured ids that are missing or not open. */
async function openConnections(
  input: ScanInput,
  rpc: ChainRpc,
  limit: ReturnType<typeof pLimit>,
  warnings: ConfigWarning[],
): Promise<ConnectionInfo[] | { unreachable: string }> {
  const chainId = input.monitor.chainId;
  const selection = input.monitor.connections;
  try {
    if (selection === 'all') return (await limit(() => rpc.connections('all'))).filter((c) => c.state === 'STATE_OPEN');
    const found = await Promise.all(
      [...new Set(selection)].map((id) =>
        limit(() => rpc.connections([id])).then(
          ([conn]) => conn,
          (err: unknown) => {
            if (!(err instanceof ChainQueryError)) throw err;
            warnings.push({ key: `connection-not-found:${chainId}:${id}`, message: `${id} (in ibc.monitor for ${chainId}) was not found on ${chainId}: ${err.message}. Check the connection id.` });
            return undefined;
          },
        ),
      ),
    );
    const open: ConnectionInfo[] = [];
    for (const conn of found) {
      if (conn === undefined) continue;
      if (conn.state === 'STATE_OPEN') open.push(conn);
      else {
        warnings.push({
          key: `connection-not-open:${chainId}:${conn.connectionId}`,
          message: `${conn.connectionId} (in ibc.monitor for ${chainId}) is ${conn.state}, not open: its light clients are not watched until the connection is open.`,
        });
      }
    }
    return open;
  } catch (err) {
    if (err instanceof ChainUnreachableError) return { unreachable: err.message };
    if (err instanceof ChainQueryError) {
      warnings.push({ key: `connections-unreadable:${chainId}`, message: `The connections of ${chainId} could not be read: ${err.message}` });
      return { unreachable: err.message };
    }
    throw err;
  }
}

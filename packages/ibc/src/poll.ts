import type { IbcClientState } from '@herald/contracts';
import type { Queryable } from '@herald/db/sql';
import { failpoint, type Logger } from '@herald/logging';
import type { NewEvent, OutboxStore, RecordedEvent } from '@herald/pipeline';
import pLimit from 'p-limit';
import { DefaultHaltedAfterMs } from './chain-halts.js';
import { recordChainHealth } from './chain-health.js';
import { loadChains } from './chain-store.js';
import { judgeFinding } from './client-alerts.js';
import { forgetUnseenClients } from './client-pruning.js';
import { clientKey, loadDeadClients, lockClients, saveClients, type ClientUpdate } from './client-store.js';
import { recordConfigWarnings } from './config-warnings.js';
import type { ExpiryThresholds } from './expiry.js';
import { scanMonitoredChain, type ClientPlan } from './scan.js';
import type { ChainSettings, MonitorSettings } from './settings.js';
import type { Chain, ChainRpc, ClientFinding, ConfigWarning, ScanResult } from './types.js';

export interface IbcPollOptions {
  /** Herald's Postgres, for reads outside the poll transaction (chains, the plan). */
  db: Queryable;
  /** This process's `ibc.chains`: they win over the `ibc_chains` rows (see loadChains). */
  configuredChains?: readonly ChainSettings[];
  /** `ibc.haltedAfter` (see recordChainHalts). */
  haltedAfterMs?: number;
  outbox: OutboxStore;
  monitor: MonitorSettings;
  /** The RPC of a chain (one per chain, shared by every poll); chains are re-read from `ibc_chains` each poll. */
  rpcFor: (chain: Chain) => ChainRpc;
  /** Queries in flight at once during the scan (`ibc.concurrency`). */
  concurrency: number;
  thresholds: ExpiryThresholds;
  /** `ibc.reminderInterval` (0 = no reminders). */
  reminderIntervalMs: number;
  /** `ibc.expiredPollInterval`: how often an expired or frozen client is re-read (status only). */
  expiredPollIntervalMs: number;
  logger: Logger;
  now?: () => Date;
}

/** One poll of one monitored chain, as the job's log line and the benchmarks report it. */
export interface IbcPollSummary {
  chainId: string;
  connections: number;
  /** Clients judged this poll, by their state after it. */
  states: Partial<Record<IbcClientState, number>>;
  /** Clients left as they were: their host chain is unreachable (stale), or an expired client between re-checks. */
  stale: number;
  skipped: number;
  /** Clients whose read failed on their own (`ibc_clients.last_error`). */
  errors: number;
  requests: number;
  unreachable: string[];
  /** Why the monitored chain itself could not be read (every endpoint failed, or its connections); null when it answered. */
  monitoredUnreachable: string | null;
  ms: number;
}

export interface IbcPollResult {
  recorded: RecordedEvent[];
  /** Configuration warnings seen for the first time (log each once). */
  newWarnings: ConfigWarning[];
  summary: IbcPollSummary;
}

/** The outbox source key of a monitored chain's poll (the wallet poll's is `ibc:wallets`). */
export function ibcSourceKey(chainId: string): string {
  return `ibc:${chainId}`;
}

/**
 * One poll of a monitored chain: scans its connections and the light clients at both ends (see
 * `scanMonitoredChain`), judges each client read against its host chain's block time, and in ONE
 * transaction (under the source's lock) records chain reachability, every client's new state and
 * the events of the transitions, and the configuration warnings. Expired and frozen clients are
 * re-read by status only every `expiredPollIntervalMs` and skipped between; one whose status is
 * Active again is read fully at once, so its revival is judged (and announced) in the same poll.
 * Unreachable chains' clients keep their last state. Throws on Postgres errors (nothing written);
 * RPC failures are outcomes, not errors.
 */
export async function pollMonitoredChain(options: IbcPollOptions): Promise<IbcPollResult> {
  const started = performance.now();
  const { monitor } = options;
  const [chains, dead] = await Promise.all([loadChains(options.db, options.configuredChains), loadDeadClients(options.db)]);
  const scanStartedAt = (options.now ?? (() => new Date()))();
  const statusOnly = new Set<string>();
  const plan = (chainId: string, clientId: string): ClientPlan => {
    const key = clientKey(chainId, clientId);
    const client = dead.get(key);
    if (!client) return 'full';
    if (client.lastCheckedAt && scanStartedAt.getTime() - client.lastCheckedAt.getTime() < options.expiredPollIntervalMs) return 'skip';
    statusOnly.add(key);
    return 'status';
  };
  const trackedChainOf = (chainId: string, clientId: string) => dead.get(clientKey(chainId, clientId))?.trackedChainId;
  const rpcFor = (chainId: string): ChainRpc => {
    const chain = chains.get(chainId);
    if (!chain) throw new Error(`chain ${chainId} is not in ibc_chains (is it in ibc.chains?)`);
    return options.rpcFor(chain);
  };
  const scan = await scanMonitoredChain({ monitor, chains, rpcFor, concurrency: options.concurrency, plan, trackedChainOf });
  const followUps = await readRevived(scan, statusOnly, rpcFor, options);
  const now = (options.now ?? (() => new Date()))();

  const { recorded, newWarnings, updates } = await options.outbox.poll(ibcSourceKey(monitor.chainId), async (tx) => {
    const events: NewEvent[] = await recordChainHealth(tx.sql, scan, now, { haltedAfterMs: options.haltedAfterMs ?? DefaultHaltedAfterMs });
    const judged = judgeable(scan.clients, statusOnly);
    const stored = await lockClients(tx.sql, judged);
    const updates: ClientUpdate[] = [];
    for (const finding of judged) {
      const { update, event } = judgeFinding(finding, stored.get(clientKey(finding.chainId, finding.clientId))!, {
        chains,
        thresholds: options.thresholds,
        reminderIntervalMs: options.reminderIntervalMs,
        now,
      });
      updates.push(update);
      if (event) events.push(event);
    }
    await saveClients(tx.sql, updates);
    const complete = !scan.unreachable.has(monitor.chainId);
    if (complete) await forgetUnseenClients(tx.sql, monitor.chainId, scan.clients);
    const newWarnings = await recordConfigWarnings(tx.sql, monitor.chainId, scan.warnings, { complete });
    const recorded = await tx.record(events);
    if (recorded.length > 0) failpoint('ibc.poll.before-commit');
    return { recorded, newWarnings, updates };
  });

  const states: Partial<Record<IbcClientState, number>> = {};
  for (const u of updates) if (u.checkedAt) states[u.state] = (states[u.state] ?? 0) + 1;
  const summary: IbcPollSummary = {
    chainId: monitor.chainId,
    connections: scan.connections,
    states,
    stale: scan.clients.filter((c) => c.unreachable).length,
    skipped: scan.clients.filter((c) => c.skipped).length,
    errors: updates.filter((u) => !u.checkedAt).length,
    requests: scan.requests + followUps,
    unreachable: [...scan.unreachable.keys()],
    monitoredUnreachable: scan.unreachable.get(monitor.chainId) ?? null,
    ms: Math.round(performance.now() - started),
  };
  return { recorded, newWarnings, summary };
}

/**
 * The findings the poll judges (read, or failed for this client alone), one per client. Clients
 * that track no chain through a Tendermint client state (09-localhost, wasm clients) have no
 * trusting period to judge and are left out, unless the read was a status-only re-check.
 */
function judgeable(findings: readonly ClientFinding[], statusOnly: ReadonlySet<string>): ClientFinding[] {
  const byKey = new Map<string, ClientFinding>();
  for (const finding of findings) {
    if (finding.unreachable || finding.skipped) continue;
    const key = clientKey(finding.chainId, finding.clientId);
    const o = finding.observation;
    if (o && o.trackedChainId === null && o.trustingPeriodSeconds === null && !statusOnly.has(key)) continue;
    if (!byKey.has(key)) byKey.set(key, finding);
  }
  return [...byKey.values()];
}

/**
 * A dead client re-read by status alone whose status is no longer Expired/Frozen was revived (by
 * governance): read it fully now, so it is judged on its real timing rather than left `unknown`.
 * Returns the number of requests sent. A failure leaves the status-only finding (judged unknown: no change).
 */
async function readRevived(scan: ScanResult, statusOnly: ReadonlySet<string>, rpcFor: (chainId: string) => ChainRpc, options: IbcPollOptions): Promise<number> {
  const limit = pLimit(options.concurrency);
  let requests = 0;
  await Promise.all(
    scan.clients.map((finding, i) => {
      const o = finding.observation;
      if (!o || o.status === 'Expired' || o.status === 'Frozen' || o.frozen || !statusOnly.has(clientKey(finding.chainId, finding.clientId))) return undefined;
      return limit(async () => {
        const rpc = rpcFor(finding.chainId);
        const before = rpc.requestCount;
        try {
          scan.clients[i] = { ...finding, observation: await rpc.client(finding.clientId) };
        } catch (error) {
          options.logger.debug({ chainId: finding.chainId, clientId: finding.clientId, err: error }, 'IBC client revived, but its full read failed; judged at the next re-check');
        } finally {
          requests += rpc.requestCount - before;
        }
      });
    }),
  );
  return requests;
}

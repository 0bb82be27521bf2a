import { failpoint, type Logger } from '@herald/logging';
import type { RecordedEvent } from '@herald/pipeline';
import { pollMonitoredChain, type IbcPollOptions, type IbcPollSummary } from './poll.js';
import type { MonitorSettings } from './settings.js';
import { pollWallets, type WalletPollOptions, type WalletPollSummary } from './wallets/monitor.js';

export interface IbcJobOptions {
  /** Everything a chain poll needs but its monitor. */
  poll: Omit<IbcPollOptions, 'monitor'>;
  monitors: readonly MonitorSettings[];
  wallets: WalletPollOptions;
  /** Hands newly recorded events to the notifier (after their transaction committed). */
  enqueue: (events: RecordedEvent[]) => Promise<void>;
  /** Asks the notifier to re-render the IBC status messages (one deduplicated `ibc.status.refresh` job). */
  refreshStatus: () => Promise<void>;
  logger: Logger;
}

/**
 * The monitored chain could not be read this poll (what it found is recorded: the chain's
 * unreachable event, its clients kept as they were). Thrown after the poll's work is done, so the
 * poll guard reports the outage once and the dashboard shows the source as failing.
 */
export class MonitoredChainUnreachableError extends Error {
  override name = 'MonitoredChainUnreachableError';
  constructor(
    readonly chainId: string,
    reason: string,
  ) {
    super(reason);
  }
}

export interface IbcJobHandlers {
  /** The work of an `ibc.poll` job for one monitored chain; null for a chain no longer monitored. */
  pollChain(chainId: string): Promise<IbcPollSummary | null>;
  /** The work of the `ibc.wallets` job. */
  pollWallets(): Promise<WalletPollSummary>;
}

/**
 * The IBC poller's jobs: poll, then enqueue the deliveries of what was recorded, then ask for a
 * status-message refresh. They throw on failure and log nothing about it: wrap each in
 * `createPollGuard` (@herald/queue), which reports outages, backs off and notes every outcome. A
 * chain poll whose monitored chain could not be read throws {@link MonitoredChainUnreachableError}
 * after recording what it found, so the source shows as failing.
 *
 * Log lines (JSON, for operators and end-to-end tests): `ibc poll` per chain poll — info when it
 * recorded events, on a chain's first poll since start and when the chains it finds unreachable
 * change, debug otherwise — with connections, clients by state, stale/skipped/errors, requests and ms;
 * `ibc configuration warning` (warn) once per warning when first seen; `ibc wallets polled` likewise.
 * Failpoints (HERALD_FAILPOINTS, crash tests): `ibc.poll.before-commit`, `ibc.poll.after-commit`,
 * `ibc.wallets.after-commit`.
 */
export function createIbcJobHandlers(options: IbcJobOptions): IbcJobHandlers {
  const { logger } = options;
  // Per job (chain id, or "wallets"): the unreachable chains it last saw. A poll is logged at info when it
  // recorded events, on the job's first poll since start, and when the set of unreachable chains changes.
  const lastSeen = new Map<string, string>();
  const loud = (job: string, recorded: number, unreachable: string[]) => {
    const seen = unreachable.join(',');
    const changed = lastSeen.get(job) !== seen;
    lastSeen.set(job, seen);
    return recorded > 0 || changed;
  };
  const deliver = async (recorded: RecordedEvent[]) => {
    await options.enqueue(recorded);
    await options.refreshStatus();
  };
  return {
    async pollChain(chainId) {
      const monitor = options.monitors.find((m) => m.chainId === chainId);
      if (!monitor) {
        logger.debug({ chainId }, 'ibc.poll job for a chain that is no longer in ibc.monitor; ignored');
        return null;
      }
      const { recorded, newWarnings, summary } = await pollMonitoredChain({ ...options.poll, monitor });
      // Crash tests: committed, not yet enqueued (the reconciler must deliver it, once).
      if (recorded.length > 0) failpoint('ibc.poll.after-commit');
      await deliver(recorded);
      for (const warning of newWarnings) logger.warn({ chainId, key: warning.key }, `ibc configuration warning: ${warning.message}`);
      logger[loud(chainId, recorded.length, summary.unreachable) ? 'info' : 'debug']({ ...summary, recorded: recorded.length, events: recorded.map((e) => e.fingerprint) }, 'ibc poll');
      if (summary.monitoredUnreachable !== null) throw new MonitoredChainUnreachableError(chainId, summary.monitoredUnreachable);
      return summary;
    },
    async pollWallets() {
      const { recorded, summary } = await pollWallets(options.wallets);
      if (recorded.length > 0) failpoint('ibc.wallets.after-commit');
      await deliver(recorded);
      logger[loud('wallets', recorded.length, summary.unreachable) ? 'info' : 'debug']({ ...summary, recorded: recorded.length, events: recorded.map((e) => e.fingerprint) }, 'ibc wallets polled');
      return summary;
    },
  };
}

import type { Queue } from 'bullmq';
import type { SqlPool } from '@herald/db/sql';
import type { DiscordClient } from '@herald/discord';
import { createIbcStatusRefresh } from '@herald/ibc/render';
import type { Logger } from '@herald/logging';
import { createStatusMessages, destinationSpecs, discordStatusTransport, syncDestinations } from '@herald/pipeline';
import type { SchedulerSpec } from '@herald/queue';
import type { NotifierConfig } from './config.js';

/** Besides the refresh the ibc-poller asks for after each poll: keeps "time left" current while no poll runs. */
const REFRESH_EVERY_MS = 60_000;
const SCHEDULER_ID = 'ibc-status-refresh';

export interface IbcStatus {
  /** The `ibc.status.refresh` job's handler (does nothing without `ibc.statusDestinations`). */
  refresh(): Promise<void>;
  /** The once-a-minute scheduler, when there is a status destination. */
  schedulers: SchedulerSpec[];
}

/**
 * Wires the IBC status message kept edited in place in each destination named by
 * `ibc.statusDestinations` (checked against `destinations` by the config): their rows in
 * `destinations`, the status messages on the process's one Discord client, and the refresh.
 */
export async function setupIbcStatus(input: { config: NotifierConfig; db: SqlPool; discord: DiscordClient; maintenanceQueue: Queue; logger: Logger }): Promise<IbcStatus> {
  const { config, db, discord, maintenanceQueue, logger } = input;
  const names = new Set(config.ibc.statusDestinations);
  if (names.size === 0) {
    // A scheduler left by an earlier configuration would keep queueing jobs that now do nothing.
    await maintenanceQueue.removeJobScheduler(SCHEDULER_ID);
    return { refresh: async () => undefined, schedulers: [] };
  }
  const ids = await syncDestinations(db, destinationSpecs(config.destinations).filter((spec) => names.has(spec.key)));
  const statusMessages = createStatusMessages({ db, transport: discordStatusTransport(discord, config.discord.bot?.token !== undefined), logger });
  const refresh = createIbcStatusRefresh({ db, statusMessages, destinationIds: [...ids.values()] });
  logger.info({ destinations: [...names] }, 'IBC status message kept up to date');
  return {
    async refresh() {
      const result = await refresh();
      if (result.busy) logger.debug('IBC status refresh skipped: another notifier is refreshing it');
    },
    schedulers: [{ id: SCHEDULER_ID, queue: maintenanceQueue, job: 'ibc.status.refresh', data: {}, everyMs: REFRESH_EVERY_MS }],
  };
}

import type { Queue } from 'bullmq';
import type { StatusReport } from '@herald/bot';
import type { Queryable } from '@herald/db/sql';
import { countOpenDeliveries, readDestinationHealth, readSourceHealth } from '@herald/pipeline/health';

/**
 * What `/status` reports: the same figures as the dashboard, read when the command runs, and the
 * bot features Discord's refused privileged intents switched off (`botFeaturesOff`, names with their setting).
 */
export function statusReporter(db: Queryable, queues: Queue[], botFeaturesOff: () => readonly string[] = () => []): () => Promise<StatusReport> {
  return async () => {
    const now = new Date();
    const [sources, destinations, openDeliveries, counts] = await Promise.all([
      readSourceHealth(db, now),
      readDestinationHealth(db),
      countOpenDeliveries(db),
      Promise.all(queues.map(async (queue) => ({ name: queue.name, counts: await queue.getJobCounts('waiting', 'delayed', 'active', 'failed') }))),
    ]);
    return {
      generatedAt: now,
      botFeaturesOff: botFeaturesOff(),
      sources: sources.map((s) => ({ key: s.sourceKey, lastSuccessAt: s.lastSuccessAt, lagSeconds: s.lagSeconds, lastError: s.lastError, failingSince: s.failingSince })),
      queues: counts.map(({ name, counts: c }) => ({ name, waiting: c.waiting ?? 0, delayed: c.delayed ?? 0, active: c.active ?? 0, failed: c.failed ?? 0 })),
      openDeliveries,
      destinations: destinations.map((d) => ({
        label: d.label,
        kind: d.kind,
        status: d.status,
        failureStreak: d.failureStreak,
        lastError: d.lastError,
        quarantineReason: d.quarantineReason,
      })),
    };
  };
}

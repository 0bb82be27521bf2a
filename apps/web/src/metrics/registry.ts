import { Gauge, Registry } from 'prom-client';
import type { WebDeps } from '../deps.js';
import { registerLatencyHistogram } from './histogram.js';
import { registerIbcGauges } from './ibc.js';
import { readSnapshot, type MetricsSnapshot } from './snapshot.js';

/** Declares one gauge whose value(s) `fill` sets from the scrape's snapshot. */
export type GaugeFactory = <L extends string>(name: string, help: string, labelNames: L[], fill: (g: Gauge<L>, s: MetricsSnapshot) => void) => Gauge<L>;

/**
 * Herald's series: a registry of its own (never prom-client's global one, so several apps in one
 * test process do not collide). Every value is read from Postgres and Redis at scrape time, so all
 * web replicas report the same numbers (no `service`/`instance` labels; the processes' own metrics
 * are merged in by the route, see services.ts). Labels are queue names, statuses and source keys
 * only: never URLs or e-mail addresses.
 */
export function createMetricsRegistry(deps: WebDeps): Registry {
  const registry = new Registry();

  // All gauges of one scrape share a single read: prom-client calls every `collect` in the same tick.
  let inflight: Promise<MetricsSnapshot> | undefined;
  const snapshot = () => (inflight ??= readSnapshot(deps).finally(() => (inflight = undefined)));

  const gauge: GaugeFactory = (name, help, labelNames, fill) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const s = await snapshot();
        this.reset();
        fill(this, s);
      },
    });

  gauge('herald_queue_jobs', 'Jobs per BullMQ queue and state.', ['queue', 'state'], (g, s) => {
    for (const q of s.queues ?? []) for (const [state, n] of Object.entries(q.counts)) g.set({ queue: q.queue, state }, n);
  });
  gauge('herald_deliveries', 'Deliveries in the ledger by status.', ['status'], (g, s) => {
    for (const [status, n] of Object.entries(s.deliveries ?? {})) g.set({ status }, n);
  });
  gauge('herald_destinations', 'Destinations by status.', ['status'], (g, s) => {
    for (const [status, n] of Object.entries(s.destinations ?? {})) g.set({ status }, n);
  });
  gauge('herald_source_last_poll_duration_seconds', 'Duration of the last poll of each source.', ['source'], (g, s) => {
    for (const src of s.sources ?? []) if (src.lastPollSeconds !== null) g.set({ source: src.source }, src.lastPollSeconds);
  });
  gauge('herald_source_last_success_timestamp_seconds', 'Unix time of the last successful poll.', ['source'], (g, s) => {
    for (const src of s.sources ?? []) if (src.lastSuccessTimestamp !== null) g.set({ source: src.source }, src.lastSuccessTimestamp);
  });
  gauge('herald_source_poll_lag_seconds', 'Seconds since the last successful poll.', ['source'], (g, s) => {
    for (const src of s.sources ?? []) if (src.lagSeconds !== null) g.set({ source: src.source }, src.lagSeconds);
  });
  gauge('herald_source_up', 'Whether the last poll of each source succeeded (1) or failed (0).', ['source'], (g, s) => {
    for (const src of s.sources ?? []) g.set({ source: src.source }, src.up);
  });
  // Discord bans the IP after 10,000 invalid requests in 10 minutes; the notifiers slow, then stop, before that.
  gauge('herald_discord_invalid_requests', 'Invalid Discord answers (401, 403, 429 but scope shared) in the shared window, all notifiers.', [], (g, s) => {
    if (s.discordInvalid !== undefined) g.set(s.discordInvalid?.count ?? 0);
  });
  gauge('herald_discord_invalid_requests_threshold', 'Counts at which the notifiers slow down (slow) and stop sending (stop).', ['level'], (g, s) => {
    if (!s.discordInvalid) return;
    g.set({ level: 'slow' }, s.discordInvalid.slowAt);
    g.set({ level: 'stop' }, s.discordInvalid.stopAt);
  });
  gauge('herald_discord_sending_state', '1 for the current state of Discord sending (normal, slowed, paused), 0 for the others.', ['state'], (g, s) => {
    if (s.discordInvalid === undefined) return;
    const current = s.discordInvalid?.state ?? 'normal';
    for (const state of ['normal', 'slowed', 'paused']) g.set({ state }, state === current ? 1 : 0);
  });
  gauge(
    'herald_delivery_in_doubt_attempts',
    'Resends of deliveries whose earlier request may have reached Discord without an answer (a crash, a timeout): each may have posted twice.',
    [],
    (g, s) => {
      if (s.inDoubtAttempts !== undefined) g.set(s.inDoubtAttempts);
    },
  );
  registerLatencyHistogram(registry, snapshot);
  registerIbcGauges(gauge);
  return registry;
}

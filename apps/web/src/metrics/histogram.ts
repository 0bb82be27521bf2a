import type { Metric, Registry } from 'prom-client';
import type { MetricsSnapshot } from './snapshot.js';

const name = 'herald_delivery_latency_seconds';

/**
 * `herald_delivery_latency_seconds`, a Prometheus histogram of the seconds from an event being
 * recorded to Discord accepting it, over every delivery ever delivered (rate() over it gives recent
 * latencies; histogram_quantile() the percentiles).
 *
 * Why computed from Postgres at scrape rather than observed by a prom-client Histogram in the
 * notifier: a delivery is marked delivered exactly once in Postgres, by whichever replica sent it,
 * so counting there never loses an observation to a crash or restart (an in-process histogram
 * loses what it observed since its last publish), never counts one twice, and every web replica
 * exports identical counters. Retention folds the deliveries it deletes into
 * `delivery_latency_folded` in the same statement, so the counters never go down. prom-client's
 * Histogram can only `observe()`, not be given counts, so this registers a metric object of the
 * shape prom-client serialises (the same `get()` contract its own metrics and AggregatorRegistry use).
 */
export function registerLatencyHistogram(registry: Registry, snapshot: () => Promise<MetricsSnapshot>): void {
  const help = 'Seconds from an event being recorded to Discord accepting its message, over every delivery delivered so far (Postgres).';
  const metric = {
    name,
    help,
    type: 'histogram',
    aggregator: 'sum',
    async get() {
      const h = (await snapshot()).latency;
      const values = h
        ? [
            ...h.bounds.map((le, i) => ({ metricName: `${name}_bucket`, labels: { le }, value: h.buckets[i]! })),
            { metricName: `${name}_bucket`, labels: { le: '+Inf' }, value: h.count },
            { metricName: `${name}_sum`, labels: {}, value: h.sum },
            { metricName: `${name}_count`, labels: {}, value: h.count },
          ]
        : [];
      return { name, help, type: 'histogram', aggregator: 'sum', values };
    },
  };
  registry.registerMetric(metric as unknown as Metric);
}

/** `@herald/pipeline/metrics`: each service's metrics through Redis, and the delivery latency histogram. */
export * from './metrics-publish.js';
export { LatencyBucketsSeconds, readLatencyHistogram, type LatencyHistogram } from './metrics-latency.js';

import { DeliveryStatus, DestinationStatus } from '@herald/db/statuses';
import type { Queryable } from '@herald/db/sql';
import type { InvalidBudgetReading } from '@herald/discord/budget';
import { readLatencyHistogram, type LatencyHistogram } from '@herald/pipeline/metrics';
import { readDiscordBudget } from '../data/overview.js';
import type { WebDeps } from '../deps.js';
import { readIbcOverview, type IbcOverview } from '../ibc/data.js';

/** The job states exported per queue (BullMQ's other states are not interesting to alert on). */
export const QueueStates = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

export interface SourceSample {
  source: string;
  lastPollSeconds: number | null;
  lastSuccessTimestamp: number | null;
  lagSeconds: number | null;
  /** 1 when the last poll succeeded, 0 when it failed (also before the first success). */
  up: number;
}

/** One scrape's worth of numbers. A part that could not be read is undefined (and logged). */
export interface MetricsSnapshot {
  queues?: Array<{ queue: string; counts: Record<string, number> }>;
  deliveries?: Record<string, number>;
  destinations?: Record<string, number>;
  sources?: SourceSample[];
  /** Every delivery ever delivered (see readLatencyHistogram). */
  latency?: LatencyHistogram;
  /** null: no notifier has counted an invalid Discord request yet. */
  discordInvalid?: InvalidBudgetReading | null;
  /** Every in-doubt resend so far (delivery_attempts with outcome in_doubt). */
  inDoubtAttempts?: number;
  /** The IBC read model (chains, light clients, wallets) as the IBC poller last stored it. */
  ibc?: IbcOverview;
}

const StatusCountSql = {
  deliveries: 'SELECT status, count(*) AS n FROM deliveries GROUP BY status',
  destinations: 'SELECT status, count(*) AS n FROM destinations GROUP BY status',
} as const;

/** Rows per status of a ledger table. */
async function countByStatus(db: Queryable, table: keyof typeof StatusCountSql, known: string[]): Promise<Record<string, number>> {
  const { rows } = await db.query<{ status: string; n: bigint }>(StatusCountSql[table]);
  // Known statuses are always exported (as 0 when absent) so alerts can use them without `absent()`.
  const out: Record<string, number> = Object.fromEntries(known.map((s) => [s, 0]));
  for (const row of rows) out[row.status] = Number(row.n);
  return out;
}

async function readQueues(deps: WebDeps): Promise<NonNullable<MetricsSnapshot['queues']>> {
  return Promise.all(
    Object.values(deps.queues).map(async (queue) => ({ queue: queue.name, counts: await queue.getJobCounts(...QueueStates) })),
  );
}

async function readSources(deps: WebDeps, now: number): Promise<SourceSample[]> {
  // A source that has never succeeded has a row too (no position), so it is exported as down.
  const { rows } = await deps.db.query<{ source_key: string; last_poll_ms: number | null; last_success_at: Date | null; last_error: string | null }>(
    'SELECT source_key, last_poll_ms, last_success_at, last_error FROM source_cursors',
  );
  return rows.map((r) => ({
    source: r.source_key,
    lastPollSeconds: r.last_poll_ms === null ? null : r.last_poll_ms / 1000,
    lastSuccessTimestamp: r.last_success_at ? r.last_success_at.getTime() / 1000 : null,
    lagSeconds: r.last_success_at ? (now - r.last_success_at.getTime()) / 1000 : null,
    up: r.last_error === null && r.last_success_at !== null ? 1 : 0,
  }));
}

/** Attempts that were resends of a request whose answer never came (it may have reached Discord). */
async function readInDoubt(deps: WebDeps): Promise<number> {
  const { rows } = await deps.db.query<{ n: bigint }>(`SELECT count(*) AS n FROM delivery_attempts WHERE outcome = 'in_doubt'`);
  return Number(rows[0]?.n ?? 0);
}

async function part<T>(deps: WebDeps, name: string, read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    deps.logger.warn({ err: error, part: name }, 'metrics: could not read part; it is left out of this scrape');
    return undefined;
  }
}

export async function readSnapshot(deps: WebDeps, now = Date.now()): Promise<MetricsSnapshot> {
  const [queues, deliveries, destinations, sources, latency, discordInvalid, inDoubt, ibc] = await Promise.all([
    part(deps, 'queues', () => readQueues(deps)),
    part(deps, 'deliveries', () => countByStatus(deps.db, 'deliveries', Object.values(DeliveryStatus))),
    part(deps, 'destinations', () => countByStatus(deps.db, 'destinations', Object.values(DestinationStatus))),
    part(deps, 'sources', () => readSources(deps, now)),
    part(deps, 'latency', () => readLatencyHistogram(deps.db)),
    part(deps, 'discordInvalid', () => readDiscordBudget(deps.queues)),
    part(deps, 'inDoubt', () => readInDoubt(deps)),
    part(deps, 'ibc', () => readIbcOverview(deps.db)),
  ]);
  const snapshot: MetricsSnapshot = {};
  if (queues) snapshot.queues = queues;
  if (deliveries) snapshot.deliveries = deliveries;
  if (destinations) snapshot.destinations = destinations;
  if (sources) snapshot.sources = sources;
  if (latency !== undefined) snapshot.latency = latency;
  if (discordInvalid !== undefined) snapshot.discordInvalid = discordInvalid;
  if (inDoubt !== undefined) snapshot.inDoubtAttempts = inDoubt;
  if (ibc !== undefined) snapshot.ibc = ibc;
  return snapshot;
}

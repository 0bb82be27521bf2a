import type { SqlPool } from '@herald/db/sql';

/**
 * Upper bounds (seconds) of the delivery latency histogram: a healthy pipeline delivers in about a
 * second (bench/latency.ts), a Discord rate limit or outage pushes deliveries to minutes or hours.
 * The bounds are part of the stored data (`delivery_latency_folded.le`): changing them needs a
 * migration that re-buckets that table.
 */
export const LatencyBucketsSeconds = [0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600] as const;

/** A cumulative Prometheus histogram: `buckets[i]` counts observations ≤ `bounds[i]`; `count` includes +Inf. */
export interface LatencyHistogram {
  bounds: readonly number[];
  buckets: number[];
  count: number;
  sum: number;
}

/** The latency of a delivered delivery: from its event being recorded to Discord accepting it. */
const latencySeconds = (d: string, e: string) => `extract(epoch FROM ${d}.delivered_at - ${e}.created_at)::float8`;

/**
 * SQL for the upper bound of the bucket a latency falls in ('Infinity' above the last bound), with
 * Prometheus's `le` (≤) semantics. width_bucket counts thresholds ≤ its operand, so it is given
 * the negated bounds: -s ≥ -b ⟺ s ≤ b, i.e. k = how many bounds hold s; the bound is then the
 * k-th largest. `negated`/`ascending` name the parameters holding the bounds (see bucketParams).
 */
const bucketOf = (seconds: string, negated: string, ascending: string) =>
  `(CASE WHEN width_bucket(-(${seconds}), ${negated}::float8[]) = 0 THEN 'Infinity'::float8
         ELSE (${ascending}::float8[])[array_length(${ascending}::float8[], 1) + 1 - width_bucket(-(${seconds}), ${negated}::float8[])] END)`;

/** The parameters `bucketOf` expects, for LatencyBucketsSeconds. */
export function bucketParams(): { negated: number[]; ascending: number[] } {
  return { ascending: [...LatencyBucketsSeconds], negated: [...LatencyBucketsSeconds].reverse().map((b) => -b) };
}

/** The watermark: deliveries delivered before it are counted in delivery_latency_folded. */
export const foldedBeforeSql = '(SELECT folded_before FROM delivery_latency_watermark)';

/**
 * Moves the latency of deliveries delivered in the next slice after the watermark (a day from the
 * first delivery after it, never closer than $1 ms to now) into delivery_latency_folded and
 * advances the watermark, in one statement. The margin covers deliveries whose `delivered_at` (their statement's start) is older
 * than their commit: none is left behind. SKIP LOCKED: a replica folding at the same time is left
 * alone (this one does nothing). Parameters: $1 margin ms, $2/$3 see bucketParams. Returns
 * `moved` (rows folded) and `more` (the slice stopped at its one-day cap: run it again).
 */
export function foldLatencySql(): string {
  const s = latencySeconds('d', 'e');
  const horizon = `((now() AT TIME ZONE 'UTC') - $1::bigint * interval '1 millisecond')`;
  return `
    WITH wm AS (SELECT folded_before FROM delivery_latency_watermark FOR UPDATE SKIP LOCKED),
    next AS (SELECT (SELECT min(delivered_at) FROM deliveries WHERE status = 'delivered' AND delivered_at >= wm.folded_before) AS s FROM wm),
    upto AS (SELECT CASE WHEN next.s IS NULL THEN ${horizon} ELSE least(${horizon}, next.s + interval '1 day') END AS t FROM next),
    moved AS (
      SELECT ${bucketOf(s, '$2', '$3')} AS le, ${s} AS s
      FROM deliveries d JOIN events e ON e.id = d.event_id, wm, upto
      WHERE d.status = 'delivered' AND d.delivered_at >= wm.folded_before AND d.delivered_at < upto.t
    ),
    folded AS (
      INSERT INTO delivery_latency_folded (le, deliveries, seconds)
      SELECT le, count(*), sum(s) FROM moved GROUP BY le
      ON CONFLICT (le) DO UPDATE SET deliveries = delivery_latency_folded.deliveries + excluded.deliveries,
                                     seconds = delivery_latency_folded.seconds + excluded.seconds
    ),
    advanced AS (UPDATE delivery_latency_watermark w SET folded_before = upto.t FROM upto, wm WHERE upto.t > wm.folded_before RETURNING 1)
    SELECT (SELECT count(*) FROM moved)::int AS moved,
           coalesce((SELECT t < ${horizon} FROM upto) AND (SELECT count(*) FROM advanced) > 0, false) AS more`;
}

/**
 * The histogram of every delivery ever delivered: those delivered since the watermark (read live,
 * through the index on delivered_at) plus the folded ones. One REPEATABLE READ snapshot for the
 * watermark and both parts, so a fold committing meanwhile is counted exactly once; the watermark
 * goes in as a parameter so the planner knows how few rows are live. Every web replica computes
 * the same numbers from Postgres, before and after restarts, which a per-process prom-client
 * Histogram could not. Retention deletes only deliveries already folded, so counters never go down.
 */
export async function readLatencyHistogram(pool: Pick<SqlPool, 'connect'>): Promise<LatencyHistogram> {
  const { negated, ascending } = bucketParams();
  const s = latencySeconds('d', 'e');
  const client = await pool.connect();
  let rows: Array<{ le: number; n: string; seconds: number }>;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // As text: a `timestamp` read into a JS Date and sent back would shift by the local time zone.
    const { rows: wm } = await client.query<{ folded_before: string }>('SELECT folded_before::text FROM delivery_latency_watermark');
    ({ rows } = await client.query<{ le: number; n: string; seconds: number }>(
      `SELECT le, sum(n)::text AS n, sum(seconds)::float8 AS seconds FROM (
         SELECT ${bucketOf(s, '$1', '$2')} AS le, count(*) AS n, sum(${s}) AS seconds
         FROM deliveries d JOIN events e ON e.id = d.event_id
         WHERE d.status = 'delivered' AND d.delivered_at >= $3::timestamp GROUP BY 1
         UNION ALL
         SELECT le, deliveries, seconds FROM delivery_latency_folded
       ) x GROUP BY le`,
      [negated, ascending, wm[0]?.folded_before ?? '-infinity'],
    ));
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  const perBucket = new Map(rows.map((r) => [Number(r.le), Number(r.n)]));
  let running = 0;
  const buckets = ascending.map((bound) => (running += perBucket.get(bound) ?? 0));
  return {
    bounds: ascending,
    buckets,
    count: running + (perBucket.get(Infinity) ?? 0),
    sum: rows.reduce((total, r) => total + r.seconds, 0),
  };
}

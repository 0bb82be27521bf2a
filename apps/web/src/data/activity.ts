import { LRUCache } from 'lru-cache';
import type { Queryable } from '@herald/db/sql';

/**
 * Events recorded and deliveries made over time, for the dashboard's charts and its 24-hour totals.
 *
 * A finished hour or day never changes (events are stamped when recorded, deliveries when made), so
 * each is counted once and kept for an hour (then counted again, which also catches rows that
 * retention deleted); only the current hour is counted on every request. Without that, a 30-day
 * chart over a large history would read every row of the window on each refresh.
 */
export interface HourActivity {
  /** The hour's start (UTC). */
  start: Date;
  events: number;
  delivered: number;
  /** Delivery latency of the hour's deliveries (recorded → delivered), seconds; null with none. */
  p50: number | null;
  p99: number | null;
  /** How many of the hour's deliveries took less than each of `LatencyBinSeconds` (last: the rest). */
  latencyBins: number[];
}

export interface DayActivity {
  start: Date;
  events: number;
  delivered: number;
}

export interface Activity {
  /** The last 24 hours, oldest first, the current (partial) hour last. */
  hours: HourActivity[];
  /** The last 30 days (UTC), oldest first, today (partial) last. */
  days: DayActivity[];
}

/** Upper bounds of the latency bins, seconds; a last bin holds everything slower. */
export const LatencyBinSeconds = [1, 2, 5, 10, 30, 60, 300] as const;

const HourMs = 3_600_000;
const DayMs = 24 * HourMs;
/** A bucket counts as finished this long after its end: a delivery is stamped when its write commits. */
const SettleMs = 2 * 60_000;
// Retention may delete old rows: a finished bucket is recounted after this long (a count of 30 days
// over 1,000,000 events takes about a second, so not more often).
const CacheTtlMs = 60 * 60_000;
/** How long one count of the running hour serves every request (the live refresh polls every 5 s). */
const LiveReuseMs = 2_000;

function startOf(time: number, unit: number): number {
  return Math.floor(time / unit) * unit;
}

const binColumns = [
  ...LatencyBinSeconds.map((bound, i) => `count(*) FILTER (WHERE x.s < ${bound}${i > 0 ? ` AND x.s >= ${LatencyBinSeconds[i - 1]}` : ''}) AS b${i}`),
  `count(*) FILTER (WHERE x.s >= ${LatencyBinSeconds.at(-1)}) AS b${LatencyBinSeconds.length}`,
].join(', ');

async function countHours(db: Queryable, from: number, to: number): Promise<Map<number, HourActivity>> {
  const range = [new Date(from), new Date(to)];
  const [events, deliveries] = await Promise.all([
    db.query<{ bucket: Date; n: bigint }>(
      `SELECT date_trunc('hour', created_at) AS bucket, count(*) AS n FROM events WHERE created_at >= $1 AND created_at < $2 GROUP BY 1`,
      range,
    ),
    db.query<{ bucket: Date; n: bigint; p50: number | null; p99: number | null } & Record<`b${number}`, bigint>>(
      `SELECT date_trunc('hour', d.delivered_at) AS bucket, count(*) AS n,
              percentile_disc(0.5) WITHIN GROUP (ORDER BY x.s) AS p50, percentile_disc(0.99) WITHIN GROUP (ORDER BY x.s) AS p99, ${binColumns}
       FROM deliveries d JOIN events e ON e.id = d.event_id
       CROSS JOIN LATERAL (SELECT extract(epoch FROM d.delivered_at - e.created_at)::float8 AS s) x
       WHERE d.delivered_at >= $1 AND d.delivered_at < $2 GROUP BY 1`,
      range,
    ),
  ]);
  const hours = new Map<number, HourActivity>();
  for (let t = from; t < to; t += HourMs) hours.set(t, { start: new Date(t), events: 0, delivered: 0, p50: null, p99: null, latencyBins: Array<number>(LatencyBinSeconds.length + 1).fill(0) });
  for (const r of events.rows) hours.get(r.bucket.getTime())!.events = Number(r.n);
  for (const r of deliveries.rows) {
    const hour = hours.get(r.bucket.getTime())!;
    hour.delivered = Number(r.n);
    hour.p50 = r.p50;
    hour.p99 = r.p99;
    hour.latencyBins = hour.latencyBins.map((_, i) => Number(r[`b${i}`]));
  }
  return hours;
}

async function countDays(db: Queryable, from: number, to: number): Promise<Map<number, DayActivity>> {
  const range = [new Date(from), new Date(to)];
  const [events, deliveries] = await Promise.all([
    db.query<{ bucket: Date; n: bigint }>(`SELECT date_trunc('day', created_at) AS bucket, count(*) AS n FROM events WHERE created_at >= $1 AND created_at < $2 GROUP BY 1`, range),
    db.query<{ bucket: Date; n: bigint }>(
      `SELECT date_trunc('day', delivered_at) AS bucket, count(*) AS n FROM deliveries WHERE delivered_at >= $1 AND delivered_at < $2 GROUP BY 1`,
      range,
    ),
  ]);
  const days = new Map<number, DayActivity>();
  for (let t = from; t < to; t += DayMs) days.set(t, { start: new Date(t), events: 0, delivered: 0 });
  for (const r of events.rows) days.get(r.bucket.getTime())!.events = Number(r.n);
  for (const r of deliveries.rows) days.get(r.bucket.getTime())!.delivered = Number(r.n);
  return days;
}

/**
 * Buckets from `from` to `to` (exclusive) of `unit` ms: finished ones from the cache (the missing ones
 * counted in one query), unfinished ones counted now.
 */
async function buckets<T>(
  cache: LRUCache<string, object>,
  kind: string,
  unit: number,
  from: number,
  to: number,
  now: number,
  count: (from: number, to: number) => Promise<Map<number, T>>,
): Promise<T[]> {
  const starts: number[] = [];
  for (let t = from; t < to; t += unit) starts.push(t);
  const finished = (t: number) => t + unit + SettleMs <= now;
  const missing = starts.filter((t) => finished(t) && !cache.has(`${kind}:${t}`));
  if (missing.length > 0) {
    const counted = await count(missing[0]!, missing.at(-1)! + unit);
    for (const [t, bucket] of counted) if (finished(t)) cache.set(`${kind}:${t}`, bucket as object);
  }
  const open = starts.filter((t) => !finished(t));
  const live = open.length > 0 ? await count(open[0]!, to) : new Map<number, T>();
  return starts.map((t) => (finished(t) ? (cache.get(`${kind}:${t}`) as T) : live.get(t)!));
}

export type ActivityReader = (now?: Date) => Promise<Activity>;

/**
 * A reader with its own cache (one per app: tests build several apps on different databases). The
 * whole result is also reused for `LiveReuseMs`, so many open dashboards refreshing at once (or a
 * load test) count the running hour once per interval, not once per request.
 */
export function createActivityReader(db: Queryable, options: { liveReuseMs?: number } = {}): ActivityReader {
  const cache = new LRUCache<string, object>({ max: 500, ttl: CacheTtlMs });
  const reuseMs = options.liveReuseMs ?? LiveReuseMs;
  let last: { at: number; activity: Promise<Activity> } | undefined;
  return (nowDate = new Date()) => {
    const now = nowDate.getTime();
    if (last && now >= last.at && now - last.at < reuseMs) return last.activity;
    const activity = count(now);
    last = { at: now, activity };
    // A failed count is not reused.
    activity.catch(() => {
      if (last?.activity === activity) last = undefined;
    });
    return activity;
  };

  async function count(now: number): Promise<Activity> {
    const hourStart = startOf(now, HourMs);
    const dayStart = startOf(now, DayMs);
    const [hours, closedDays] = await Promise.all([
      buckets(cache, 'hour', HourMs, hourStart - 23 * HourMs, hourStart + HourMs, now, (a, b) => countHours(db, a, b)),
      buckets(cache, 'day', DayMs, dayStart - 29 * DayMs, dayStart, now, (a, b) => countDays(db, a, b)),
    ]);
    // Today so far is the sum of its hours, all of which are among the last 24.
    const todayHours = hours.filter((h) => h.start.getTime() >= dayStart);
    const today = { start: new Date(dayStart), events: sum(todayHours.map((h) => h.events)), delivered: sum(todayHours.map((h) => h.delivered)) };
    return { hours, days: [...closedDays, today] };
  }
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

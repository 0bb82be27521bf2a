/**
 * Retention while the pipeline runs (issue 9, benchmark 2). The built poller and notifier run at
 * their default settings (retention included: 90 days of events and deliveries, 30 of attempts,
 * 1,000-row batches). Once they are up, 1,000,000 rows older than every retention age are written
 * straight into Postgres: 400,000 delivered events, their 400,000 deliveries, 200,000 attempts.
 * Then the latency benchmark's core (bench/lib/signup-latency.ts) runs twice with the same seeded
 * arrivals: first with nothing to delete, then right after a `retention.run` job is queued, so the
 * notifier deletes the rows (its own job, time-bounded runs continued by follow-up jobs) while
 * the sign-ups flow. Reports both p99s and their ratio, and the deletion's duration; also what the
 * /metrics latency histogram costs to read with that history, before and after its first fold.
 *
 *   node --conditions=source --import tsx bench/retention.ts [--count 200] [--events 400000] [--minGap 100] [--maxGap 600] [--seed 1] [--json PATH]
 */
import { Queue } from 'bullmq';
import pg from 'pg';
import { parseJobData, QueueName } from '@herald/contracts';
import { runRetention } from '@herald/pipeline';
import { readLatencyHistogram } from '@herald/pipeline/metrics';
import { benchArgs, ms, report } from './lib/results.js';
import { measureSignupLatency, type SignupRun } from './lib/signup-latency.js';
import { defaultSettings, logLines, problemLogCounts, startNotifier, startPoller, withStack, type AppProcess } from './lib/stack.js';
import { percentile } from './lib/stats.js';

const { values: params, json } = benchArgs({ count: 200, events: 400_000, minGap: 100, maxGap: 600, seed: 1 });
const goalRatio = 1.1;
const rows = { events: params.events, deliveries: params.events, attempts: params.events / 2 };
const totalRows = rows.events + rows.deliveries + rows.attempts;

/** Time of a log line, epoch ms (pino writes an ISO string or a number, depending on its options). */
const timeOf = (line: { time: unknown }) => (typeof line.time === 'number' ? line.time : Date.parse(String(line.time)));
const retentionRuns = (notifier: AppProcess) => logLines(notifier).filter((l) => l.msg.startsWith('retention: '));

/** Rows older than every retention age, written the way the pipeline writes them (ids in time order). */
async function seedOldRows(db: pg.Pool): Promise<void> {
  const destination = (await db.query<{ id: number }>('SELECT id FROM destinations ORDER BY id LIMIT 1')).rows[0]!.id;
  await db.query(
    `INSERT INTO events (fingerprint, type, source_key, subject, payload, created_at, enqueued_at)
     SELECT 'bench.old.' || i, 'servatrice.account.registered', 'servatrice:default', 'old' || i,
            jsonb_build_object('source', 'default', 'accountId', i, 'name', 'old' || i, 'registeredAt', NULL),
            t, t FROM (SELECT i, (now() AT TIME ZONE 'UTC') - interval '200 days' + i * interval '1 second' AS t FROM generate_series(1, $1::int) i) s`,
    [rows.events],
  );
  await db.query(
    `INSERT INTO deliveries (event_id, destination_id, status, attempts, created_at, delivered_at, discord_message_id)
     SELECT id, $1, 'delivered', 1, created_at, created_at + interval '1 second', '1' FROM events WHERE fingerprint LIKE 'bench.old.%' ORDER BY id`,
    [destination],
  );
  await db.query(
    `INSERT INTO delivery_attempts (delivery_id, outcome, http_status, discord_message_id, at)
     SELECT d.id, 'delivered', 200, '1', d.delivered_at FROM deliveries d JOIN events e ON e.id = d.event_id
     WHERE e.fingerprint LIKE 'bench.old.%' AND d.id % 2 = 0 ORDER BY d.id`,
  );
  // The notifier's first retention run, at its start, already moved the latency watermark past these
  // back-dated deliveries; put it back where a fresh install (or one upgraded with its history) has it.
  await db.query(`UPDATE delivery_latency_watermark SET folded_before = '-infinity'`);
  await db.query('VACUUM ANALYZE events, deliveries, delivery_attempts');
}

const oldRowsLeft = async (db: pg.Pool) =>
  Number((await db.query<{ n: string }>(`SELECT (SELECT count(*) FROM events WHERE fingerprint LIKE 'bench.old.%') + (SELECT count(*) FROM deliveries WHERE discord_message_id = '1') AS n`)).rows[0]!.n);

await withStack(async (stack) => {
  const poller = startPoller(stack);
  const notifier = startNotifier(stack);
  await Promise.all([poller.waitFor(/first run: baseline/), notifier.waitFor(/notifier started/)]);
  const db = new pg.Pool({ connectionString: stack.pg.url, max: 2 });
  try {
    // The scheduler's first run (at start) finds nothing yet; wait for it so it is not what deletes the rows.
    await notifier.waitFor(/retention: /, 15_000).catch(() => undefined);
    console.log(`seeding ${totalRows} old rows…`);
    const seedStart = Date.now();
    await seedOldRows(db);
    console.log(`  seeded in ${Date.now() - seedStart} ms`);

    // What /metrics pays for the latency histogram with this history (median of 3 reads): before the
    // retention job's first fold (an install upgraded with its history), and once folded.
    const histogramReads = async () => {
      const reads: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        await readLatencyHistogram(db);
        reads.push(performance.now() - t);
      }
      return reads;
    };
    const unfoldedReads = await histogramReads();
    const foldStart = performance.now();
    const silent = { info: () => undefined } as unknown as Parameters<typeof runRetention>[0]['logger'];
    const fold = await runRetention({ db, policy: { events: null, deliveries: null, attempts: null, personalData: null, batchSize: 1000 }, logger: silent, budgetMs: 600_000 });
    const foldMs = performance.now() - foldStart;
    const foldedReads = await histogramReads();

    const signups = (namePrefix: string) => measureSignupLatency(stack, { namePrefix, count: params.count, minGap: params.minGap, maxGap: params.maxGap, seed: params.seed });
    console.log('without deletion:');
    const without = await signups('quiet');

    const before = retentionRuns(notifier).length;
    const redisUrl = new URL(stack.redis.url);
    const maintenance = new Queue(QueueName.maintenance, { connection: { host: redisUrl.hostname, port: Number(redisUrl.port || 6379) }, prefix: stack.redis.prefix });
    const triggeredAt = Date.now();
    await maintenance.add('retention.run', parseJobData('retention.run', {}));
    console.log('during deletion:');
    const during = await signups('busy');

    const deadline = Date.now() + 15 * 60_000;
    const finishedRun = () => retentionRuns(notifier).slice(before).find((l) => l.finished === true);
    while (!finishedRun() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    const runs = retentionRuns(notifier).slice(before);
    const end = finishedRun();
    if (!end) throw new Error('retention did not finish within 15 minutes');
    const deletedAt = timeOf(end);
    const left = await oldRowsLeft(db);
    await maintenance.close();

    const deleted = runs.reduce(
      (sum, l) => {
        const d = l.deleted as { events: number; deliveries: number; attempts: number };
        return { events: sum.events + d.events, deliveries: sum.deliveries + d.deliveries, attempts: sum.attempts + d.attempts };
      },
      { events: 0, deliveries: 0, attempts: 0 },
    );
    const deletionMs = deletedAt - triggeredAt;
    const whileDeleting = during.names.filter((n) => during.insertedAt.get(n)! < deletedAt).map((n) => during.firstSeen.get(n)! - during.insertedAt.get(n)!);
    const p99During = percentile(whileDeleting, 99);
    const ratio = p99During / without.latency.p99;
    const clean = (run: SignupRun) => run.duplicates === 0 && run.missing === 0;

    report(
      {
        benchmark: 'retention',
        command: 'node --conditions=source --import tsx bench/retention.ts',
        parameters: { ...params, rows, pollInterval: defaultSettings.pollInterval, discordWebhookLimit: stack.discord.limits.webhook, retention: 'notifier defaults (batch 1000, 20 s runs, 20 ms between batches)' },
        figures: {
          withoutDeletionMs: without.latency,
          duringDeletionMs: { ...during.latency, p99WhileDeleting: p99During, nWhileDeleting: whileDeleting.length },
          deletion: { ms: deletionMs, rowsPerSecond: Math.round(((deleted.events + deleted.deliveries + deleted.attempts) / deletionMs) * 1000), deleted, jobs: runs.length, oldRowsLeft: left },
          latencyHistogramReadMs: { unfolded: unfoldedReads.map(Math.round), folded: foldedReads.map(Math.round), foldMs: Math.round(foldMs), foldedDeliveries: fold.folded },
          seededRows: rows,
          duplicates: without.duplicates + during.duplicates,
          missing: without.missing + during.missing,
          warningsAndErrors: { poller: problemLogCounts(poller), notifier: problemLogCounts(notifier) },
        },
        summary: [
          { figure: `sign-up → Discord p99 without deletion (n=${without.latency.n})`, value: ms(without.latency.p99) },
          { figure: `sign-up → Discord p99 while deleting (n=${whileDeleting.length} of ${during.latency.n})`, value: ms(p99During) },
          { figure: 'p99 while deleting ÷ p99 without', value: ratio.toFixed(3), goal: `≤ ${goalRatio}`, met: ratio <= goalRatio },
          {
            figure: `deletion of ${totalRows} old rows (${rows.events} events, ${rows.deliveries} deliveries, ${rows.attempts} attempts)`,
            value: `${(deletionMs / 1000).toFixed(1)} s (${runs.length} jobs; ${left} left)`,
          },
          { figure: `/metrics latency histogram read, ${rows.deliveries} delivered deliveries not yet folded / folded (median of 3)`, value: `${ms(percentile(unfoldedReads, 50))} / ${ms(percentile(foldedReads, 50))}` },
          { figure: `first fold of ${fold.folded} deliveries into the histogram (once per install)`, value: ms(foldMs) },
          { figure: 'duplicates / missing', value: `${without.duplicates + during.duplicates} / ${without.missing + during.missing}`, goal: '0 / 0', met: clean(without) && clean(during) },
        ],
      },
      json,
    );
  } finally {
    await db.end();
  }
});

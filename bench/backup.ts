/**
 * `GET /backup` (and the public `/export/reddit.ndjson`) of the built web app over a small and a
 * large Reddit history (bench/lib/reddit-history.ts: `--smallComments` default 10,000 from 200 users,
 * then `--comments` default 1,000,000 from 2,000 users, each in its own scratch database). For each
 * size, one web process (admin login set, public export on, default settings otherwise) answers:
 * 1. a cold /backup: pg_dump runs (custom format) and the file is streamed as soon as it is whole;
 * 2. a cached /backup: the same file again, no pg_dump;
 * 3. /export/reddit.ndjson: every user and comment through a cursor.
 * Each download is read and counted by this script, never kept. Before each one the web process's
 * peak RSS (VmHWM) is reset through /proc/<pid>/clear_refs, so the peak read after it is that
 * download's; VmRSS is also sampled every 100 ms. pg_dump is a separate process and not counted in
 * the web app's RSS (its own memory does not grow with the database either: it streams table data).
 * The goal is that the web process's peak RSS does not grow with the database's size.
 *
 *   node --conditions=source --import tsx bench/backup.ts [--comments 1000000] [--smallComments 10000] [--json PATH]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createTestDatabase, createTestRedisPrefix, type TestDatabase } from '@herald/testkit';
import { startWebApp, type AppProcess } from '../tests/e2e/harness.js';
import { rssHighWaterKb, rssKb, RssSampler, round } from './lib/proc.js';
import { seedRedditHistory, type RedditHistory } from './lib/reddit-history.js';
import { benchArgs, report, type SummaryRow } from './lib/results.js';

const { values: params, json } = benchArgs({ comments: 1_000_000, smallComments: 10_000 });
const admin = { user: 'bench', password: 'bench-backup-password' };
const authorization = `Basic ${Buffer.from(`${admin.user}:${admin.password}`).toString('base64')}`;
/** Growth of the web process's peak RSS from the small to the large database that still counts as "does not grow". */
const flatRssMb = 15;

interface Download {
  status: number;
  bytes: number;
  firstByteMs: number;
  totalMs: number;
  /** The web process's VmHWM after the download (reset before it), MB. */
  peakRssMb: number;
  /** The largest VmRSS sampled during the download, MB. */
  peakSampledRssMb: number;
}

/** Resets the kernel's peak-RSS mark of a process we own (proc(5): writing 5 to clear_refs). */
function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

/** Fetches `url`, counting the body's bytes as they arrive (nothing is kept), while watching the web process's memory. */
async function download(url: string, pid: number, headers: Record<string, string> = {}): Promise<Download> {
  resetPeak(pid);
  const sampler = new RssSampler(100);
  sampler.add({ name: 'web', pid });
  const started = performance.now();
  const res = await fetch(url, { headers });
  let firstByteMs = 0;
  let bytes = 0;
  for await (const chunk of res.body!) {
    if (bytes === 0) firstByteMs = performance.now() - started;
    bytes += (chunk as Uint8Array).byteLength;
  }
  const totalMs = performance.now() - started;
  const peak = sampler.stop().web!;
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return { status: res.status, bytes, firstByteMs: Math.round(firstByteMs), totalMs: Math.round(totalMs), peakRssMb: round((rssHighWaterKb(pid) ?? 0) / 1024, 1), peakSampledRssMb: peak.peakSampledMb };
}

async function databaseSizeMb(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes');
    return round(Number(rows[0]!.bytes) / 2 ** 20, 1);
  } finally {
    await client.end();
  }
}

interface SizeRun {
  label: string;
  history: RedditHistory;
  databaseMb: number;
  idleRssMb: number;
  cold: Download;
  cached: Download;
  export: Download;
}

const redis = createTestRedisPrefix();
const dir = mkdtempSync(join(tmpdir(), 'herald-bench-backup-'));
const databases: TestDatabase[] = [];
let web: AppProcess | undefined;
const cleanup = async () => {
  await web?.kill('SIGTERM');
  for (const database of databases) await database.drop();
  await redis.cleanup();
  rmSync(dir, { recursive: true, force: true });
};
process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));

async function measure(label: string, comments: number, users: number): Promise<SizeRun> {
  const database = await createTestDatabase('herald_bench_backup');
  databases.push(database);
  console.log(`${label}: seeding ${comments} comments from ${users} users…`);
  const history = await seedRedditHistory(database.url, { comments, users });
  const databaseMb = await databaseSizeMb(database.url);
  console.log(`${label}: seeded in ${history.seedMs} ms, database ${databaseMb} MB`);
  const started = await startWebApp(database.url, redis, {
    HERALD_ADMIN_USER: admin.user,
    HERALD_ADMIN_PASSWORD: admin.password,
    HERALD_BACKUP_PATH: join(dir, label, 'herald.dump'),
    HERALD_BACKUP_PUBLIC_EXPORT: 'true',
  });
  web = started.web;
  const { base } = started;
  await web.waitFor(/backup: pg_dump can dump this server/, 30_000);
  const pid = web.child.pid!;
  // A few requests first (the login checked, a page's queries run), so the idle figure is of a
  // warmed-up process, as the downloads see it, not of one still settling after its start.
  for (let i = 0; i < 20; i++) await (await fetch(`${base}/healthz`)).text();
  for (let i = 0; i < 5; i++) await (await fetch(`${base}/api/reddit`, { headers: { authorization } })).text();
  const idleRssMb = round((rssKb(pid) ?? 0) / 1024, 1);
  const cold = await download(`${base}/backup`, pid, { authorization });
  const cached = await download(`${base}/backup`, pid, { authorization });
  const exported = await download(`${base}/export/reddit.ndjson`, pid);
  console.log(`${label}: idle ${idleRssMb} MB; cold /backup ${cold.totalMs} ms (${round(cold.bytes / 2 ** 20, 1)} MB, peak ${cold.peakRssMb} MB); cached ${cached.totalMs} ms (peak ${cached.peakRssMb} MB); export ${exported.totalMs} ms (${round(exported.bytes / 2 ** 20, 1)} MB, peak ${exported.peakRssMb} MB)`);
  await web.kill('SIGTERM');
  web = undefined;
  await database.drop();
  databases.splice(databases.indexOf(database), 1);
  return { label, history, databaseMb, idleRssMb, cold, cached, export: exported };
}

try {
  const small = await measure('small', params.smallComments, 200);
  const large = await measure('large', params.comments, 2000);
  const mb = (bytes: number) => `${round(bytes / 2 ** 20, 1)} MB`;
  const s = (n: number) => (n < 1000 ? `${n} ms` : `${round(n / 1000, 1)} s`);
  const summary: SummaryRow[] = [];
  for (const run of [small, large]) {
    const what = `${run.history.comments.toLocaleString('en')} comments (${run.databaseMb} MB database)`;
    summary.push(
      { figure: `${what}: cold /backup (pg_dump + download)`, value: `${s(run.cold.totalMs)}, ${mb(run.cold.bytes)}` },
      { figure: `${what}: cached /backup`, value: `${s(run.cached.totalMs)} (${round(run.cached.bytes / 2 ** 20 / (run.cached.totalMs / 1000), 0)} MB/s)` },
      { figure: `${what}: /export/reddit.ndjson`, value: `${s(run.export.totalMs)}, ${mb(run.export.bytes)}` },
      { figure: `${what}: web peak RSS idle / /backup / export`, value: `${run.idleRssMb} / ${Math.max(run.cold.peakRssMb, run.cached.peakRssMb)} / ${run.export.peakRssMb} MB` },
    );
  }
  const growth = round(Math.max(large.cold.peakRssMb, large.cached.peakRssMb, large.export.peakRssMb) - Math.max(small.cold.peakRssMb, small.cached.peakRssMb, small.export.peakRssMb), 1);
  summary.push({
    figure: `web peak RSS growth, ${Math.round(large.history.comments / small.history.comments)}× the comments`,
    value: `${growth >= 0 ? '+' : ''}${growth} MB`,
    goal: `does not grow (< ${flatRssMb} MB)`,
    met: growth < flatRssMb,
  });
  report(
    {
      benchmark: 'backup',
      command: 'node --conditions=source --import tsx bench/backup.ts',
      parameters: { ...params, smallUsers: 200, largeUsers: 2000, rssSampleMs: 100, flatRssMb },
      figures: { small, large, rssGrowthMb: growth },
      summary,
    },
    json,
  );
} finally {
  await cleanup();
}

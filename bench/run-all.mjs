// `npm run bench`: builds, runs every benchmark in turn against the local services, writes
// bench/results/<name>.json and regenerates the results table in bench/README.md.
//
//   node bench/run-all.mjs [benchmark ...] [--no-build] [--table-only]   (--help lists the benchmarks)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkServices, pnpm, quietEnv } from '../scripts/lib/bootstrap.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const benchmarks = ['latency', 'throughput', 'commands', 'ibc-scan', 'ibc-alert-latency', 'retention', 'dashboard', 'reddit-budget', 'reddit-backfill', 'reddit-pages', 'backup', 'backlog']; // backlog last: it takes ~7 minutes
const usage = `Usage: node bench/run-all.mjs [${benchmarks.join('|')} ...] [--no-build] [--table-only]`;
// node:util's parseArgs, not @herald/config's: this plain script runs before anything is built.
const { values: flags, positionals: chosen } = (() => {
  try {
    return parseArgs({
      options: { 'no-build': { type: 'boolean' }, 'table-only': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    console.error(`✖ ${error.message}\n${usage}`);
    process.exit(2);
  }
})();
if (flags.help) {
  console.log(usage);
  process.exit(0);
}
for (const name of chosen) {
  if (!benchmarks.includes(name)) {
    console.error(`✖ unknown benchmark ${name}\n${usage}`);
    process.exit(2);
  }
}
const resultPath = (name) => `${root}bench/results/${name}.json`;

if (!flags['table-only']) {
  if (!flags['no-build']) {
    console.log('→ building');
    pnpm(['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], { env: quietEnv });
  }
  await checkServices({
    PostgreSQL: process.env.HERALD_TEST_POSTGRES_URL ?? 'postgresql://127.0.0.1:5432',
    Redis: process.env.HERALD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    MariaDB: `mysql://${process.env.HERALD_TEST_MARIADB_HOST ?? '127.0.0.1'}:${process.env.HERALD_TEST_MARIADB_PORT ?? 3306}`,
  });
  const failed = [];
  for (const name of chosen.length > 0 ? chosen : benchmarks) {
    await waitForQuietMachine();
    console.log(`\n→ bench/${name}.ts`);
    const run = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', `bench/${name}.ts`, '--json', `bench/results/${name}.json`], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...quietEnv },
    });
    if (run.status !== 0) failed.push(name);
  }
  if (failed.length > 0) console.error(`\n✖ failed: ${failed.join(', ')} (their previous results, if any, are kept)`);
  process.exitCode = failed.length > 0 ? 1 : 0;
}

writeTable();

/** Busy share of all cores over `ms`, from /proc/stat (idle and iowait count as free). */
async function machineBusy(ms) {
  const read = () => readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
  const before = read();
  await sleep(ms);
  const delta = read().map((v, i) => v - before[i]);
  const total = delta.reduce((a, b) => a + b, 0);
  return (total - delta[3] - delta[4]) / total;
}

/** Other work on a 2-core machine skews every figure: wait (up to 5 min) until it is nearly idle. */
async function waitForQuietMachine() {
  const deadline = Date.now() + 5 * 60_000;
  let quiet = 0;
  let told = false;
  while (quiet < 3) {
    const busy = await machineBusy(2000);
    quiet = busy < 0.15 ? quiet + 1 : 0;
    if (quiet === 0 && !told) {
      console.log(`→ waiting for the machine to go quiet (${Math.round(busy * 100)}% busy)…`);
      told = true;
    }
    if (Date.now() > deadline) {
      console.warn(`⚠ the machine is still ${Math.round(busy * 100)}% busy; measuring anyway (figures will be low)`);
      return;
    }
  }
}

/** Replaces the text between the results markers in bench/README.md with a table of every result file. */
function writeTable() {
  const results = benchmarks.filter((name) => existsSync(resultPath(name))).map((name) => JSON.parse(readFileSync(resultPath(name), 'utf8')));
  const lines = ['| benchmark | figure | result | goal | met |', '|---|---|---|---|---|'];
  for (const result of results) {
    for (const row of result.summary) {
      const met = row.met === undefined ? '' : row.met ? '✔' : '✘';
      lines.push(`| ${result.benchmark} | ${row.figure} | ${row.value} | ${row.goal ?? ''} | ${met} |`);
    }
  }
  const machines = [...new Set(results.map((r) => `${r.cpu}, nproc = ${r.nproc}, ${r.memoryGb} GB, Node ${r.node}`))];
  const when = results.map((r) => `${r.benchmark} ${r.date.slice(0, 16).replace('T', ' ')} UTC`).join(', ');
  const sources = [...new Set(results.map((r) => (r.source ? `${r.source.commit}${r.source.uncommittedChanges.length > 0 ? ` + uncommitted changes to ${r.source.uncommittedChanges.join(', ')}` : ''}` : 'unrecorded')))];
  const commands = results.map((r) => `\`${r.command}\``).join(', ');
  const table = [
    `Machine: ${machines.join('; ') || 'no results yet'}.`,
    `Code: ${sources.join('; ') || '—'}.`,
    `Run: ${when || '—'}. Reproduce all with \`pnpm bench\` (= \`node bench/run-all.mjs\`), or one with ${commands || '`node --conditions=source --import tsx bench/<name>.ts`'}.`,
    'Full figures and parameters: `bench/results/<name>.json`.',
    '',
    ...lines,
  ].join('\n');
  const readmePath = `${root}bench/README.md`;
  const readme = readFileSync(readmePath, 'utf8');
  const start = '<!-- results:start -->';
  const end = '<!-- results:end -->';
  const [before, rest] = readme.split(start);
  if (rest === undefined || !rest.includes(end)) throw new Error(`bench/README.md needs ${start} … ${end} markers`);
  writeFileSync(readmePath, `${before}${start}\n${table}\n${end}${rest.slice(rest.indexOf(end) + end.length)}`);
  console.log('→ bench/README.md table regenerated');
}

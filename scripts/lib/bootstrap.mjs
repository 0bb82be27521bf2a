// Shared by `npm start` and `npm test`: makes a fresh machine (Node 20 + npm + the services)
// ready — pnpm, dependencies, build — and checks the services, so both commands work from a clone.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const PNPM_VERSION = '10.34.9';

export function run(cmd, args, options = {}) {
  // Not on a terminal, stdout may be a log pipe that expects JSON (npm start): tools' output goes to stderr.
  const stdio = ['inherit', process.stdout.isTTY ? 'inherit' : process.stderr.fd, 'inherit'];
  const result = spawnSync(cmd, args, { stdio, cwd: root, ...options, env: { ...process.env, ...options.env } });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    console.error(`\n✖ ${cmd} ${args.join(' ')} exited with ${result.status}`);
    process.exit(result.status ?? 1);
  }
}

/** pnpm 10 (pnpm 11 needs Node 22). Uses a global pnpm 10 if present, else runs it through npx. */
export function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout.trim().startsWith('10.')) return ['pnpm', []];
  return ['npx', ['--yes', `pnpm@${PNPM_VERSION}`]];
}

export function pnpm(args, options) {
  const [cmd, prefix] = pnpmCommand();
  run(cmd, [...prefix, ...args], options);
}

export const quietEnv = { TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' };

/**
 * Installs the dependencies and builds every package, showing progress: one line as each
 * package's build starts, with compiler errors in full; nothing else of turbo's or pnpm's chatter.
 * HERALD_SKIP_BUILD=1 skips both (for a checkout already installed and built, e.g. the end-to-end
 * test of `npm start`, which runs after the build).
 */
export async function installAndBuild() {
  if (process.env.HERALD_SKIP_BUILD === '1') {
    console.log('→ install and build skipped (HERALD_SKIP_BUILD=1)');
    return;
  }
  console.log('→ installing dependencies (pnpm)');
  pnpm(['install', '--frozen-lockfile'], { env: { ...quietEnv, CI: 'true' } });
  console.log('→ building (the first build takes a few minutes)');
  await turbo('build');
}

/** `turbo run <task>` in every package with {@link turboProgress}; exits with turbo's code if it fails. */
export async function turbo(task) {
  const started = Date.now();
  const [cmd, prefix] = pnpmCommand();
  const code = await runFiltered(cmd, [...prefix, 'exec', 'turbo', 'run', task, '--output-logs=new-only', '--log-order=stream'], turboProgress(task));
  if (code !== 0) {
    console.error(`\n✖ ${task} failed (exit ${code}); the errors are above`);
    process.exit(code ?? 1);
  }
  console.log(`  ${task} done in ${Math.round((Date.now() - started) / 1000)} s`);
}

/**
 * What a successful `prisma generate` says (@herald/db's build): where its config and schema were
 * read from, and that the client was generated. Its errors and warnings are other lines, shown.
 */
const prismaChatter = /^(Loaded Prisma config from \S+\.$|Prisma schema loaded from \S+\.$|Environment variables loaded from \S+$|✔ Generated Prisma Client \(.*\) to \S+ in \d+(\.\d+)?m?s$)/;

/**
 * Turns turbo's streamed log of `taskName` into progress: `[3/15] @herald/bot` when a package's task starts
 * (cached ones are counted, not shown), drops pnpm's script echo and Prisma's report of a successful
 * generate, and passes everything else (compiler errors, Prisma's errors, turbo's failure summary)
 * through. An unknown line format is shown as it is.
 */
export function turboProgress(taskName) {
  let total = '?';
  let done = 0;
  const scopeLine = new RegExp(`^\\s*• Running ${taskName} in (\\d+) packages`);
  const taskLine = /^(@?[\w./-]+):([\w-]+): (.*)$/;
  return (line) => {
    const scope = scopeLine.exec(line);
    if (scope) return void (total = scope[1]);
    const task = taskLine.exec(line);
    if (!task) return /^\s*$|^\s*• |^\s*(Tasks|Cached|Time):/.test(line) ? undefined : line;
    const [, pkg, name, rest] = task;
    // Tasks it depends on (typecheck needs the dependencies built) are not counted.
    const counted = name === taskName;
    if (/^cache (miss|bypass)/.test(rest)) return counted ? `  [${++done}/${total}] ${pkg}` : undefined;
    if (/^cache hit/.test(rest)) return void (counted && done++);
    // Colour codes (a FORCE_COLOR in the caller's environment) do not make a line different.
    if (/^\s*$|^> /.test(rest) || prismaChatter.test(rest.replace(/\x1b\[[0-9;]*m/g, '').trim())) return undefined;
    return `  ${pkg}: ${rest}`;
  };
}

/** Runs a command with `filter` applied to each line of its output; resolves to its exit code. */
function runFiltered(cmd, args, filter) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...quietEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    // As in run(): off a terminal, the build's progress goes to stderr.
    const progress = process.stdout.isTTY ? process.stdout : process.stderr;
    for (const [stream, out] of [[child.stdout, progress], [child.stderr, process.stderr]]) {
      createInterface({ input: stream }).on('line', (line) => {
        const shown = filter(line);
        if (shown !== undefined) out.write(`${shown}\n`);
      });
    }
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
}

function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

/** Each scheme's default port, as its clients assume when a URL leaves it out (`postgresql://u@host/db`). */
const defaultPorts = { 'postgres:': 5432, 'postgresql:': 5432, 'redis:': 6379, 'rediss:': 6379, 'mysql:': 3306, 'mariadb:': 3306 };

/** The host and port a service URL names (its scheme's default port when it has none). */
export function serviceAddress(url) {
  const { protocol, hostname, port } = new URL(url);
  return { host: hostname, port: port === '' ? (defaultPorts[protocol] ?? 0) : Number(port) };
}

/** Fails early, naming the missing service, instead of letting every test time out. */
export async function checkServices(services) {
  const missing = [];
  for (const [name, url] of Object.entries(services)) {
    let address;
    try {
      address = serviceAddress(url);
    } catch {
      continue; // not a URL: the apps' configuration check names the setting (exit 2); nothing to reach here
    }
    const { host, port } = address;
    if (!(await reachable(host, port))) missing.push(`${name} at ${host}:${port}`);
  }
  if (missing.length > 0) {
    console.error(`✖ not reachable: ${missing.join(', ')}. Herald needs PostgreSQL, Redis and MariaDB running (see README).`);
    process.exit(1);
  }
}

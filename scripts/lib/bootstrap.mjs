// Shared by `npm start` and `npm test`: makes a fresh machine (Node 20 + npm + the services)
// ready — pnpm, dependencies, build — and checks the services, so both commands work from a clone.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const PNPM_VERSION = '10.34.9';

export function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options, env: { ...process.env, ...options.env } });
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

export function installAndBuild() {
  console.log('→ installing dependencies (pnpm)');
  pnpm(['install', '--frozen-lockfile'], { env: { ...quietEnv, CI: 'true' } });
  console.log('→ building');
  pnpm(['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], { env: quietEnv });
}

function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

/** Fails early, naming the missing service, instead of letting every test time out. */
export async function checkServices(services) {
  const missing = [];
  for (const [name, url] of Object.entries(services)) {
    const { hostname, port } = new URL(url);
    if (!(await reachable(hostname, Number(port)))) missing.push(`${name} at ${hostname}:${port}`);
  }
  if (missing.length > 0) {
    console.error(`✖ not reachable: ${missing.join(', ')}. Herald needs PostgreSQL, Redis and MariaDB running (see README).`);
    process.exit(1);
  }
}

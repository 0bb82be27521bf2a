// `npm start`: sets up a fresh machine, then runs Herald. With Discord configured (DISCORD_WEBHOOK_URL,
// a CONFIG_FILE ini, a HERALD_CONFIG file or DISCORD_BOT_TOKEN) it runs for real; without, it runs the demo: a simulated Servatrice in the
// local MariaDB, simulated Cosmos chains whose IBC light clients drift toward expiry, and a built-in
// Discord sink whose messages appear in the dashboard.
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkServices, installAndBuild, root } from './lib/bootstrap.mjs';
import { demoBotEnv } from './lib/demo.mjs';
import { demoHeraldYaml, firstJsonLine, registerIbcDemo, startIbcSimulator, wantsIbcPoller } from './lib/ibc-demo.mjs';

installAndBuild();

// Same V8 tuning as the Docker image (see infra/Dockerfile): a small young generation keeps RSS low.
const env = { NODE_OPTIONS: '--max-semi-space-size=4', ...process.env };
// Any sign of a real setup (a webhook, an ini, Herald's settings file, a bot token) means: not the demo.
const demo = !env.DISCORD_WEBHOOK_URL && !env.CONFIG_FILE && !env.HERALD_CONFIG && !env.DISCORD_BOT_TOKEN;
env.DATABASE_URL ??= `postgresql://postgres@127.0.0.1:5432/${demo ? 'herald_demo' : 'herald'}`;
env.REDIS_URL ??= 'redis://127.0.0.1:6379';
if (demo) env.HERALD_REDIS_PREFIX ??= 'herald-demo';
await checkServices({ PostgreSQL: env.DATABASE_URL, Redis: env.REDIS_URL, ...(demo ? { MariaDB: 'mysql://127.0.0.1:3306' } : {}) });

const children = new Set();
let stopping = false;
function launch(name, file, args = [], extraEnv = {}) {
  const child = spawn(process.execPath, [join(root, file), ...args], { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  const tag = `[${name}]`.padEnd(12);
  const relay = (stream, out) => {
    let buffered = '';
    stream.on('data', (chunk) => {
      const lines = (buffered + chunk).split('\n');
      buffered = lines.pop();
      for (const line of lines) out.write(`${tag} ${line}\n`);
    });
  };
  relay(child.stdout, process.stdout);
  relay(child.stderr, process.stderr);
  child.heraldName = name;
  children.add(child);
  child.once('exit', (code, signal) => {
    children.delete(child);
    if (!stopping) {
      console.error(`${tag} exited (${code ?? signal}); stopping Herald`);
      void stop(1);
    }
  });
  return child;
}

function runOnce(file) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, file)], { env, stdio: 'inherit' });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${file} exited with ${code}`))));
  });
}

let simulator;
// The demo's stand-ins for the outside world (Discord, the Cosmos chains) stop after Herald's apps:
// stopped first, the apps' last polls and deliveries would record them as an outage at every Ctrl-C.
const outsideWorld = new Set(['discord', 'cosmos']);
async function stop(code = 0) {
  stopping = true;
  await simulator?.stop();
  const stopAll = async (which) => {
    const group = [...children].filter(which);
    for (const child of group) child.kill('SIGTERM');
    await Promise.all(group.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
  };
  await stopAll((c) => !outsideWorld.has(c.heraldName));
  await stopAll((c) => outsideWorld.has(c.heraldName));
  process.exit(code);
}
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());

console.log('→ applying database migrations');
await runOnce('packages/db/dist/migrate-cli.js');

if (demo) await startDemo();
launch('poller', 'apps/servatrice-poller/dist/main.js');
// The IBC poller only where there is something to watch: the demo's chains, or an `ibc:` section with chains.
const ibc = demo || (await wantsIbcPoller(env.HERALD_CONFIG));
if (ibc) launch('ibc', 'apps/ibc-poller/dist/main.js');
launch('notifier', 'apps/notifier/dist/main.js');
launch('web', 'apps/web/dist/main.js');
const port = env.HERALD_WEB_PORT ?? '3000';
console.log(`\n✔ Herald is running: dashboard at http://127.0.0.1:${port}/${demo ? '  (demo mode: no Discord configured)' : ''}`);
if (demo) {
  console.log(`  Demo Discord sink:  http://127.0.0.1:${port}/demo/discord`);
  console.log(`  Admin (Bull Board): http://127.0.0.1:${port}/admin/queues  user ${env.HERALD_ADMIN_USER}, password ${env.HERALD_ADMIN_PASSWORD}`);
  console.log('  Bot commands:       run `npm run register-commands` once, then try /help, /version, /status on the demo page');
  console.log(`  IBC:                http://127.0.0.1:${port}/ibc  three simulated chains; within minutes a light client warns`);
  console.log('                      and is updated (resolved), another goes critical, an expired one is revived, a wallet runs low');
  console.log('                      and is topped up. Try /data, /wallets and /my_wallets (as moderator) on the demo page.');
} else if (ibc) {
  console.log(`  IBC:                http://127.0.0.1:${port}/ibc`);
}
console.log('  Stop with Ctrl-C.\n');

async function startDemo() {
  const { servatriceSchemaSql } = await import('@herald/testkit');
  const { ensureDemoServatrice, startSignupSimulator } = await import('@herald/servatrice');
  const dir = join(root, '.herald', 'demo');
  mkdirSync(dir, { recursive: true });
  const mariadb = { host: '127.0.0.1', port: 3306, user: env.DEMO_MARIADB_USER ?? 'root', password: env.DEMO_MARIADB_PASSWORD ?? '' };
  const monitor = { user: 'herald_demo_monitor', password: 'demo-monitor-password' };
  console.log('→ demo: preparing a Servatrice database (real schema) in the local MariaDB');
  await ensureDemoServatrice({ admin: mariadb, database: 'servatrice_demo', prefix: 'cockatrice', monitorUser: monitor.user, monitorPassword: monitor.password, schemaSql: servatriceSchemaSql() });

  console.log('→ demo: starting the built-in Discord sink');
  const sink = launch('discord', 'packages/testkit/dist/fake-discord/cli.js', ['--port', env.DEMO_DISCORD_PORT ?? '4100', '--state-file', join(dir, 'discord.json')]);
  const state = await firstJsonLine(sink, 'the demo Discord sink');
  const webhookUrl = state.webhooks[0].url;
  writeFileSync(
    join(dir, 'monitor.ini'),
    `; Generated by npm start (demo mode)\n[database]\nhostname=127.0.0.1\nport=3306\ndatabase=servatrice_demo\nuser=${monitor.user}\npassword=${monitor.password}\nprefix=cockatrice\n\n[discord]\nnew_user_activation_webhook=${webhookUrl}\n`,
  );
  env.CONFIG_FILE = join(dir, 'monitor.ini');
  // The demo bot: slash commands (and prefix commands, the fake grants the message-content intent)
  // in the fake's demo server; sign-ups also go to its #alerts channel, pinging the moderator role.
  const { DemoGuild } = await import('@herald/testkit');
  console.log('→ demo: starting the simulated Cosmos chains (IBC light clients and relayer wallets)');
  const cosmos = await startIbcSimulator(launch, dir);
  await registerIbcDemo(env.DATABASE_URL, cosmos);
  writeFileSync(join(dir, 'herald.yaml'), await demoHeraldYaml(DemoGuild, cosmos.ibc));
  env.HERALD_CONFIG ??= join(dir, 'herald.yaml');
  for (const [key, value] of Object.entries(demoBotEnv(DemoGuild))) env[key] ??= value;
  env.DISCORD_API_BASE_URL = state.apiBaseUrl;
  env.HERALD_DEMO_DISCORD_URL = state.url;
  env.HERALD_ADMIN_USER ??= 'admin';
  env.HERALD_ADMIN_PASSWORD ??= randomBytes(9).toString('base64url');

  const everyMs = Number(env.DEMO_SIGNUP_EVERY_MS ?? 4000);
  simulator = startSignupSimulator({ connection: { ...mariadb, database: 'servatrice_demo' }, prefix: 'cockatrice', everyMs });
  console.log(`→ demo: a simulated player signs up every ${everyMs / 1000} s`);
}

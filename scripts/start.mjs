// `npm start`: sets up a fresh machine, then runs Herald. With Discord configured (DISCORD_WEBHOOK_URL,
// a CONFIG_FILE ini, a HERALD_CONFIG file or DISCORD_BOT_TOKEN) or a Reddit source (REDDIT_* credentials,
// DAB_CONFIG) it runs for real; without, it runs the demo: a simulated Servatrice in the
// local MariaDB, simulated Cosmos chains whose IBC light clients drift toward expiry, a simulated
// Reddit whose tracked accounts comment, sink past the high score and get suspended, and a built-in
// Discord sink whose messages appear in the dashboard.
//
// Order: every app's settings are checked (`--check-config`) before migrations touch Postgres; the
// "running" banner waits for the web app's /healthz; an app that dies stops Herald with its exit
// code; SIGINT or SIGTERM stops everything (the apps first, then the demo's stand-ins).
//
// Settings of this script (besides the apps' own): HERALD_SKIP_BUILD=1 skips install and build (a
// built checkout; the end-to-end test uses it), HERALD_STATE_DIR (default .herald/) holds the demo's
// files and its admin password, DEMO_DISCORD_PORT (4100), DEMO_MARIADB_DATABASE (servatrice_demo),
// DEMO_MARIADB_USER/PASSWORD, DEMO_SIGNUP_EVERY_MS (4000). The apps' `auto` log format follows this
// script's output: pretty lines on a terminal; otherwise stdout carries only JSON log lines: the apps',
// and the demo stand-ins' activity logged alike (this script's own lines and the build's go to stderr;
// the stand-ins' state lines and the migration report are read here, not relayed).
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { join, relative } from 'node:path';
import { demoAdminPassword } from './lib/admin-password.mjs';
import { checkServices, installAndBuild, root } from './lib/bootstrap.mjs';
import { demoBotEnv } from './lib/demo.mjs';
import { heraldSetting, webLogin } from './lib/herald-settings.mjs';
import { waitForHealthy } from './lib/health.mjs';
import { warnIfNoPgDump } from './lib/pg-dump-check.mjs';
import { demoHeraldYaml, firstJsonLine, registerIbcDemo, startIbcSimulator, wantsIbcPoller } from './lib/ibc-demo.mjs';
import { redditSetupInEnv, registerRedditDemo, startRedditSimulator, wantsRedditPoller } from './lib/reddit-demo.mjs';
import { assertPortFree, portSetting, webListenSettings } from './lib/ports.mjs';
import { wantsServatricePoller } from './lib/servatrice-setup.mjs';
import { Supervisor } from './lib/supervisor.mjs';
import { logFormatOf, migrationSummary, standInActivityLog } from './lib/child-output.mjs';

// Piped or redirected, stdout is for the apps' JSON log lines only (one object a line, for log
// tooling): this script's progress and banner go to stderr.
if (!process.stdout.isTTY) console.log = console.error;
parseStartArguments(process.argv.slice(2));
await installAndBuild();
// Every relayed line is redacted once more (a demo stand-in's error may quote its state, webhook
// tokens included; the apps redact their own): imported after the build, which makes it.
const { createLogger, redact, redactValue } = await import('@herald/logging');
/** A JSON line is redacted by key too (a `"token": "…"` field), text by value. */
const redactLine = (line) => {
  if (!line.startsWith('{')) return redact(line);
  try {
    return JSON.stringify(redactValue(JSON.parse(line)));
  } catch {
    return redact(line);
  }
};

// Same V8 tuning as the Docker image (see infra/Dockerfile): a small young generation keeps RSS low.
const env = { NODE_OPTIONS: '--max-semi-space-size=4', ...process.env };
// An empty variable means "not set", as the apps read theirs (an empty value in a compose file or a
// shell line, `HERALD_ADMIN_PASSWORD=`): this script's defaults fill empty ones too (||=, not ??=).
// Any sign of a real setup (a webhook, an ini, Herald's settings file, a bot token, Reddit credentials
// or a dab.conf.json) means: not the demo.
const demo = !env.DISCORD_WEBHOOK_URL && !env.CONFIG_FILE && !env.HERALD_CONFIG && !env.DISCORD_BOT_TOKEN && !redditSetupInEnv(env);
// The database and Redis of HERALD_CONFIG when it names them (the migrations read DATABASE_URL only,
// and the apps must not use another database than the one the settings file names), else local ones.
env.DATABASE_URL ||= (await heraldSetting(env, ['postgres', 'url'])) ?? `postgresql://postgres@127.0.0.1:5432/${demo ? 'herald_demo' : 'herald'}`;
env.REDIS_URL ||= (await heraldSetting(env, ['redis', 'url'])) ?? 'redis://127.0.0.1:6379';
if (demo) env.HERALD_REDIS_PREFIX ||= 'herald-demo';
// The apps write to a pipe read by this script, so they cannot tell whether a person is reading:
// this script can, and tells their `auto` log format (a LOG_FORMAT or log.format the user set still
// wins). Colours too, unless the reader turned them off (NO_COLOR).
env.HERALD_LOG_TTY = process.stdout.isTTY ? '1' : '0';
if (process.stdout.isTTY && process.stdout.hasColors?.() && !env.NO_COLOR) env.FORCE_COLOR ||= '1';
const stateDir = env.HERALD_STATE_DIR || join(root, '.herald');

const herald = new Supervisor(env, { redact: redactLine, tagJson: Boolean(process.stdout.isTTY), activityLog: standInActivityLog(createLogger, await logFormatOf(env, Boolean(process.stdout.isTTY))) });
process.once('SIGINT', () => void herald.stop(0));
process.once('SIGTERM', () => void herald.stop(0));
// A closed terminal: stop as cleanly as on Ctrl-C.
process.once('SIGHUP', () => void herald.stop(0));
try {
  await main();
} catch (error) {
  if (!herald.stopping) {
    console.error(redact(`✖ ${error instanceof Error ? error.message : String(error)}`));
    await herald.stop(1);
  }
}

async function main() {
  await checkServices({ PostgreSQL: env.DATABASE_URL, Redis: env.REDIS_URL, ...(demo ? { MariaDB: 'mysql://127.0.0.1:3306' } : {}) });
  await warnIfNoPgDump(env); // /backup's pg_dump: a warning, the rest runs without it
  const demoSetup = demo ? await startDemo() : undefined;
  if (herald.stopping) return;

  const apps = [];
  // Each poller only where its source is set up (the demo sets up all three).
  if (demo || (await wantsServatricePoller(env))) apps.push(['poller', 'apps/servatrice-poller/dist/main.js']);
  // The IBC poller only where there is something to watch: the demo's chains, or an `ibc:` section with chains.
  const ibc = demo || (await wantsIbcPoller(env.HERALD_CONFIG));
  if (ibc) apps.push(['ibc', 'apps/ibc-poller/dist/main.js']);
  // The Reddit poller likewise: the demo's simulated Reddit, or Reddit credentials (or DAB_CONFIG) to use.
  const reddit = demo || (await wantsRedditPoller(env));
  if (reddit) apps.push(['reddit', 'apps/reddit-poller/dist/main.js']);
  if (apps.length === 0) {
    console.error('✖ config error: nothing to watch: set CONFIG_FILE (a Servatrice ini), an ibc: section with chains in HERALD_CONFIG, or the Reddit credentials (REDDIT_* or DAB_CONFIG); see the README');
    return herald.stop(2);
  }
  apps.push(['notifier', 'apps/notifier/dist/main.js'], ['web', 'apps/web/dist/main.js']);

  console.log('→ checking the configuration');
  const web = await checkConfigs(apps);
  if (herald.stopping) return;
  // Before migrations and the other apps: a port held by another program (another Herald whose
  // /healthz would answer for this one) or an address not on this machine stops Herald here.
  const listen = await webListenSettings(env);
  await assertPortFree(web.host, web.port, listen.port, listen.host);

  console.log('→ applying database migrations');
  // Its report on stdout is for this script (JSON asked for, to be read), summed up as progress: a pipe
  // gets only the apps' log lines. Its problems (stderr) are shown as they come.
  const migrated = await herald.run('migrate', 'packages/db/dist/migrate-cli.js', [], { showErrors: true, env: { LOG_FORMAT: 'json' } });
  if (herald.stopping) return;
  if (migrated.code !== 0) {
    console.error('✖ the database migrations failed (above); nothing was started');
    await herald.stop(migrated.code);
  }
  const summary = migrationSummary(migrated.stdout);
  if (summary) console.log(`  ${summary}`);
  await demoSetup?.afterMigrations();

  for (const [name, file] of apps) herald.launch(name, file);
  const url = `http://${['0.0.0.0', '::', ''].includes(web.host) ? '127.0.0.1' : web.host.includes(':') ? `[${web.host}]` : web.host}:${web.port}`;
  if (!(await waitForHealthy(`${url}/healthz`, () => herald.stopping !== undefined))) return;
  printBanner(url, { demoSetup, ibc, reddit, login: await webLogin(env) });
}

/**
 * Runs every app with `--check-config` at once. On a problem, prints each distinct error line once
 * (several apps read the same settings) and stops with the first failing app's exit code (2 for a
 * configuration error) before anything has touched Postgres. Returns where the web app will listen.
 */
async function checkConfigs(apps) {
  const results = await Promise.all(apps.map(([name, file]) => herald.run(name, file, ['--check-config'])));
  // Herald is being stopped (SIGINT, SIGTERM): the checks were ended with it, which says nothing
  // about the settings; the stop exits with its own code.
  if (herald.stopping) return undefined;
  // A check ended by a signal from elsewhere (a kill, the OOM killer) found no problem either: say
  // which, and stop with the signal's code as for an app that dies.
  const killed = results.findIndex((r) => r.signal);
  if (killed !== -1) {
    console.error(`✖ Herald did not start: the configuration check of ${apps[killed][0]} was ended by ${results[killed].signal}`);
    return herald.stop(results[killed].code);
  }
  const failed = results.filter((r) => r.code !== 0);
  if (failed.length > 0) {
    // Redacted like every relayed line: a `fatal:` stack may quote a DSN or a token.
    const lines = [...new Set(failed.flatMap((r) => r.stderr.split('\n').filter((line) => line.trim() !== '').map(redactLine)))];
    // Exit 2 is a setting named above; anything else (a crash, with its stack) is not the settings' fault.
    const why = failed.every((r) => r.code === 2) ? 'fix the setting named above' : `a configuration check failed (exit ${failed.find((r) => r.code !== 2).code}, above)`;
    console.error(`${lines.join('\n')}\n✖ Herald did not start: ${why} (Herald's database was not touched)`);
    await herald.stop(failed[0].code);
  }
  const web = results[apps.findIndex(([name]) => name === 'web')];
  return JSON.parse(web.stdout.trim().split('\n').at(-1)).web;
}

function printBanner(url, { demoSetup, ibc, reddit, login }) {
  console.log(`\n✔ Herald is running: dashboard at ${url}/${demo ? '  (demo mode: no Discord configured)' : ''}`);
  if (demoSetup) {
    console.log(`  Demo Discord sink:  ${url}/demo/discord`);
    console.log(`  Admin login:        user ${login?.user ?? env.HERALD_ADMIN_USER}, ${demoSetup.passwordHint}; for Bull Board (${url}/admin/queues),`);
    console.log('                      pausing a destination, and commands on the demo page');
    console.log('  Bot commands:       run `npm run register-commands` (after each start of the demo), then try /help, /version,');
    console.log('                      /status on the demo page');
    console.log(`  IBC:                ${url}/ibc  three simulated chains; within minutes a light client warns`);
    console.log('                      and is updated (resolved), another goes critical, an expired one is revived, a wallet runs low');
    console.log('                      and is topped up. Try /data, /wallets and /my_wallets (as moderator) on the demo page.');
    console.log(`  Reddit:             ${url}/reddit  five simulated accounts, back-filled on a budget of 30 requests a minute;`);
    console.log('                      in #general, about 3½ minutes after the start a comment sinks past -1000 (announced once),');
    console.log('                      at ~4½ an account is suspended and at ~6½ it is back. Try /info and /karma on the demo page.');
  } else {
    if (ibc) console.log(`  IBC:                ${url}/ibc`);
    if (reddit) console.log(`  Reddit:             ${url}/reddit`);
  }
  // The web app's own reading of its settings (HERALD_WEB_PUBLIC=1/yes/on, web.public in the file, the login in either).
  if (login && !login.publicPages) console.log(`  Every page asks for the admin login (user ${login.user}).`);
  console.log('  Stop with Ctrl-C.\n');
}

/**
 * The demo's outside world, set up before the configuration check (the apps' settings name its
 * addresses): a Servatrice database in the local MariaDB, the built-in Discord and the simulated
 * Cosmos chains, and the settings files for them. `afterMigrations` registers the demo wallets and
 * starts the simulated sign-ups.
 */
async function startDemo() {
  const discordPort = portSetting(env, 'DEMO_DISCORD_PORT', 4100);
  await assertPortFree('127.0.0.1', discordPort, 'DEMO_DISCORD_PORT');
  const { servatriceSchemaSql, DemoGuild } = await import('@herald/testkit');
  const { ensureDemoServatrice, startSignupSimulator } = await import('@herald/servatrice');
  const dir = join(stateDir, 'demo');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const mariadb = { host: '127.0.0.1', port: 3306, user: env.DEMO_MARIADB_USER || 'root', password: env.DEMO_MARIADB_PASSWORD || '' };
  const database = env.DEMO_MARIADB_DATABASE || 'servatrice_demo';
  const monitor = { user: 'herald_demo_monitor', password: 'demo-monitor-password' };
  console.log(`→ demo: preparing a Servatrice database (real schema) in the local MariaDB: ${database}`);
  await ensureDemoServatrice({ admin: mariadb, database, prefix: 'cockatrice', monitorUser: monitor.user, monitorPassword: monitor.password, schemaSql: servatriceSchemaSql() });

  // The stand-ins' state lines are for this script (and in their state files); what they do later is logged.
  const standIn = { outsideWorld: true, stateOnStdout: true };
  console.log('→ demo: starting the built-in Discord sink');
  const sink = herald.launch('discord', 'packages/testkit/dist/fake-discord/cli.js', ['--port', String(discordPort), '--state-file', join(dir, 'discord.json')], standIn);
  const state = await firstJsonLine(sink, 'the demo Discord sink');
  writeFileSync(
    join(dir, 'monitor.ini'),
    `; Generated by npm start (demo mode)\n[database]\nhostname=127.0.0.1\nport=3306\ndatabase=${database}\nuser=${monitor.user}\npassword=${monitor.password}\nprefix=cockatrice\n\n[discord]\nnew_user_activation_webhook=${state.webhooks[0].url}\n`,
    { mode: 0o600 }, // a password and a webhook token: for its owner only
  );
  env.CONFIG_FILE = join(dir, 'monitor.ini');
  // The demo bot: slash commands (and prefix commands, the fake grants the message-content intent)
  // in the fake's demo server; sign-ups also go to its #alerts channel, pinging the moderator role.
  console.log('→ demo: starting the simulated Cosmos chains (IBC light clients and relayer wallets)');
  const cosmos = await startIbcSimulator((name, file, args) => herald.launch(name, file, args, standIn), dir);
  console.log('→ demo: starting the simulated Reddit (tracked accounts, a high score, a suspension)');
  const reddit = await startRedditSimulator((name, file, args) => herald.launch(name, file, args, standIn), dir);
  writeFileSync(join(dir, 'herald.yaml'), await demoHeraldYaml(DemoGuild, cosmos.ibc, reddit.reddit), { mode: 0o600 });
  env.HERALD_CONFIG ||= join(dir, 'herald.yaml');
  for (const [key, value] of Object.entries(demoBotEnv(DemoGuild))) env[key] ||= value;
  env.DISCORD_API_BASE_URL = state.apiBaseUrl;
  env.HERALD_DEMO_DISCORD_URL = state.url;
  env.HERALD_ADMIN_USER ||= 'admin';
  // The demo's data is simulated and, on loopback, only this machine can reach it: its read-only pages
  // open without the login (admin actions and the demo page's commands still ask). Bound to another
  // address (HERALD_WEB_HOST), every page asks for the login, as in a real install.
  const loopback = ['127.0.0.1', 'localhost', '::1'].includes(env.HERALD_WEB_HOST || '127.0.0.1');
  if (loopback) env.HERALD_WEB_PUBLIC ||= 'true';
  // An operator-set password wins; otherwise one made once and kept in the state directory.
  let passwordHint = 'password as set in HERALD_ADMIN_PASSWORD';
  if (!env.HERALD_ADMIN_PASSWORD) {
    const file = join(stateDir, 'admin-password');
    env.HERALD_ADMIN_PASSWORD = demoAdminPassword(file).password;
    const shown = relative(process.cwd(), file);
    passwordHint = `password in ${shown.startsWith('..') ? file : shown}`;
  }

  return {
    passwordHint,
    async afterMigrations() {
      const [, registered] = await Promise.all([registerIbcDemo(env.DATABASE_URL, cosmos), registerRedditDemo(env.DATABASE_URL, reddit)]);
      console.log(`→ demo: ${registered.filter((r) => r.kind === 'added').length} of ${registered.length} Reddit accounts registered (the others were already tracked)`);
      const everyMs = Number(env.DEMO_SIGNUP_EVERY_MS || 4000);
      const simulator = startSignupSimulator({ connection: { ...mariadb, database }, prefix: 'cockatrice', everyMs });
      herald.beforeStop = () => simulator.stop();
      console.log(`→ demo: a simulated player signs up every ${everyMs / 1000} s`);
    },
  };
}

/**
 * `npm start -- --help` prints what this script reads; any other argument is a config error (exit 2)
 * before anything is installed or started (it used to start the whole demo).
 */
function parseStartArguments(args) {
  const usage = `Usage: npm start [-- --help]

Installs, builds and starts Herald: the demo without Discord settings, your setup with them. Settings
are environment variables and HERALD_CONFIG's file (see the README): HERALD_WEB_PORT, HERALD_WEB_HOST,
HERALD_SKIP_BUILD=1, HERALD_STATE_DIR, DEMO_DISCORD_PORT, CONFIG_FILE, HERALD_CONFIG, DISCORD_*, REDDIT_*.`;
  try {
    const { values } = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false });
    if (values.help) {
      console.error(usage);
      process.exit(0);
    }
  } catch (error) {
    console.error(`config error: arguments: ${error instanceof Error ? error.message : String(error)}\n${usage}`);
    process.exit(2);
  }
}

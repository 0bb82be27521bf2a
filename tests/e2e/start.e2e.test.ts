// `npm start` as a user runs it: its checks, its banner and its stop. The checkout is already
// installed and built when end-to-end tests run, so every start here sets HERALD_SKIP_BUILD=1
// (scripts/lib/bootstrap.mjs). Each start has its own Postgres database (created by the start's
// own migration step, so "no migration applied" can be checked), Redis prefix, ports, state
// directory (.herald/ stand-in) and demo MariaDB database, so it meets no developer's demo.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServatriceDatabase, createTestRedisPrefix, postgresUrlFor, uniqueName, withPostgresAdmin } from '@herald/testkit';
import { AppProcess, createStack, freePort, repoRoot, runApp, type Stack } from './harness.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A Postgres database name nobody has created: `npm start`'s migration step would create it. */
function unusedDatabase(): { name: string; url: string } {
  const name = uniqueName('herald_e2e_start');
  cleanups.push(() => withPostgresAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));
  return { name, url: postgresUrlFor(name) };
}

const databaseExists = (name: string) => withPostgresAdmin(async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);

/** `command args` in the repository with only `env` (and PATH, HOME): the user's shell, not the test runner's. */
function startProcess(name: string, command: string, args: string[], env: Record<string, string>): AppProcess {
  // Its own process group, so a failed test's cleanup also ends what npm and start.mjs started
  // (killing npm alone left the apps running).
  const child = spawn(command, args, { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), HERALD_SKIP_BUILD: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const app = new AppProcess(name, child);
  cleanups.push(async () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // the group has already ended
    }
    if (child.exitCode === null && child.signalCode === null) await app.kill('SIGKILL');
  });
  return app;
}

const startScript = (env: Record<string, string>) => startProcess('start.mjs', process.execPath, ['scripts/start.mjs'], env);

async function finished(app: AppProcess, timeoutMs: number): Promise<number | null> {
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${app.name} still running after ${timeoutMs} ms:\n${app.text.slice(-3000)}`)), timeoutMs).unref());
  return (await Promise.race([app.exited, timeout])).code;
}

/** Every process below `pid` (Linux /proc): the apps and the demo's stand-ins under npm start. */
function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    const stat = readProcStat(Number(entry));
    if (stat) parents.set(stat.ppid, [...(parents.get(stat.ppid) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const walk = (p: number) => (parents.get(p) ?? []).forEach((c) => (found.push(c), walk(c)));
  walk(pid);
  return found;
}

function readProcStat(pid: number): { ppid: number; state: string } | undefined {
  try {
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after its last ")".
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: state!, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

/** Still running: present and not a zombie (an exited child its parent has not reaped yet). */
const running = (pid: number) => {
  const stat = readProcStat(pid);
  return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
};

/** Another program on `port`: it hangs up on whoever connects (start.mjs polls the port for /healthz). */
/**
 * Sends `signal` to `app` (npm start's pid) and expects it and every process below it to be gone
 * within 10 s. Returns how many processes there were.
 */
async function expectStopsEverything(app: AppProcess, signal: NodeJS.Signals): Promise<number> {
  const processes = descendants(app.child.pid!);
  const stoppedAt = Date.now();
  app.child.kill(signal);
  await finished(app, 10_000);
  // The apps exit before start.mjs (it waits for them); nothing may outlive the 10 s.
  await expect.poll(() => processes.filter(running), { timeout: Math.max(0, 10_000 - (Date.now() - stoppedAt)), interval: 100 }).toEqual([]);
  return processes.length;
}

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.destroy()).once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
    cleanups.push(() => new Promise((r) => server.close(r)));
  });
}

describe('npm start: configuration errors', () => {
  it('checks every setting before migrating: CONFIG_FILE names itself, exit 2, the database untouched', async () => {
    const db = unusedDatabase();
    const start = startScript({ CONFIG_FILE: join(tmpdir(), 'herald-missing-monitor.ini'), DATABASE_URL: db.url });
    expect(await finished(start, 30_000)).toBe(2);
    expect(start.text).toMatch(/config error: CONFIG_FILE: config file not found or unreadable: .*herald-missing-monitor\.ini/);
    expect(start.text).not.toContain('--config');
    expect(start.text).not.toContain('applying database migrations');
    expect(await databaseExists(db.name)).toBe(false);
  });

  it('names HERALD_CONFIG for a settings file that is not there, once although every app reads it', async () => {
    const db = unusedDatabase();
    const start = startScript({ HERALD_CONFIG: join(tmpdir(), 'herald-missing.yaml'), DATABASE_URL: db.url });
    expect(await finished(start, 30_000)).toBe(2);
    expect(start.text.match(/config error: HERALD_CONFIG: cannot read config file .*herald-missing\.yaml/g)).toHaveLength(1);
    expect(await databaseExists(db.name)).toBe(false);
  });

  it('runs only the pollers whose source is set up: with none, says so (exit 2) before touching the database', async () => {
    const db = unusedDatabase();
    const settings = join(tmpdir(), `herald-nothing-${process.pid}.yaml`);
    writeFileSync(settings, 'log: { level: info }\n');
    cleanups.push(async () => rmSync(settings, { force: true }));
    const start = startScript({ HERALD_CONFIG: settings, DATABASE_URL: db.url });
    expect(await finished(start, 30_000)).toBe(2);
    expect(start.text).toContain('config error: nothing to watch: set CONFIG_FILE (a Servatrice ini), an ibc: section with chains in HERALD_CONFIG, or the Reddit credentials');
    expect(await databaseExists(db.name)).toBe(false);
  });

  it('the poller names --config when the path came from --config', async () => {
    const db = unusedDatabase();
    const { code, output } = await runApp('servatrice-poller', ['--config', join(tmpdir(), 'herald-missing-monitor.ini'), '--check-config'], { DATABASE_URL: db.url });
    expect(code).toBe(2);
    expect(output).toMatch(/config error: --config: config file not found or unreadable/);
  });
});

describe('npm start with a real (non-demo) setup', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await createStack();
    cleanups.push(() => stack.close());
  });

  it('kill -INT of the npm start pid stops every app within 10 s; LOG_FORMAT=pretty gives readable lines', async () => {
    const webPort = await freePort();
    // (start.mjs itself sets LOG_FORMAT=pretty when its output is a terminal, which a test's is not.)
    // A login with the pages opened by a spelling of "true" the web app accepts (not only `true`).
    const login = { HERALD_ADMIN_USER: 'ops', HERALD_ADMIN_PASSWORD: 'a-long-admin-password', HERALD_WEB_PUBLIC: 'On' };
    const npm = startProcess('npm start', 'npm', ['start', '--silent'], { ...stack.env, ...login, HERALD_WEB_PORT: String(webPort), LOG_FORMAT: 'pretty' });
    await npm.waitFor(/✔ Herald is running/, 90_000);
    await npm.waitFor(/Stop with Ctrl-C/, 10_000);
    expect((await fetch(`http://127.0.0.1:${webPort}/healthz`)).status).toBe(200);
    // The banner says what the app does: the dashboard answers without the login, and the banner does not ask for it.
    expect((await fetch(`http://127.0.0.1:${webPort}/`)).status).toBe(200);
    expect(npm.text).not.toContain('asks for the admin login');
    expect(await expectStopsEverything(npm, 'SIGINT')).toBeGreaterThanOrEqual(4); // start.mjs and 3 apps
    expect(npm.text).toMatch(/^\[web\] +\[\d\d:\d\d:\d\d\.\d{3}\] INFO: Server listening at /m);
    expect(npm.text).toMatch(/^\[web\] +\[\d\d:\d\d:\d\d\.\d{3}\] INFO: stopped$/m);
    expect(npm.text).not.toMatch(/^\[(web|notifier|poller)\] +\{/m);
  });

  it('a port in use: the web app says which setting to change, exit 2 and no banner', async () => {
    const port = await freePort();
    await listen(port);
    const start = startScript({ ...stack.env, HERALD_WEB_PORT: String(port) });
    expect(await finished(start, 60_000)).toBe(2);
    expect(start.text).toContain(`config error: HERALD_WEB_PORT: 127.0.0.1:${port} is already in use by another program; set HERALD_WEB_PORT to a free port`);
    expect(start.text).not.toMatch(/EADDRINUSE|Herald is running/);
  });

  it('a host that does not resolve is named as HERALD_WEB_HOST, not as the port; exit 2 before migrating', async () => {
    const db = unusedDatabase();
    const start = startScript({ ...stack.env, DATABASE_URL: db.url, HERALD_WEB_HOST: 'nonexistent.invalid', HERALD_WEB_PORT: String(await freePort()) });
    expect(await finished(start, 60_000)).toBe(2);
    expect(start.text).toMatch(/config error: HERALD_WEB_HOST: nonexistent\.invalid does not resolve to an address \((ENOTFOUND|EAI_AGAIN)\); set HERALD_WEB_HOST to /);
    expect(start.text).not.toContain('HERALD_WEB_PORT');
    expect(await databaseExists(db.name)).toBe(false);
  });

  it('names only the settings the user wrote, in their units: RETENTION_EVENTS=1d alone is fine, RETENTION_INTERVAL=30s is not', async () => {
    const db = unusedDatabase();
    const start = startScript({ ...stack.env, DATABASE_URL: db.url, RETENTION_EVENTS: '1d', RETENTION_INTERVAL: '30s' });
    expect(await finished(start, 60_000)).toBe(2);
    expect(start.text.match(/config error: .*/g)).toEqual(['config error: RETENTION_INTERVAL: must be at least 1m (got 30s)']);
    expect(start.text).toContain("✖ Herald did not start: fix the setting named above (Herald's database was not touched)");
    expect(await databaseExists(db.name)).toBe(false);
  });

  it('kill -TERM while the configuration is being checked stops Herald without blaming a setting', async () => {
    const db = unusedDatabase();
    const start = startScript({ ...stack.env, DATABASE_URL: db.url });
    await start.waitFor(/→ checking the configuration/, 30_000);
    start.child.kill('SIGTERM');
    // The same exit as a stop at any other moment (start.mjs stops with 0 on SIGINT/SIGTERM).
    expect(await finished(start, 10_000)).toBe(0);
    expect(start.text).not.toMatch(/did not start|fix the setting|config error/);
    expect(await databaseExists(db.name)).toBe(false);
  });
});

describe('npm start: the demo', () => {
  it('a port in use: the demo names DEMO_DISCORD_PORT before it starts anything', async () => {
    const port = await freePort();
    await listen(port);
    const start = startScript({ DEMO_DISCORD_PORT: String(port), HERALD_STATE_DIR: mkdtempSync(join(tmpdir(), 'herald-state-')), DATABASE_URL: unusedDatabase().url });
    expect(await finished(start, 30_000)).toBe(2);
    expect(start.text).toContain(`config error: DEMO_DISCORD_PORT: 127.0.0.1:${port} is already in use by another program; set DEMO_DISCORD_PORT to a free port`);
    expect(start.text).not.toMatch(/EADDRINUSE|preparing a Servatrice database/);
  });

  it('announces itself once /healthz answers, and kill -TERM of the npm start pid stops every process within 10 s, quietly', async () => {
    const db = unusedDatabase();
    const redis = createTestRedisPrefix();
    cleanups.push(() => redis.cleanup());
    const stateDir = mkdtempSync(join(tmpdir(), 'herald-state-'));
    cleanups.push(async () => rmSync(stateDir, { recursive: true, force: true }));
    // The demo's Servatrice database, made here so it can be dropped after (the demo keeps its schema).
    const servatrice = await createServatriceDatabase();
    cleanups.push(async () => {
      // The demo grants its shared monitor user access to this database: take that back first.
      for (const host of ['%', 'localhost']) {
        await servatrice.admin.query(`REVOKE SELECT (id, name, realname, email, registrationDate) ON \`${servatrice.name}\`.cockatrice_users FROM 'herald_demo_monitor'@'${host}'`);
      }
      await servatrice.drop();
    });
    const [webPort, discordPort] = [await freePort(), await freePort()];
    const env = {
      DATABASE_URL: db.url,
      HERALD_REDIS_PREFIX: redis.prefix,
      HERALD_WEB_PORT: String(webPort),
      DEMO_DISCORD_PORT: String(discordPort),
      DEMO_MARIADB_DATABASE: servatrice.name,
      HERALD_STATE_DIR: stateDir,
      // Empty is "not set" (compose files and shell lines write it so): the demo uses its stored password.
      HERALD_ADMIN_PASSWORD: '',
    };
    // Through npm, as the README says: the signal goes to npm's pid.
    const npm = startProcess('npm start', 'npm', ['start', '--silent'], env);
    let stdout = '';
    npm.child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));

    await npm.waitFor(/✔ Herald is running/, 90_000);
    // The banner's lines are separate writes: wait for the one read below, not only the first.
    await npm.waitFor(/Admin login: .*password in /, 10_000);
    const health = await fetch(`http://127.0.0.1:${webPort}/healthz`);
    expect(health.status).toBe(200);
    expect(npm.text.indexOf('Server listening')).toBeLessThan(npm.text.indexOf('✔ Herald is running'));

    // The admin password: kept in the state directory for its owner only, never printed.
    const passwordFile = join(stateDir, 'admin-password');
    expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
    expect(npm.text).toContain(`user admin, password in ${passwordFile}`);
    expect(npm.text).not.toContain(readFileSync(passwordFile, 'utf8').trim());

    // The bot is connected, so a stop that reported the gateway as lost would show here.
    await npm.waitFor(/Discord gateway connected/);
    expect(await expectStopsEverything(npm, 'SIGTERM')).toBeGreaterThanOrEqual(7); // start.mjs, 2 stand-ins, 4 apps
    expect(npm.text).toMatch(/"app":"notifier".*"msg":"stopped"/);
    // Piped, stdout is the apps' log only, one JSON object a line, with nothing secret in it (the
    // demo Discord's webhook token included); the progress and the banner went to stderr.
    // Every line a log entry with the apps' fields: the stand-ins' state and the migration report are
    // not dumped there (they were read by start.mjs), the stand-ins' activity is logged like the apps'.
    const lines = stdout.split('\n').filter((line) => line !== '');
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    for (const line of lines) expect(JSON.parse(line), line).toMatchObject({ level: expect.any(Number), time: expect.any(String), app: expect.any(String), msg: expect.any(String) });
    expect(npm.text).toMatch(/^ {2}\d+ migrations? applied|^ {2}the schema is current/m);
    const token = JSON.parse(readFileSync(join(stateDir, 'demo', 'discord.json'), 'utf8')).webhooks[0].token as string;
    expect(npm.text).not.toContain(token);
    expect(npm.text).not.toMatch(/gateway connection lost|gateway disconnected/i);
  }, 120_000); // the whole demo starts (seven processes): slow on a loaded 2-core machine
});
